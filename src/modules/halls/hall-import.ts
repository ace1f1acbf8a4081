/**
 * Turns an import file (CSV or JSON) into raw hall rows for `hallInputSchema`. Pure: no I/O.
 * The CSV dialect is RFC 4180 (comma separated, double quotes, "" inside quotes, CRLF or LF),
 * with a header row naming the columns in `CSV_COLUMNS`; list columns separate values with `|`;
 * `openingHours` uses the compact notation of `parseHoursSpec`. `hallsToCsv` writes the same
 * format (an export an admin can edit and import again); see `guardCsvCell` for formula cells.
 */
import type { FieldProblem } from '../../errors.js';
import { badField } from '../../errors.js';
import type { HallContent } from './hall.model.js';
import { formatHoursSpec, parseHoursSpec } from './opening-hours.js';

export const IMPORT_FORMATS = ['CSV', 'JSON'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The CSV columns; `code`..`openingHours` are required, the rest optional. */
export const CSV_COLUMNS = [
  'code',
  'name',
  'tier',
  'operation',
  'partner',
  'area',
  'regionCode',
  'address',
  'lat',
  'lng',
  'floorAreaM2',
  'services',
  'openingHours',
  'status',
  'phone',
  'accessibility',
  'roster',
] as const;
const REQUIRED_COLUMNS = [
  'code',
  'name',
  'tier',
  'operation',
  'area',
  'regionCode',
  'address',
  'lat',
  'lng',
  'floorAreaM2',
  'services',
  'openingHours',
] as const;

export const MAX_IMPORT_ROWS = 5_000;

/** One record of the file, before validation. */
export interface RawRow {
  /** 0-based position among the records: error paths are `rows[index].field`. */
  index: number;
  /** The line of the file where the record starts (CSV), or null (JSON). */
  line: number | null;
  value: Record<string, unknown>;
  /** Problems found while converting the record (e.g. unreadable opening hours). */
  problems: FieldProblem[];
}

/**
 * Splits CSV text into records of fields, remembering the line each record starts on.
 * @throws AppError BAD_USER_INPUT on `data` for an unterminated quote.
 */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw badField('data', `a quoted field opened on line ${recordLine} is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

const list = (raw: string) =>
  raw
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '');
const nullable = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? null : raw.trim());
const numeric = (raw: string | undefined): unknown => {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  return Number.isFinite(value) ? value : raw;
};
const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  '1': true,
  是: true,
  false: false,
  no: false,
  n: false,
  '0': false,
  否: false,
};

/** Converts a compact opening-hours string in place, recording a problem instead of throwing. */
function convertHours(value: Record<string, unknown>, problems: FieldProblem[], root: string): void {
  if (typeof value['openingHours'] !== 'string') return;
  try {
    value['openingHours'] = parseHoursSpec(value['openingHours']);
  } catch (error) {
    problems.push({ path: `${root}.openingHours`, message: (error as Error).message });
  }
}

/** CSV text to raw rows. @throws BAD_USER_INPUT on `data` for a missing or unknown column. */
export function rowsFromCsv(text: string): RawRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw badField('data', 'the CSV file is empty: it needs a header row');
  const columns = header.fields.map((name) => name.trim());
  const unknown = columns.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length) throw badField('data', `unknown column(s): ${unknown.join(', ')}`);
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length) throw badField('data', `missing column(s): ${missing.join(', ')}`);
  if (records.length > MAX_IMPORT_ROWS) throw badField('data', `at most ${MAX_IMPORT_ROWS} rows per import`);

  return records.map((record, index) => {
    const cells = new Map(
      columns.map((name, column) => {
        const raw = record.fields[column];
        return [name, raw === undefined ? undefined : unguardCsvCell(raw)];
      }),
    );
    const cell = (name: string) => cells.get(name);
    const value: Record<string, unknown> = {
      code: cell('code'),
      name: cell('name'),
      tier: cell('tier')?.trim().toUpperCase(),
      operation: cell('operation')?.trim().toUpperCase(),
      partner: nullable(cell('partner')),
      area: cell('area')?.trim().toUpperCase(),
      regionCode: cell('regionCode'),
      address: cell('address'),
      location: { lat: numeric(cell('lat')), lng: numeric(cell('lng')) },
      floorAreaM2: numeric(cell('floorAreaM2')),
      services: list(cell('services') ?? ''),
      openingHours: cell('openingHours') ?? '',
    };
    const status = nullable(cell('status'));
    if (status) value['status'] = status.toUpperCase();
    if (cells.has('phone')) value['phone'] = nullable(cell('phone'));
    if (cells.has('accessibility')) value['accessibility'] = list(cell('accessibility') ?? '');
    const roster = nullable(cell('roster'));
    if (roster !== null) value['roster'] = BOOLEAN_WORDS[roster.toLowerCase()] ?? roster;
    const problems: FieldProblem[] = [];
    if (record.fields.length !== columns.length) {
      problems.push({
        path: `rows[${index}]`,
        message: `has ${record.fields.length} fields, the header has ${columns.length}`,
      });
    }
    convertHours(value, problems, `rows[${index}]`);
    return { index, line: record.line, value, problems };
  });
}

/**
 * JSON text (an array of hall objects shaped like `HallInput`, or `{ "halls": [...] }`) to raw rows.
 * `openingHours` may also be a compact string.
 * @throws BAD_USER_INPUT on `data` when it is not JSON or not such an array.
 */
export function rowsFromJson(text: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badField('data', `not valid JSON: ${(error as Error).message}`);
  }
  const items =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'halls' in parsed
      ? parsed.halls
      : parsed;
  if (!Array.isArray(items)) throw badField('data', 'expected an array of halls (or { "halls": [...] })');
  if (items.length > MAX_IMPORT_ROWS) throw badField('data', `at most ${MAX_IMPORT_ROWS} rows per import`);
  return items.map((item, index) => {
    const problems: FieldProblem[] = [];
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return {
        index,
        line: null,
        value: {},
        problems: [{ path: `rows[${index}]`, message: 'expected an object' }],
      };
    }
    const value = { ...(item as Record<string, unknown>) };
    convertHours(value, problems, `rows[${index}]`);
    return { index, line: null, value, problems };
  });
}

/** Raw rows of either format. */
export function rowsFrom(format: ImportFormat, data: string): RawRow[] {
  return format === 'CSV' ? rowsFromCsv(data) : rowsFromJson(data);
}

/** A cell a spreadsheet would run as a formula (OWASP CSV injection): = + - @, tab or carriage return. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Neutralises a cell for spreadsheets: a value that starts with = + - @, a tab or a carriage return
 * (after any apostrophes) gets one leading apostrophe, so it is shown as text, never run.
 * `unguardCsvCell` removes exactly that apostrophe, so export and import round-trip losslessly.
 */
export function guardCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of `guardCsvCell`: drops the one leading apostrophe it added (other values unchanged). */
export function unguardCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One RFC 4180 field: guarded, then quoted when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  const guarded = guardCsvCell(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * Halls as CSV in the import format (every column of `CSV_COLUMNS`, CRLF line ends), every cell
 * guarded against formula injection. Special dates' notes are not part of the format.
 */
export function hallsToCsv(halls: readonly HallContent[]): string {
  const rows = halls.map((hall) => {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      code: hall.code,
      name: hall.name,
      tier: hall.tier,
      operation: hall.operation,
      partner: hall.partner ?? '',
      area: hall.area,
      regionCode: hall.regionCode,
      address: hall.address,
      lat: String(hall.location.lat),
      lng: String(hall.location.lng),
      floorAreaM2: String(hall.floorAreaM2),
      services: hall.services.join('|'),
      openingHours: formatHoursSpec(hall.openingHours),
      status: hall.status,
      phone: hall.phone ?? '',
      accessibility: hall.accessibility.join('|'),
      roster: hall.roster ? 'true' : 'false',
    };
    return CSV_COLUMNS.map((column) => csvField(cells[column])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
