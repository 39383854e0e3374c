import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Card, Segmented, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../shared/lib/csv';
import { ListLoading } from '../../../shared/ui/states';
import { tableCsv, type Column } from '../dashboard-data';
import type GenericChartTable from './ChartTable';

const EChart = lazy(() => import('./EChart'));
// The table view loads when first asked for (the chart is the default view).
const ChartTable = lazy(() => import('./ChartTable')) as unknown as typeof GenericChartTable;

/** Chart animation is off under automation (tests, benchmarks) and for people who ask for reduced motion. */
export function chartAnimation(): boolean {
  if (typeof navigator !== 'undefined' && navigator.webdriver) return false;
  return !(typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
}

/**
 * One chart of the dashboard: the chart or, at a switch, the same figures as a table (the accessible view), and
 * the table's CSV (headers in the page's language, UTF-8 with BOM for Excel).
 */
export function ChartCard<Row>({
  id,
  title,
  option,
  columns,
  rows,
  rowKey,
  fileName,
  height = 300,
  extra,
  onRendered,
}: {
  id: string;
  title: string;
  option: object;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  fileName: string;
  height?: number;
  extra?: ReactNode;
  /** Called with the card's id once its chart has drawn. */
  onRendered?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = `${id}-title`;
  return (
    <Card
      title={
        <h2 id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </h2>
      }
      extra={
        <Space wrap>
          {extra}
          <Segmented
            size="small"
            aria-label={t('bureau.chart.view')}
            value={view}
            onChange={(value) => setView(value as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('bureau.chart.chart') },
              { value: 'table', label: t('bureau.chart.table') },
            ]}
          />
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={`${t('bureau.chart.csv')}: ${title}`}
            onClick={() => downloadText(fileName, tableCsv(columns, rows))}
          >
            CSV
          </Button>
        </Space>
      }
      styles={{ body: { minHeight: height } }}
      aria-labelledby={headingId}
      role="region"
    >
      {view === 'chart' ? (
        <div role="img" aria-label={t('bureau.chart.imageLabel', { title })}>
          <Suspense fallback={<ListLoading rows={5} />}>
            <EChart option={option} height={height} onRendered={onRendered && (() => onRendered(id))} />
          </Suspense>
        </div>
      ) : (
        <Suspense fallback={<ListLoading rows={5} />}>
          <ChartTable columns={columns} rows={rows} rowKey={rowKey} />
        </Suspense>
      )}
    </Card>
  );
}
