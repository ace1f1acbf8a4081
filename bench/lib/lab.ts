/**
 * The bench's laboratory: the embedded Meilisearch and MongoDB-wire server (started once through the
 * development launcher, in a throwaway directory), the taps in front of them, and services under test
 * run as `node dist/src/main.js` child processes with NODE_ENV=production, so their CPU and memory
 * are their own and what is measured is the production path.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { provideInfrastructure } from '../../dev/embedded/launcher.js';
import { findFreePort } from '../../dev/embedded/processes.js';
import type { Infrastructure } from '../../src/infrastructure.js';
import { request } from './http.js';
import { startMeiliTap, startMongoTap } from './taps.js';
import type { MeiliTap, MongoTap } from './taps.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SERVICE_ENTRY = resolve(ROOT, 'dist/src/main.js');

export interface Lab {
  infra: Infrastructure;
  mongo: MongoTap;
  meili: MeiliTap;
  /** The Meilisearch master key (also the service's MEILI_API_KEY). */
  meiliKey: string;
  jwtSecret: string;
  close(): Promise<void>;
}

export async function openLab(): Promise<Lab> {
  if (!existsSync(SERVICE_ENTRY)) throw new Error(`${SERVICE_ENTRY} is missing: run npm run build first`);
  const logger = pino({ level: process.env['BENCH_LOG_LEVEL'] ?? 'warn' }, pino.destination(2));
  const infra = await provideInfrastructure({
    mongoUri: process.env['BENCH_MONGODB_URI'],
    meiliUrl: process.env['BENCH_MEILI_URL'],
    meiliApiKey: process.env['BENCH_MEILI_API_KEY'],
    dataDir: resolve(ROOT, '.data/bench'),
    ephemeral: true,
    logger,
  });
  const mongo = await startMongoTap(infra.mongoUri);
  const meili = await startMeiliTap(infra.meiliUrl);
  return {
    infra,
    mongo,
    meili,
    meiliKey: infra.meiliApiKey ?? '',
    jwtSecret: randomBytes(36).toString('base64url'),
    close: async () => {
      await Promise.all([mongo.close(), meili.close()]);
      await infra.stop();
    },
  };
}

export type Role = 'agent' | 'editor' | 'reviewer' | 'admin';

export function token(lab: Lab, sub: string, roles: Role[]): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(lab.jwtSecret));
}

export interface Service {
  pid: number;
  url: string;
  endpoint: string;
  db: string;
  prefix: string;
  /** Wall time from spawn to the first 200 from /readyz. */
  startMs: number;
  /** The last lines the process wrote (for failures). */
  output: string[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  db: string;
  prefix: string;
  /** Overrides of the environment (e.g. DATA_DIR for a cold start). */
  env?: Record<string, string>;
  /** The command to run instead of `node dist/src/main.js`. */
  argv?: string[];
}

/** The environment a production service gets in the bench: the lab's taps, no rate limits in the way. */
export function serviceEnvironment(lab: Lab, options: ServiceOptions, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    MONGODB_URI: lab.mongo.uri,
    MONGODB_DB: options.db,
    MEILI_URL: lab.meili.url,
    MEILI_API_KEY: lab.meiliKey,
    MEILI_INDEX_PREFIX: options.prefix,
    AUTH_JWT_SECRET: lab.jwtSecret,
    // One client (the bench) sends everything: the per-client budgets would answer 429.
    RATE_LIMIT_REQUESTS_BURST: '100000000',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '100000000',
    // Batches of a large reindex or import answer more slowly than a request should.
    MONGODB_SOCKET_TIMEOUT_MS: '120000',
    ...options.env,
  };
}

function keepOutput(child: ChildProcess, output: string[]): void {
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
}

/** Starts a service and waits until /readyz answers 200 (at most `timeoutMs`). */
export async function startService(lab: Lab, options: ServiceOptions, timeoutMs = 120_000): Promise<Service> {
  const port = await findFreePort();
  const startedAt = performance.now();
  const argv = options.argv ?? [process.execPath, SERVICE_ENTRY];
  const child = spawn(argv[0] ?? process.execPath, argv.slice(1), {
    cwd: ROOT,
    env: serviceEnvironment(lab, options, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  keepOutput(child, output);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  let startMs = Number.NaN;
  while (performance.now() - startedAt < timeoutMs) {
    if (child.exitCode !== null) break;
    const ready = await request(`${url}/readyz`).catch(() => undefined);
    if (ready?.status === 200) {
      startMs = performance.now() - startedAt;
      break;
    }
    await delay(20);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  if (!Number.isFinite(startMs)) {
    await stop();
    throw new Error(`the service did not become ready:\n${output.join('\n')}`);
  }
  return {
    pid: child.pid ?? 0,
    url,
    endpoint: `${url}/graphql`,
    db: options.db,
    prefix: options.prefix,
    startMs,
    output,
    stop,
  };
}

/** Waits until the service's indexer has nothing pending in any index (after seeding, imports ...). */
export async function settle(service: Service, timeoutMs = 3_600_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const reply = await request(`${service.url}/readyz`).catch(() => undefined);
    if (reply?.status === 200) {
      const body = JSON.parse(reply.body.toString()) as {
        searchIndex?: Record<string, { pending: number }> | null;
      };
      const lags = Object.values(body.searchIndex ?? {});
      if (body.searchIndex && lags.every((lag) => lag.pending === 0)) return performance.now() - started;
    }
    await delay(25);
  }
  throw new Error(`the service's search indexes did not catch up within ${timeoutMs} ms`);
}
