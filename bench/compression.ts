/**
 * What compressing GraphQL answers costs (src/http/graphql-answer.ts), side by side in one run:
 * the same requests to one service, interleaved round by round, without Accept-Encoding (the
 * baseline: sent as they are), with `gzip` and with `br`. Reports per variant the answer's bytes,
 * p50/p95 latency and process CPU per request (client and service share the process; the client
 * does the same work in every variant and never decodes), and the ratios against the baseline.
 *
 * Run: npx tsx bench/compression.ts   (env: ROUNDS, REQUESTS)
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { provideInfrastructure } from '../dev/embedded/launcher.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createIndexer } from '../src/modules/indexing/index.js';
import { startServer } from '../src/server.js';
import { seedDatabase } from '../seed/index.js';
import { request } from './lib/http.js';
import { HALLS_PAGE, SEARCH } from './lib/queries.js';
import { median, quantile } from './lib/stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env['ROUNDS'] ?? 6);
const REQUESTS = Number(process.env['REQUESTS'] ?? 100);

const WORKLOADS = {
  'search 691': { query: SEARCH, variables: { query: '691' } },
  'search 宽带 连不上': { query: SEARCH, variables: { query: '宽带 连不上' } },
  'halls(first:20)': { query: HALLS_PAGE, variables: { first: 20 } },
} as const;
const VARIANTS = { identity: undefined, gzip: 'gzip', br: 'br' } as const;
type Variant = keyof typeof VARIANTS;

async function post(
  url: URL,
  body: string,
  encoding: string | undefined,
): Promise<{ ms: number; bytes: number }> {
  const reply = await request(url.href, {
    body,
    headers: { 'content-type': 'application/json', ...(encoding ? { 'accept-encoding': encoding } : {}) },
  });
  return { ms: reply.ms, bytes: reply.body.length };
}

const logger = createLogger('warn');
const infra = await provideInfrastructure({
  mongoUri: process.env['MONGODB_URI'],
  meiliUrl: process.env['MEILI_URL'],
  meiliApiKey: process.env['MEILI_API_KEY'],
  dataDir: resolve(ROOT, '.data/compression-bench'),
  ephemeral: true,
  logger,
});
const suffix = randomBytes(3).toString('hex');
const jwtSecret = randomBytes(36).toString('base64url');
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
  AUTH_JWT_SECRET: jwtSecret,
  LOG_LEVEL: 'warn',
  MONGODB_DB: `compression_${suffix}`,
  MEILI_INDEX_PREFIX: `cb${suffix}_`,
  RATE_LIMIT_REQUESTS_BURST: '1000000',
});
const app = await openApp(config, logger, infra, jwtSecret);
try {
  await seedDatabase(app, { onlyEmpty: false });
  await createIndexer(app, { idleMs: 100 }).drain();
  const server = await startServer(app, 0, '127.0.0.1');
  const url = new URL(`${server.url}/graphql`);
  try {
    for (const [name, workload] of Object.entries(WORKLOADS)) {
      const body = JSON.stringify(workload);
      for (let warm = 0; warm < 30; warm += 1) await post(url, body, 'br');
      const results: Record<Variant, { ms: number[]; cpu: number[]; bytes: number }> = {
        identity: { ms: [], cpu: [], bytes: 0 },
        gzip: { ms: [], cpu: [], bytes: 0 },
        br: { ms: [], cpu: [], bytes: 0 },
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = (Object.keys(VARIANTS) as Variant[]).sort(() => (round % 2 === 0 ? 1 : -1));
        for (const variant of order) {
          const cpuBefore = process.cpuUsage();
          for (let i = 0; i < REQUESTS; i += 1) {
            const { ms, bytes } = await post(url, body, VARIANTS[variant]);
            results[variant].ms.push(ms);
            results[variant].bytes = bytes;
          }
          const cpu = process.cpuUsage(cpuBefore);
          results[variant].cpu.push((cpu.user + cpu.system) / 1000 / REQUESTS);
        }
      }
      const base = results.identity;
      console.log(`\n${name}`);
      for (const variant of Object.keys(VARIANTS) as Variant[]) {
        const r = results[variant];
        console.log(
          `  ${variant.padEnd(8)} ${String(r.bytes).padStart(6)} B (${(r.bytes / base.bytes).toFixed(2)}x)  ` +
            `p50 ${median(r.ms).toFixed(2)} ms (${(median(r.ms) / median(base.ms)).toFixed(2)}x, ${(median(r.ms) - median(base.ms)).toFixed(2)} ms)  ` +
            `p95 ${quantile(r.ms, 0.95).toFixed(2)} ms  ` +
            `CPU/request ${median(r.cpu).toFixed(2)} ms (${(median(r.cpu) / median(base.cpu)).toFixed(2)}x)`,
        );
      }
    }
  } finally {
    await server.stop();
  }
} finally {
  await app.close();
  await infra.stop();
}
