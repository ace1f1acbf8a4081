/**
 * npm run import:halls -- <file.csv|file.json> [--format CSV|JSON] [--dry-run] [--skip-invalid]
 *
 * Imports halls from a file with the same rules and per-row report as the `importHalls` mutation,
 * as a trusted local admin, showing progress on stderr. Exits 1 when a row is invalid (or the
 * file unreadable), 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { staffPrincipal } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import { provideInfrastructure } from '../embedded/launcher.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { openApp } from '../app.js';
import type { ImportFormat } from '../modules/channels/hall-import.js';
import type { ImportProgress } from '../modules/channels/channels.service.js';

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

/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per phase otherwise). */
const progress: ImportProgress = ({ phase, done, total }) => {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `${phase.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
  else if (done === total) process.stderr.write(`${line}\n`);
};

const config = loadConfig();
const logger = createLogger(config.logLevel);
const dataDir = path.resolve(config.dataDir);
const data = await readFile(file, 'utf8');
const infra = await provideInfrastructure({
  mongoUri: config.mongo.uri,
  meiliUrl: config.meili.url,
  meiliApiKey: config.meili.apiKey,
  dataDir,
  ephemeral: false,
  logger,
});
let exitCode = 0;
try {
  const { secret } = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
  const app = await openApp(config, logger, infra, secret);
  try {
    const report = await app.services.channels.importHalls(
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
    if (report.invalid > 0) exitCode = 1;
  } finally {
    await app.close();
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`${error.message}\n`);
  exitCode = 1;
} finally {
  await infra.stop();
}
process.exit(exitCode);
