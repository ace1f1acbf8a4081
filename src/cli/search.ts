/**
 * npm run search:reindex -- rebuilds each search index (articles, halls) into a fresh index and swaps it in.
 * npm run search:check   -- compares MongoDB and Meilisearch (ids and versions); exits 1 on drift.
 * Both use MONGODB_URI / MEILI_URL, or the embedded services (stop `npm start` first).
 */
import { checkSearchIndex, reindex } from '../modules/indexing/index.js';
import { progressBar, runCliTask } from './cli-app.js';

const command = process.argv[2];
if (command !== 'reindex' && command !== 'check') {
  process.stderr.write('Usage: tsx src/cli/search.ts reindex|check\n');
  process.exit(2);
}

await runCliTask(
  async (app) => {
    const deps = {
      db: app.db,
      meili: app.meili,
      state: app.services.indexState,
      synonyms: app.services.synonymRepo,
    };
    let exitCode = 0;
    for (const projection of Object.values(app.services.projections)) {
      if (command === 'reindex') {
        const result = await reindex(deps, projection, progressBar(projection.name));
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
    return exitCode;
  },
  { quiet: true },
);
