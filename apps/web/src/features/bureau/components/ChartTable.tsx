// A chart's figures as a table (ChartCard's accessible view): loaded on demand, so antd's Table (with its
// pagination, select, checkbox and radio) is not in the dashboard's first load, where every card shows its chart.
import { Table } from 'antd';
import type { Column } from '../dashboard-data';

export default function ChartTable<Row>({
  columns,
  rows,
  rowKey,
}: {
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}) {
  return (
    <Table<Row>
      size="small"
      pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
      rowKey={rowKey}
      dataSource={rows}
      columns={columns.map((column) => ({
        key: column.key,
        title: column.title,
        align: column.numeric ? ('right' as const) : undefined,
        render: (_: unknown, row: Row) => column.value(row) ?? '—',
      }))}
    />
  );
}
