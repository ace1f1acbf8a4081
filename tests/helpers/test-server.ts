import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { expect } from '@jest/globals';
import path from 'node:path';
import { openApp } from '../../src/app.js';
import type { OpenApp } from '../../src/app.js';
import { signToken } from '../../src/auth/jwt.js';
import type { Role } from '../../src/auth/principal.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/server.js';
import { createIndexer } from '../../src/modules/indexing/indexer.js';
import type { SearchIndexer } from '../../src/modules/indexing/indexer.js';
import { testEndpoints } from './env.js';
import { deleteIndexesWithPrefix } from './search.js';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  };
}

export interface RequestOptions {
  /** A bearer token; see `TestServer.tokenFor`. */
  token?: string;
  headers?: Record<string, string>;
  /** Give up (the request rejects) after this long; no limit by default. */
  timeoutMs?: number;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The metrics port's URL when METRICS_PORT was given. */
  metricsUrl: string | undefined;
  app: OpenApp;
  /** POSTs a GraphQL operation as a client would. */
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<TData>>;
  /** A valid token for `sub` with `roles`. */
  tokenFor(roles: Role[], sub?: string, expiresIn?: string): Promise<string>;
  /** The search indexer, when started with `{ indexer: true }`. */
  indexer: SearchIndexer | undefined;
  /** Counts the MongoDB commands (find, aggregate, ...) that `action` makes, by command name. */
  countCommands(action: () => Promise<unknown>): Promise<Record<string, number>>;
  /** Stops the server, drops this file's database and closes the client. */
  stop(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/**
 * Starts the real HTTP server on port 0 with its own database (and index prefix) for this test
 * file, against the servers the global setup provided.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: {
    indexer?: boolean;
    meili?: { url: string; apiKey: string | undefined };
    /** Another way to the shared MongoDB-protocol server (e.g. through a proxy). */
    mongoUri?: string;
    /** Where the service's log lines go (then at LOG_LEVEL, `info` unless given). */
    logDestination?: DestinationStream;
  } = {},
): Promise<TestServer> {
  const suffix = randomBytes(4).toString('hex');
  const fileName = path
    .basename(expect.getState().testPath ?? 'tests', '.test.ts')
    .replace(/[^A-Za-z0-9]/g, '_');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? (options.logDestination ? 'info' : 'silent'),
    MONGODB_DB: `t_${fileName}_${suffix}`.slice(0, 60),
    MEILI_INDEX_PREFIX: `t${suffix}_`,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    // Every test client calls from 127.0.0.1: only the rate-limit tests want the real budgets.
    RATE_LIMIT_ANON_MUTATIONS_BURST: '10000',
    RATE_LIMIT_REQUESTS_BURST: '100000',
    ...env,
  });
  const logger = createLogger(config.logLevel, options.logDestination);
  const shared = testEndpoints();
  const endpoints = { ...shared, mongoUri: options.mongoUri ?? shared.mongoUri };
  const app = await openApp(
    config,
    logger,
    options.meili
      ? { ...endpoints, meiliUrl: options.meili.url, meiliApiKey: options.meili.apiKey }
      : endpoints,
    TEST_JWT_SECRET,
    { monitorCommands: true },
  );
  const server = await startServer(app, 0, '127.0.0.1');
  const indexer = options.indexer ? createIndexer(app, { idleMs: 200, maxBackoffMs: 2_000 }) : undefined;
  indexer?.start();

  return {
    url: server.url,
    metricsUrl: server.metricsUrl,
    app,
    async graphql<TData>(query: string, variables?: Record<string, unknown>, options: RequestOptions = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          // Error messages are Chinese unless the caller prefers English; tests read the English
          // text (tests/integration/i18n.test.ts asks for both).
          'accept-language': 'en',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
        ...(options.timeoutMs !== undefined ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      });
      const body = (await response.json()) as GraphQLResponse<TData>['body'];
      return { status: response.status, headers: response.headers, body };
    },
    async countCommands(action) {
      const counts: Record<string, number> = {};
      const listener = (event: { commandName: string; databaseName: string }) => {
        if (event.databaseName !== app.config.mongo.dbName) return;
        counts[event.commandName] = (counts[event.commandName] ?? 0) + 1;
      };
      app.mongo.on('commandStarted', listener);
      try {
        await action();
      } finally {
        app.mongo.off('commandStarted', listener);
      }
      return counts;
    },
    tokenFor: (roles, sub = `${roles[0] ?? 'user'}-tester`, expiresIn = '1h') =>
      signToken(app.jwt, { sub, roles, expiresIn }),
    indexer,
    async stop() {
      await indexer?.stop();
      await server.stop();
      await app.db.dropDatabase().catch(() => undefined);
      await deleteIndexesWithPrefix(app.meili, app.config.meili.indexPrefix).catch(() => undefined);
      await app.close();
    },
  };
}
