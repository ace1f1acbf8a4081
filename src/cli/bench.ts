/**
 * npm run bench -- a repeatable load check on this machine: starts a throwaway service (embedded
 * services in a temporary directory, or MONGODB_URI / MEILI_URL with a bench database and index
 * prefix), seeds it, waits for the search index, then sends each operation BENCH_REQUESTS times
 * (default 300) with BENCH_CONCURRENCY in flight (default 8), all over loopback. Prints requests/s,
 * latency percentiles and MongoDB commands per request.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { provideInfrastructure } from '../infrastructure.js';
import { createLogger } from '../logger.js';
import { openApp } from '../app.js';
import { signToken } from '../auth/jwt.js';
import { createIndexer } from '../modules/indexing/index.js';
import { startServer } from '../server.js';
import { seedDatabase } from '../../seed/index.js';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 300);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

const OPERATIONS: Array<{
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  agent?: boolean;
}> = [
  { name: 'viewer', query: '{ viewer { id } }' },
  {
    name: 'article by slug (public)',
    query:
      '{ article(slug: "broadband-error-691-619-629") { title bodyHtml related { slug title } translations { locale } } }',
  },
  {
    name: 'articles page of 20 with nested fields (agent)',
    query:
      '{ articles(first: 20) { totalCount nodes { slug title category { key } related { slug } translations { locale } } } }',
    agent: true,
  },
  {
    name: 'searchArticles "691" (public)',
    query: '{ searchArticles(query: "691") { totalHits edges { title snippet node { slug } } } }',
  },
  {
    name: 'searchArticles "宽带 连不上" (agent)',
    query:
      '{ searchArticles(query: "宽带 连不上") { totalHits facets { tags { value count } } edges { title node { slug } } } }',
    agent: true,
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const base = loadConfig();
const suffix = randomBytes(3).toString('hex');
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  MONGODB_DB: `bench_${suffix}`,
  MEILI_INDEX_PREFIX: `bench${suffix}_`,
  AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
});
const logger = createLogger('warn');
const infra = await provideInfrastructure({
  mongoUri: base.mongo.uri,
  meiliUrl: base.meili.url,
  meiliApiKey: base.meili.apiKey,
  dataDir: path.resolve(base.dataDir),
  ephemeral: true,
  logger,
});
const app = await openApp(config, createLogger('silent'), infra, config.auth.jwtSecret ?? '', {
  monitorCommands: true,
});
try {
  await seedDatabase(app, { onlyEmpty: false });
  const indexer = createIndexer(app, { idleMs: 100 });
  await indexer.drain();
  const server = await startServer(app, 0, '127.0.0.1');
  const token = await signToken(app.jwt, { sub: 'bench-agent', roles: ['agent'] });
  let commands = 0;
  app.mongo.on('commandStarted', () => (commands += 1));

  process.stdout.write(
    `channel-kb bench: ${REQUESTS} requests per operation, ${CONCURRENCY} in flight, MongoDB ${infra.mongoKind}\n\n`,
  );
  process.stdout.write(
    'operation                                         req/s    p50 ms   p95 ms   p99 ms   db cmds/req\n',
  );
  for (const operation of OPERATIONS) {
    const body = JSON.stringify({ query: operation.query, variables: operation.variables ?? {} });
    const headers = {
      'content-type': 'application/json',
      ...(operation.agent ? { authorization: `Bearer ${token}` } : {}),
    };
    const send = async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
      const json = (await response.json()) as { errors?: unknown[] };
      if (json.errors) throw new Error(`${operation.name}: ${JSON.stringify(json.errors)}`);
      return performance.now() - started;
    };
    for (let warm = 0; warm < 10; warm += 1) await send();
    commands = 0;
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next += 1;
          latencies.push(await send());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `${operation.name.padEnd(48)} ${(REQUESTS / seconds).toFixed(0).padStart(6)} ${percentile(latencies, 50)
        .toFixed(1)
        .padStart(8)} ${percentile(latencies, 95).toFixed(1).padStart(8)} ${percentile(latencies, 99)
        .toFixed(1)
        .padStart(8)} ${(commands / REQUESTS).toFixed(1).padStart(13)}\n`,
    );
  }
  await server.stop();
  await app.db.dropDatabase();
} finally {
  await app.close();
  await infra.stop();
}
