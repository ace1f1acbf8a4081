/**
 * Entry point: config -> embedded or configured services -> app -> seed -> HTTP server.
 * SIGINT/SIGTERM stop accepting, finish in-flight requests, close clients and stop embedded
 * services; a second signal exits at once.
 */
// First: V8's heap growth is set before the rest of the service loads (see the module).
import './platform/v8-heap.js';
import path from 'node:path';
import { resolveJwtSecret } from './auth/dev-secret.js';
import { ConfigError, loadConfig } from './config.js';
import { provideInfrastructure } from './infrastructure.js';
import { createLogger } from './logger.js';
import { openApp } from './app.js';
import { startServer } from './server.js';
import { createIndexer } from './modules/indexing/index.js';
import { seedDatabase } from '../seed/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const dataDir = path.resolve(config.dataDir);

  const cleanups: Array<() => Promise<void>> = [];
  let shuttingDown = false;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long, exiting');
      process.exit(exitCode || 1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'cleanup failed'));
    }
    logger.info('stopped');
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (shuttingDown) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      void shutdown(signal, 0);
    });
  }

  try {
    const infra = await provideInfrastructure({
      mongoUri: config.mongo.uri,
      meiliUrl: config.meili.url,
      meiliApiKey: config.meili.apiKey,
      dataDir,
      ephemeral: false,
      logger,
    });
    cleanups.push(() => infra.stop());

    const jwt = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
    if (jwt.generated) {
      logger.warn(
        { secretFile: jwt.file },
        `AUTH_JWT_SECRET is not set: using the generated development secret ${jwt.secret} (npm run token signs with it)`,
      );
    }

    const app = await openApp(
      config,
      logger,
      { mongoUri: infra.mongoUri, meiliUrl: infra.meiliUrl, meiliApiKey: infra.meiliApiKey },
      jwt.secret,
    );
    cleanups.push(() => app.close());

    if (config.seedOnStart) {
      await seedDatabase(app, { onlyEmpty: true });
    }
    await app.services.articleReader.repairPendingRevisions();

    // The search indexer runs beside the server: requests never wait for Meilisearch tasks.
    const indexer = createIndexer(app);
    indexer.start();
    cleanups.push(() => indexer.stop());

    const server = await startServer(app, config.port, config.host);
    cleanups.push(() => server.stop());
    logger.info(
      { url: `${server.url}/graphql`, mongo: infra.mongoKind, embeddedMeilisearch: infra.embedded.meili },
      `channel-kb ready: GraphQL at ${server.url}/graphql`,
    );
  } catch (error) {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'start-up failed');
    await shutdown('start-up failed', 1);
  }
}

void main();
