/**
 * npm run search:indexer -- runs the search indexer alone until SIGINT/SIGTERM. Like a server, it
 * runs only while it holds the indexer lease: with servers running, it stands by and takes over
 * when the holder stops or dies (see README, Several instances).
 */
import { once } from 'node:events';
import { createIndexer, indexerLeaseKeeper } from '../modules/indexing/index.js';
import { CONNECTS_TO, parseCli, runCliTask } from './cli-app.js';

const spec = {
  name: 'search:indexer',
  usage: 'npm run search:indexer [-- --verbose]',
  description: `Runs the search indexer on its own until Ctrl-C (SIGINT) or SIGTERM: it pushes every record marked
pending in MongoDB to Meilisearch. The server runs one already; this is for a deployment that runs
the indexer apart from the API. Like a server, it works only while it holds the indexer lease and
stands by otherwise. Prints the indexes it keeps on stderr.

${CONNECTS_TO}

Exit codes: 0 stopped by a signal, 1 failed, 2 bad arguments.`,
};
parseCli(spec);

await runCliTask(spec.name, async (app, { logger }) => {
  const keeper = indexerLeaseKeeper(createIndexer(app), {
    db: app.db,
    logger,
    instanceId: `${app.config.lease.instanceId}:cli`,
    timing: app.config.lease,
    stopWaitMs: app.config.shutdownTimeoutMs,
  });
  keeper.start();
  const indexes = Object.values(app.services.projections).map((projection) => projection.indexUid);
  process.stderr.write(
    `search indexer for ${indexes.join(', ')}: runs while it holds the indexer lease (Ctrl-C to stop)\n`,
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await keeper.stop();
  return 0;
});
