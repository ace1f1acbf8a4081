import type { Key, ReactNode } from 'react';

export interface SimpleColumn<Row> {
  key: string;
  title: string;
  render: (row: Row) => ReactNode;
}

/**
 * A plain, accessible HTML table styled like Ant Design's small one. Ant Design's Table measures
 * the scrollbar by injecting a <style> without the CSP nonce (rc-util getTargetScrollBarSize), which
 * the console's CSP refuses; these lists need none of its features.
 */
export function SimpleTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  empty,
}: {
  label: string;
  columns: ReadonlyArray<SimpleColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  empty?: string;
}) {
  return (
    <table className="simple-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined && (
          <tr>
            <td colSpan={columns.length} className="simple-table-empty">
              {empty}
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.key}>{column.render(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
