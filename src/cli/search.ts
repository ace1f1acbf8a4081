/**
 * npm run search:reindex -- rebuilds each search index (articles, halls) into a fresh index and swaps it in.
 * npm run search:check   -- compares MongoDB and Meilisearch (ids and versions); exits 1 on drift.
 * Both use MONGODB_URI / MEILI_URL, or the embedded services (stop `npm start` first).
 */
import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { loadConfig } from '../config.js';
import { provideInfrastructure } from '../embedded/launcher.js';
import { createLogger } from '../logger.js';
import { openApp } from '../app.js';
import { checkSearchIndex, reindex } from '../modules/search/maintenance.js';

const command = process.argv[2];
if (command !== 'reindex' && command !== 'check') {
  process.stderr.write('Usage: tsx src/cli/search.ts reindex|check\n');
  process.exit(2);
}

function progressBar(done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total) return;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const dataDir = path.resolve(config.dataDir);
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
  const deps = { db: app.db, meili: app.meili, search: app.services.searchRepo };
  try {
    for (const projection of Object.values(app.services.projections)) {
      if (command === 'reindex') {
        const result = await reindex(deps, projection, progressBar);
        process.stdout.write(
          `Rebuilt ${projection.indexUid}: ${result.indexed} searchable of ${result.total} ${projection.name}, swapped in.\n`,
        );
      } else {
        const report = await checkSearchIndex(deps, projection);
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        process.stdout.write(
          report.drift
            ? `DRIFT in ${projection.indexUid}: MongoDB and Meilisearch disagree beyond pending changes. Run \`npm run search:reindex\`.\n`
            : `${projection.indexUid}: no drift (${report.pending} change(s) pending, lag ${report.lagSeconds} s).\n`,
        );
        if (report.drift) exitCode = 1;
      }
    }
  } finally {
    await app.close();
  }
} catch (error) {
  logger.error({ err: error }, 'search maintenance failed');
  exitCode = 1;
} finally {
  await infra.stop();
}
process.exit(exitCode);
