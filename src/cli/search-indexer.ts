/**
 * npm run search:indexer -- runs the search indexer alone until SIGINT/SIGTERM. Like a server, it
 * runs only while it holds the indexer lease: with servers running, it stands by and takes over
 * when the holder stops or dies (see README, Several instances).
 */
import { once } from 'node:events';
import { createIndexer, indexerLeaseKeeper } from '../modules/indexing/index.js';
import { runCliTask } from './cli-app.js';

await runCliTask(async (app, { logger }) => {
  const keeper = indexerLeaseKeeper(createIndexer(app), {
    db: app.db,
    logger,
    instanceId: `${app.config.lease.instanceId}:cli`,
    timing: app.config.lease,
    stopWaitMs: app.config.shutdownTimeoutMs,
  });
  keeper.start();
  logger.info(
    { indexes: Object.values(app.services.projections).map((projection) => projection.indexUid) },
    'search indexer running while it holds the indexer lease (Ctrl-C to stop)',
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await keeper.stop();
  return 0;
});
