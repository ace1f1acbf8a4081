/** Order statistics and the report table. */

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (position - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** How a row's figure is compared with its target. */
export type Verdict = 'PASS' | 'FAIL' | 'INFO';

export interface Row {
  id: string;
  measure: string;
  service: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
  /** Extra lines printed under the row (command counts, per-round figures ...). */
  notes?: string[];
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
export const sec = (value: number): string =>
  Number.isFinite(value) ? `${(value / 1000).toFixed(1)} s` : 'n/a';
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a');
export const plus = (value: number): string =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms` : 'n/a';

export const verdict = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');

/** Prints one row as soon as it is measured (a full run takes long). */
export function printRow(row: Row): void {
  const cells = [row.id.padEnd(4), row.measure.padEnd(44), row.service.padStart(14)];
  cells.push(row.baseline.padStart(14), row.ratio.padStart(14), row.target.padEnd(18), row.verdict);
  process.stdout.write(`${cells.join(' ')}\n`);
  for (const note of row.notes ?? []) process.stdout.write(`       ${note}\n`);
}

export function printHeader(): void {
  const cells = ['row'.padEnd(4), 'measure'.padEnd(44), 'service'.padStart(14), 'baseline'.padStart(14)];
  cells.push('ratio/delta'.padStart(14), 'target'.padEnd(18), 'verdict');
  process.stdout.write(`${cells.join(' ')}\n${'-'.repeat(122)}\n`);
}

/** A markdown table of the rows, for the README's Performance section. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| row | measure | service | baseline | ratio | target | verdict |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.id} | ${row.measure} | ${row.service} | ${row.baseline} | ${row.ratio} | ${row.target} | ${row.verdict} |`,
    );
  }
  return lines.join('\n');
}
