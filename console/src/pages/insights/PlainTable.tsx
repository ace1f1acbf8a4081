import type { ReactNode } from 'react';

export interface PlainColumn<Row> {
  key: string;
  title: string;
  render: (row: Row) => ReactNode;
  numeric?: boolean;
}

/**
 * A plain HTML table in the kit's look. Ant Design's Table measures the scrollbar by writing an
 * inline <style> without the CSP nonce, which the console's CSP refuses (a console error on each
 * table); these lists are short and need no sorting or paging.
 */
export function PlainTable<Row>({
  id,
  label,
  columns,
  rows,
  rowKey,
  empty,
}: {
  id: string;
  label?: string;
  columns: Array<PlainColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: string;
}) {
  return (
    <table id={id} className="plain-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="plain-table-empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
