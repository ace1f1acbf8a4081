/**
 * npm run search:indexer -- runs the search indexer alone (the server also runs one) until
 * SIGINT/SIGTERM. Several indexers may run at once: each clears a pending mark only if the record
 * did not change meanwhile.
 */
import { once } from 'node:events';
import { createIndexer } from '../modules/indexing/index.js';
import { CONNECTS_TO, parseCli, runCliTask } from './cli-app.js';

const spec = {
  name: 'search:indexer',
  usage: 'npm run search:indexer [-- --verbose]',
  description: `Runs the search indexer on its own until Ctrl-C (SIGINT) or SIGTERM: it pushes every record marked
pending in MongoDB to Meilisearch. The server runs one already; this is for a deployment that runs
the indexer apart from the API. Prints the indexes it keeps on stderr.

${CONNECTS_TO}

Exit codes: 0 stopped by a signal, 1 failed, 2 bad arguments.`,
};
parseCli(spec);

await runCliTask(spec.name, async (app) => {
  const indexer = createIndexer(app);
  indexer.start();
  const indexes = Object.values(app.services.projections).map((projection) => projection.indexUid);
  process.stderr.write(`search indexer running for ${indexes.join(', ')} (Ctrl-C to stop)\n`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await indexer.stop();
  return 0;
});
