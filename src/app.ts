import { jwtSettingsFor } from './auth/jwt.js';
import { createMeiliClient } from './platform/meilisearch.js';
import type { MongoClientOptions } from 'mongodb';
import type { Config } from './config.js';
import type { AppDeps } from './context.js';
import { connectMongo } from './db/mongo.js';
import { monitorMongoCalls } from './db/monitoring.js';
import { createCallMetrics } from './observability/call-metrics.js';
import type { CallMetrics } from './observability/call-metrics.js';
import { ensureIndexes } from './db/indexes.js';
import type { Logger } from './logger.js';
import { allIndexes } from './modules/indexes.js';
import { createServices } from './services.js';

export interface Endpoints {
  mongoUri: string;
  meiliUrl: string;
  meiliApiKey: string | undefined;
}

export interface OpenApp extends AppDeps {
  /** Latency and failures of MongoDB and Meilisearch calls and of the indexer's pushes (src/http/metrics.ts registers them). */
  calls: CallMetrics;
  /** Stores what is still buffered (the search log), then closes the MongoDB client. */
  close(): Promise<void>;
}

/**
 * Connects to MongoDB (with the configured timeouts unless `options.mongo` says otherwise) and
 * Meilisearch, and creates every declared index.
 * @throws when MongoDB cannot be reached or an index cannot be created.
 */
export async function openApp(
  config: Config,
  logger: Logger,
  endpoints: Endpoints,
  jwtSecret: string,
  options: {
    /** The driver's command monitoring (call metrics, spans); on unless turned off. */
    monitorCommands?: boolean;
    /**
     * Driver options over the configured ones (config.mongo.timeouts), e.g. a longer `socketTimeoutMS`
     * for a command-line task whose batches may take longer than a request should.
     */
    mongo?: MongoClientOptions;
  } = {},
): Promise<OpenApp> {
  const { client, db } = await connectMongo(endpoints.mongoUri, config.mongo.dbName, {
    ...config.mongo.timeouts,
    ...options.mongo,
    monitorCommands: options.monitorCommands ?? true,
  });
  const calls = createCallMetrics();
  monitorMongoCalls(client, calls);
  try {
    await ensureIndexes(db, allIndexes, logger);
  } catch (error) {
    await client.close();
    throw error;
  }
  const meili = createMeiliClient({
    host: endpoints.meiliUrl,
    apiKey: endpoints.meiliApiKey,
    timeout: 5_000,
    observer: calls,
  });
  const app: OpenApp = {
    config,
    logger,
    mongo: client,
    db,
    meili,
    calls,
    jwt: jwtSettingsFor(config, jwtSecret),
    services: undefined as unknown as OpenApp['services'],
    close: async () => {
      await app.services.searchLogWriter.flush();
      await client.close();
    },
  };
  app.services = createServices(db, logger, () => app.meili, config.meili.indexPrefix);
  return app;
}
