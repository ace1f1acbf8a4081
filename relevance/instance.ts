/**
 * The service the lab measures: its own (embedded Meilisearch and MongoDB-wire emulator or mongod,
 * started through src/infrastructure.ts like `npm start`, seeded, with the real HTTP server and the
 * indexer), or one already running (`RELEVANCE_URL`).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Meilisearch } from 'meilisearch';
import type { LevelWithSilent } from 'pino';
import { openApp } from '../src/app.js';
import { signToken } from '../src/auth/jwt.js';
import { loadConfig } from '../src/config.js';
import { provideInfrastructure } from '../src/infrastructure.js';
import { createLogger } from '../src/logger.js';
import { createIndexer } from '../src/modules/indexing/index.js';
import { createMeiliClient } from '../src/platform/meilisearch.js';
import { startServer } from '../src/server.js';
import { seedDatabase } from '../seed/index.js';

export interface Instance {
  /** e.g. http://127.0.0.1:41234/graphql */
  endpoint: string;
  /** Bearer tokens by role; public is no token. */
  tokens: { agent: string; editor: string };
  /** Where the lab builds its default-settings index; undefined: no comparison possible. */
  meili: Meilisearch | undefined;
  /** Prefix for the lab's own indexes. */
  labPrefix: string;
  describe: string;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..');

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function logLevel(): LevelWithSilent {
  const level = env('RELEVANCE_LOG_LEVEL') ?? 'warn';
  const known: LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  return known.includes(level as LevelWithSilent) ? (level as LevelWithSilent) : 'warn';
}

/** Targets RELEVANCE_URL when set, else starts its own instance. */
export async function openInstance(): Promise<Instance> {
  const url = env('RELEVANCE_URL');
  return url ? attach(url) : startOwn();
}

async function attach(url: string): Promise<Instance> {
  const secret = env('RELEVANCE_JWT_SECRET') ?? env('AUTH_JWT_SECRET');
  if (!secret) throw new Error('RELEVANCE_URL needs RELEVANCE_JWT_SECRET (the service’s AUTH_JWT_SECRET)');
  const jwt = { secret, issuer: env('AUTH_JWT_ISSUER'), audience: env('AUTH_JWT_AUDIENCE') };
  const meiliUrl = env('RELEVANCE_MEILI_URL');
  return {
    endpoint: `${url.replace(/\/+$/, '').replace(/\/graphql$/, '')}/graphql`,
    tokens: {
      agent: await signToken(jwt, { sub: 'relevance-lab', roles: ['agent'], expiresIn: '2h' }),
      editor: await signToken(jwt, { sub: 'relevance-lab', roles: ['editor'], expiresIn: '2h' }),
    },
    meili: meiliUrl
      ? createMeiliClient({ host: meiliUrl, apiKey: env('RELEVANCE_MEILI_API_KEY'), timeout: 30_000 })
      : undefined,
    labPrefix: `relevance_${randomBytes(3).toString('hex')}_`,
    describe: `running service at ${url}`,
    close: () => Promise.resolve(),
  };
}

async function startOwn(): Promise<Instance> {
  const logger = createLogger(logLevel());
  const infra = await provideInfrastructure({
    mongoUri: env('MONGODB_URI'),
    meiliUrl: env('MEILI_URL'),
    meiliApiKey: env('MEILI_API_KEY'),
    dataDir: path.resolve(ROOT, '.data/relevance'),
    ephemeral: true,
    logger,
  });
  const suffix = randomBytes(3).toString('hex');
  const secret = randomBytes(36).toString('base64url');
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel(),
    MONGODB_URI: infra.mongoUri,
    MEILI_URL: infra.meiliUrl,
    ...(infra.meiliApiKey ? { MEILI_API_KEY: infra.meiliApiKey } : {}),
    MONGODB_DB: `relevance_${suffix}`,
    MEILI_INDEX_PREFIX: `relevance_${suffix}_`,
    AUTH_JWT_SECRET: secret,
    RATE_LIMIT_REQUESTS_BURST: '100000000',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '100000000',
    MONGODB_SOCKET_TIMEOUT_MS: '60000',
  });
  const endpoints = { mongoUri: infra.mongoUri, meiliUrl: infra.meiliUrl, meiliApiKey: infra.meiliApiKey };
  const app = await openApp(config, logger, endpoints, secret);
  const stops: Array<() => Promise<unknown>> = [() => infra.stop(), () => app.close()];
  try {
    await seedDatabase(app, { onlyEmpty: true });
    const indexer = createIndexer(app, { idleMs: 200, maxBackoffMs: 2_000 });
    indexer.start();
    stops.push(() => indexer.stop());
    const server = await startServer(app, 0, '127.0.0.1');
    stops.push(() => server.stop());
    await settled(app.db, app.meili, `${config.meili.indexPrefix}articles`);
    const jwt = { secret };
    return {
      endpoint: `${server.url}/graphql`,
      tokens: {
        agent: await signToken(jwt, { sub: 'relevance-lab', roles: ['agent'] }),
        editor: await signToken(jwt, { sub: 'relevance-lab', roles: ['editor'] }),
      },
      meili: app.meili,
      labPrefix: `relevance_${suffix}_lab_`,
      describe: `own instance (MongoDB: ${infra.mongoKind}, Meilisearch at ${infra.meiliUrl})`,
      close: async () => {
        await app.db.dropDatabase().catch(() => undefined);
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** Waits until the indexer has pushed every article and the synonyms, and Meilisearch is idle. */
async function settled(
  db: { collection(name: string): { countDocuments(filter: object): Promise<number> } },
  meili: Meilisearch,
  indexUid: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await db.collection('articles').countDocuments({ searchPending: true });
    const tasks = await meili.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 });
    const synonyms =
      pending === 0
        ? await meili
            .index(indexUid)
            .getSynonyms()
            .catch(() => ({}))
        : {};
    if (pending === 0 && tasks.results.length === 0 && Object.keys(synonyms).length > 0) return;
    if (Date.now() > deadline) throw new Error(`the articles index did not catch up (${pending} pending)`);
    await delay(250);
  }
}
