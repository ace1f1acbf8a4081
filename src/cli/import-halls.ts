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
import { progressBar, runCliTask } from './cli-app.js';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--') && args[args.indexOf(arg) - 1] !== '--format');
const formatArg = args[args.indexOf('--format') + 1];
if (!file || args.includes('--help')) {
  process.stderr.write(
    'usage: npm run import:halls -- <file.csv|file.json> [--format CSV|JSON] [--dry-run] [--skip-invalid]\n',
  );
  process.exit(file ? 0 : 2);
}
const format: ImportFormat =
  args.includes('--format') && (formatArg === 'CSV' || formatArg === 'JSON')
    ? formatArg
    : path.extname(file).toLowerCase() === '.json'
      ? 'JSON'
      : 'CSV';
const dryRun = args.includes('--dry-run');
const skipInvalid = args.includes('--skip-invalid');

const data = await readFile(file, 'utf8');
const bars = { validate: progressBar('validate'), write: progressBar('write') };
const progress: ImportProgress = ({ phase, done, total }) => bars[phase](done, total);

await runCliTask(async (app) => {
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
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
});
