import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Segmented, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../shared/lib/csv';
import { ListLoading } from '../../../shared/ui/states';
import { tableCsv, type Column } from '../dashboard-data';
import type GenericChartTable from './ChartTable';

// The table view loads when first asked for (the chart is the default view).
const ChartTable = lazy(() => import('./ChartTable')) as unknown as typeof GenericChartTable;

/**
 * One chart of the dashboard: the chart or, at a switch, the same figures as a table (the accessible view), and
 * the table's CSV (headers in the page's language, UTF-8 with BOM for Excel).
 */
export function ChartCard<Row>({
  id,
  title,
  chart,
  loading = false,
  empty,
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
  /** The chart (components/charts.tsx), drawn when the card shows its chart view. */
  chart: ReactNode;
  /** The figures are on their way: a skeleton instead of the chart. */
  loading?: boolean;
  /** Nothing to draw (default: no rows): a line of text instead of the chart. */
  empty?: boolean;
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
  const nothing = empty ?? rows.length === 0;
  const drawn = view === 'chart' && !loading;
  // The SVG is drawn in the same commit as the card: tell the page at the next frame (after the page's own effects
  // of this commit, which start a new count on new figures), and again on new figures.
  useEffect(() => {
    if (!drawn || !onRendered) return;
    const frame = requestAnimationFrame(() => onRendered(id));
    return () => cancelAnimationFrame(frame);
  }, [drawn, chart, id, onRendered]);
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
        loading ? (
          <ListLoading rows={5} />
        ) : nothing ? (
          <p className="secondary" style={{ textAlign: 'center', margin: 0, paddingTop: height / 2 - 12 }}>
            {t('bureau.chart.empty')}
          </p>
        ) : (
          <div role="img" aria-label={t('bureau.chart.imageLabel', { title })}>
            {chart}
          </div>
        )
      ) : (
        <Suspense fallback={<ListLoading rows={5} />}>
          <ChartTable columns={columns} rows={rows} rowKey={rowKey} />
        </Suspense>
      )}
    </Card>
  );
}
