/**
 * npm run search:indexer -- runs the search indexer alone (the server also runs one) until
 * SIGINT/SIGTERM. Several indexers may run at once: each clears a pending mark only if the record
 * did not change meanwhile.
 */
import { once } from 'node:events';
import { createIndexer } from '../modules/indexing/index.js';
import { runCliTask } from './cli-app.js';

await runCliTask(async (app, { logger }) => {
  const indexer = createIndexer(app);
  indexer.start();
  logger.info(
    { indexes: Object.values(app.services.projections).map((projection) => projection.indexUid) },
    'search indexer running (Ctrl-C to stop)',
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await indexer.stop();
  return 0;
});
