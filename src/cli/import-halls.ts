/**
 * npm run import:halls -- <file.csv|file.json> [--format CSV|JSON] [--dry-run] [--skip-invalid]
 *
 * Imports halls from a file with the same rules and per-row report as the `importHalls` mutation,
 * as a trusted local admin, showing progress on stderr. Exits 1 when a row is invalid (or the
 * file unreadable), 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { staffPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { ImportFormat } from '../modules/halls/index.js';
import type { ImportProgress } from '../modules/halls/index.js';
import {
  CliError,
  CONNECTS_TO,
  failAndExit,
  parseCli,
  progressBar,
  runCliTask,
  usageError,
} from './cli-app.js';

const spec = {
  name: 'import:halls',
  usage: 'npm run import:halls -- <file.csv|file.json> [--format CSV|JSON] [--dry-run] [--skip-invalid]',
  description: `Imports business halls from a CSV or JSON file with the rules of the importHalls mutation, as an
admin. Idempotent by hall code: a row already imported is UNCHANGED. Nothing is written when a row
is invalid (each one is listed with its line and field), unless --skip-invalid; --dry-run writes
nothing and reports what would happen. samples/halls.csv is an example file (the README explains
its columns). Safe while the server runs. The report goes to stdout, progress to stderr.

  --format CSV|JSON  the file's format (default: from its extension, .json = JSON, else CSV)
  --dry-run          validate and report, write nothing
  --skip-invalid     write the valid rows even when some are invalid

${CONNECTS_TO}

Exit codes: 0 imported, 1 a row is invalid or the import failed, 2 bad arguments.`,
  options: {
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
  },
  allowPositionals: true,
} as const;

const { values, positionals } = parseCli(spec);
const [file, ...extra] = positionals;
if (file === undefined) usageError(spec, 'give the file to import');
if (extra.length > 0) usageError(spec, `one file at a time (also got ${extra.join(' ')})`);
const formatArg = values.format?.toUpperCase();
if (formatArg !== undefined && formatArg !== 'CSV' && formatArg !== 'JSON') {
  usageError(spec, `--format takes CSV or JSON, not ${values.format ?? ''}`);
}
const format: ImportFormat = formatArg ?? (path.extname(file).toLowerCase() === '.json' ? 'JSON' : 'CSV');
const dryRun = values['dry-run'] === true;
const skipInvalid = values['skip-invalid'] === true;

let data: string;
try {
  data = await readFile(file, 'utf8');
} catch (error) {
  failAndExit(
    spec.name,
    new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`),
  );
}
const bars = { validate: progressBar('validate'), write: progressBar('write') };
const progress: ImportProgress = ({ phase, done, total }) => bars[phase](done, total);

await runCliTask(spec.name, async (app) => {
  try {
    const report = await app.services.hallImporter.importHalls(
      staffPrincipal('cli:import-halls', ['admin']),
      { format, data, dryRun, skipInvalid },
      progress,
    );
    for (const row of report.rows.filter((each) => each.action === 'INVALID')) {
      const where = row.line !== null ? `line ${row.line}` : `row ${row.row}`;
      for (const error of row.errors) {
        process.stdout.write(`${where} ${row.code ?? '?'}: ${error.path}: ${error.message}\n`);
      }
    }
    process.stdout.write(
      `${dryRun ? 'dry run: ' : ''}${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.invalid} invalid; ${report.applied ? 'written' : 'nothing written'}\n`,
    );
    return report.invalid > 0 ? 1 : 0;
  } catch (error) {
    // A refusal of the whole file (a malformed header, a code busy with another writer): its message.
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
});
