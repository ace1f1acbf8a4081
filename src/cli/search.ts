/**
 * npm run search:reindex -- rebuilds each search index (articles, halls) into a fresh index and swaps it in.
 * npm run search:check   -- compares MongoDB and Meilisearch (ids and versions); exits 1 on drift.
 */
import { checkSearchIndex, reindex } from '../modules/indexing/index.js';
import type { DriftReport } from '../modules/indexing/index.js';
import { CONNECTS_TO, parseCli, progressBar, runCliTask, usageError } from './cli-app.js';

const COMMANDS = {
  reindex: {
    name: 'search:reindex',
    usage: 'npm run search:reindex [-- --verbose]',
    description: `Rebuilds every search index (articles, halls) from MongoDB: into a fresh index, swapped in when
complete, so searches never see an empty or half-built index. The search index is a projection of
MongoDB: this is also how to rebuild it after restoring a backup or losing Meilisearch's data.
Safe while the server runs. Prints one line per index on stdout, a progress bar on stderr.

${CONNECTS_TO}

Exit codes: 0 rebuilt, 1 failed (the live index is left as it was), 2 bad arguments.`,
  },
  check: {
    name: 'search:check',
    usage: 'npm run search:check [-- --json]',
    description: `Compares MongoDB and Meilisearch by id and version for every index and prints one line per index:
"no drift" (with the changes still pending for the indexer), or DRIFT with the counts of missing,
extra and stale documents. --json prints the full reports (with the ids) as one JSON array instead.

${CONNECTS_TO}

Exit codes: 0 no drift, 1 drift (run \`npm run search:reindex\`) or failure, 2 bad arguments.`,
    options: { json: { type: 'boolean' } },
  },
} as const;

const command = process.argv[2];
if (command !== 'reindex' && command !== 'check') {
  usageError(
    { name: 'search', usage: 'tsx src/cli/search.ts reindex|check [options]' },
    'say reindex or check',
  );
}
const spec = COMMANDS[command];
const { values } = parseCli({ ...spec, options: { json: { type: 'boolean' } } }, process.argv.slice(3));
if (command === 'reindex' && values.json) usageError(spec, '--json is for search:check');

function describe(report: DriftReport): string {
  if (!report.drift) {
    return `${report.index}: no drift (${report.pending} change(s) pending, lag ${report.lagSeconds} s; ${report.indexed} indexed of ${report.expected}).`;
  }
  return `DRIFT in ${report.index}: ${report.missing.length} missing, ${report.extra.length} extra, ${report.stale.length} stale beyond the ${report.pending} pending change(s). Run \`npm run search:reindex\`.`;
}

await runCliTask(spec.name, async (app) => {
  const deps = {
    db: app.db,
    meili: app.meili,
    state: app.services.indexState,
    synonyms: app.services.synonymRepo,
  };
  const projections = Object.values(app.services.projections);
  if (command === 'reindex') {
    for (const projection of projections) {
      const result = await reindex(deps, projection, progressBar(projection.name));
      process.stdout.write(
        `Rebuilt ${projection.indexUid}: ${result.indexed} searchable of ${result.total} ${projection.name}, swapped in.\n`,
      );
    }
    return 0;
  }
  const reports: DriftReport[] = [];
  for (const projection of projections) reports.push(await checkSearchIndex(deps, projection));
  if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const report of reports) process.stdout.write(`${describe(report)}\n`);
  return reports.some((report) => report.drift) ? 1 : 0;
});
