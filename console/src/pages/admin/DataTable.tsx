import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { Loading } from '../shared/Loading';

export interface Column<Row> {
  key: string;
  title: string;
  render: (row: Row) => ReactNode;
  align?: 'left' | 'right';
}

/**
 * A plain HTML table styled like Ant Design's. Ant Design's Table measures the scrollbar by
 * inserting a <style> element without the CSP nonce on every mount, which the console's CSP
 * blocks (and reports as an error); these lists need neither scrolling nor virtualisation.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowClassName,
  caption,
  loading = false,
}: {
  columns: Array<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string;
  caption?: string;
  loading?: boolean;
}) {
  return (
    <div className="data-table">
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" style={{ textAlign: column.align ?? 'left' }}>
                {column.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((column) => (
                <td key={column.key} style={{ textAlign: column.align ?? 'left' }}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {loading && rows.length === 0 && <Loading className="data-table-loading" />}
      {!loading && rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </div>
  );
}
