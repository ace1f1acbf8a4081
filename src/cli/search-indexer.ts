/**
 * npm run search:indexer -- runs the search indexer alone (the server also runs one). Several
 * indexers may run at once: each only clears a pending mark if the article did not change.
 */
import path from 'node:path';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { loadConfig } from '../config.js';
import { provideInfrastructure } from '../embedded/launcher.js';
import { createLogger } from '../logger.js';
import { openApp } from '../app.js';
import { createIndexer } from '../modules/search/indexer.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const dataDir = path.resolve(config.dataDir);
const infra = await provideInfrastructure({
  mongoUri: config.mongo.uri,
  meiliUrl: config.meili.url,
  meiliApiKey: config.meili.apiKey,
  dataDir,
  ephemeral: false,
  logger,
});
const { secret } = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
const app = await openApp(config, logger, infra, secret);
const indexer = createIndexer(app);
indexer.start();
logger.info(
  { indexes: Object.values(app.services.projections).map((projection) => projection.indexUid) },
  'search indexer running (Ctrl-C to stop)',
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await indexer.stop();
      await app.close();
      await infra.stop();
      process.exit(0);
    })();
  });
}
