/** Reading an import file and its report: the format a file is in, and each error's field within its row. */

export type ImportFormat = 'CSV' | 'JSON';

/** The format of a file by its name, else by its first character (`[` or `{` is JSON). */
export function formatOf(name: string, text: string): ImportFormat {
  if (/\.json$/i.test(name)) return 'JSON';
  if (/\.csv$/i.test(name)) return 'CSV';
  return /^\s*[[{]/.test(text) ? 'JSON' : 'CSV';
}

/** The field inside the row that an import error names (`rows[3].tier` → `tier`, `rows[3].location.lat` → `location.lat`). */
export function rowFieldOf(path: string): string {
  return path.replace(/^rows(?:\[\d+\]|\.\d+)\.?/, '') || path;
}
