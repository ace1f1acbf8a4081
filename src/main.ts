/**
 * Entry point: config -> embedded or configured services -> app -> seed -> HTTP server.
 * Start-up does what it can at once: the embedded services start (in their own processes) while
 * the rest of the service is loaded (dynamic imports), and the HTTP app is built while the
 * database is seeded. The server listens only once seeding is done, so /readyz says ready only
 * when every read answers from a complete database (see README, Endpoints).
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

/** The bulk of the service (GraphQL schema, Apollo, Express, every module): loaded while services start. */
function loadService() {
  return Promise.all([
    import('./app.js'),
    import('./server.js'),
    import('./modules/indexing/index.js'),
    import('../seed/index.js'),
  ]).then(([app, server, indexing, seed]) => ({
    openApp: app.openApp,
    prepareServer: server.prepareServer,
    createIndexer: indexing.createIndexer,
    indexerLeaseKeeper: indexing.indexerLeaseKeeper,
    seedOnce: seed.seedOnce,
  }));
}

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
  // Tracing first (when configured), so that the logger adds trace ids and the server makes spans.
  let tracing: { shutdown(): Promise<void> } | undefined;
  if (config.tracing) {
    const { startTracing } = await import('./observability/tracing.js');
    tracing = await startTracing({ ...config.tracing, instanceId: config.lease.instanceId });
  }
  const logger = createLogger(config.logLevel, undefined, { format: config.logFormat });
  if (tracing) logger.info({ endpoint: config.tracing?.endpoint }, 'OpenTelemetry tracing on');
  const dataDir = path.resolve(config.dataDir);

  const cleanups: Array<() => Promise<void>> = [];
  // Runs last (cleanups run in reverse): the spans of the shutdown itself are exported too.
  if (tracing) cleanups.push(() => tracing.shutdown());
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
    const [infraResult, serviceResult, jwtResult] = await Promise.allSettled([
      provideInfrastructure({
        mongoUri: config.mongo.uri,
        meiliUrl: config.meili.url,
        meiliApiKey: config.meili.apiKey,
        dataDir,
        ephemeral: false,
        logger,
      }),
      loadService().then((loaded) => {
        logger.debug({ startMs: Math.round(performance.now()) }, 'service modules loaded');
        return loaded;
      }),
      resolveJwtSecret(config.auth.jwtSecret, dataDir),
    ]);
    if (infraResult.status === 'fulfilled') cleanups.push(() => infraResult.value.stop());
    if (infraResult.status === 'rejected') throw infraResult.reason;
    if (serviceResult.status === 'rejected') throw serviceResult.reason;
    if (jwtResult.status === 'rejected') throw jwtResult.reason;
    const infra = infraResult.value;
    const service = serviceResult.value;
    const jwt = jwtResult.value;
    if (jwt.generated && config.nodeEnv !== 'production') {
      // Where the secret is kept, never the secret itself (logs are collected and shared).
      logger.warn(
        { secretFile: jwt.file },
        `AUTH_JWT_SECRET is not set: using the generated development secret kept in ${jwt.file ?? 'DATA_DIR'} (npm run token signs with it)`,
      );
    }

    const app = await service.openApp(
      config,
      logger,
      { mongoUri: infra.mongoUri, meiliUrl: infra.meiliUrl, meiliApiKey: infra.meiliApiKey },
      jwt.secret,
    );
    cleanups.push(() => app.close());

    // The search indexer runs beside the server: requests never wait for Meilisearch tasks. With
    // several instances it runs on one of them, the holder of its lease (the others stand by and
    // take over). The keeper is stopped after the server (cleanups run in reverse), which stops the
    // indexer and releases the lease; it is started once the seed is in.
    const indexer = service.createIndexer(app);
    const indexerLease = service.indexerLeaseKeeper(indexer, {
      db: app.db,
      logger,
      instanceId: config.lease.instanceId,
      timing: config.lease,
      stopWaitMs: config.shutdownTimeoutMs / 2,
    });
    cleanups.push(() => indexerLease.stop());

    // The HTTP app is built while the database is seeded; it listens once both are done. Seeding runs
    // on one instance at a time (a lease): another instance waits for it, then finds nothing to seed.
    const [prepared, seeded] = await Promise.allSettled([
      service.prepareServer(app),
      (async () => {
        if (config.seedOnStart) await service.seedOnce(app);
        await app.services.articleReader.repairPendingRevisions();
      })(),
    ]);
    if (prepared.status === 'fulfilled') cleanups.push(() => prepared.value.stop());
    if (prepared.status === 'rejected') throw prepared.reason;
    if (seeded.status === 'rejected') throw seeded.reason;

    indexerLease.start();
    const server = await prepared.value.listen(config.port, config.host);
    logger.info(
      {
        url: `${server.url}/graphql`,
        mongo: infra.mongoKind,
        instance: config.lease.instanceId,
        embeddedMeilisearch: infra.embedded.meili,
        startMs: Math.round(performance.now()),
        startCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      },
      `channel-kb ready: GraphQL at ${server.url}/graphql`,
    );
  } catch (error) {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'start-up failed');
    await shutdown('start-up failed', 1);
  }
}

void main();
