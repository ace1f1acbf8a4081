/**
 * The request path, side by side with its floors (issue 10, rows 1 and 2):
 *
 * 1. `halls(first: 20)` with region, channels and opening hours: server CPU per request of the
 *    compiled service (`node dist/src/main.js`, NODE_ENV=production) against a hand-written node:http
 *    handler doing the same reads with the same driver (bench/baseline/halls-server.mjs), each in its
 *    own child process, against the same embedded MongoDB-wire server. CPU is utime+stime from
 *    /proc/<pid>/stat around each burst; sides alternate (and swap which goes first) round by round,
 *    so machine noise hits both; the report is the median per side and the ratio of medians.
 * 2. `searchArticles` against raw Meilisearch: the multi-search the service sends is captured (a
 *    recording proxy in front of Meilisearch, for one request of a short-lived second service), then
 *    sent raw and through the service, one after the other, and the latency percentiles compared.
 *    Beside them two floors: a hand-written node:http forwarder of the same multi-search
 *    (bench/baseline/search-forwarder.mjs: one HTTP hop), and Apollo Server with one resolver doing
 *    the same (bench/baseline/search-apollo.mjs: the hop plus Apollo's pipeline and execution). The
 *    service's own cost is what lies above the second.
 *
 * Run: npm run build && npx tsx bench/request-path.ts   (env: ROUNDS, REQUESTS, CONCURRENCY, SEARCHES)
 * ROUNDS=0 skips row 1's measured rounds. SEARCH_COMPARE=<path of another build's main.js> (e.g. a copy
 * of dist/ built from main) runs that build too, on the same data, interleaved with the other two in
 * row 2: a before/after comparison from one run. IDLE_MS (default 2000) is how long the service's
 * idle CPU is measured after start.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { provideInfrastructure } from '../dev/embedded/launcher.js';
import { findFreePort } from '../dev/embedded/processes.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createIndexer } from '../src/modules/indexing/index.js';
import { seedDatabase } from '../seed/index.js';
import { HALLS_PAGE, SEARCH } from './lib/queries.js';
import { median, quantile } from './lib/stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env['ROUNDS'] ?? 8);
const REQUESTS = Number(process.env['REQUESTS'] ?? 300);
const CONCURRENCY = Number(process.env['CONCURRENCY'] ?? 4);
const SEARCHES = Number(process.env['SEARCHES'] ?? 400);
/** Extra node arguments for the service (e.g. `--cpu-prof --cpu-prof-dir=.data/prof`). */
const SERVICE_NODE_ARGS = (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
/** The same for row 2's floors (to profile them beside the service). */
const FORWARDER_NODE_ARGS = (process.env['FORWARDER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const SEARCH_COMPARE = process.env['SEARCH_COMPARE'] ?? '';
/** Row 2's CPU rounds: sequential searches per side per round, and rounds (0 skips them). */
const SEARCH_CPU_REQUESTS = Number(process.env['SEARCH_CPU_REQUESTS'] ?? 200);
const SEARCH_CPU_ROUNDS = Number(process.env['SEARCH_CPU_ROUNDS'] ?? 6);

/** Ends the run early (SEARCHES=0: row 1 only). */
class Done extends Error {}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs `body` to `url` over a keep-alive connection; resolves to status and text. */
function post(url: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((done, fail) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', fail);
      },
    );
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', fail);
    request.end(body);
  });
}

/** utime + stime of `pid` in milliseconds (USER_HZ is 100 on Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Child {
  name: string;
  process: ChildProcess;
  url: string;
}

async function startChild(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<Child> {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 600; tries += 1) {
    if (child.exitCode !== null) break;
    const ok = await post(url + '/graphql', JSON.stringify({ query: '{ __typename }' })).catch(() => null);
    if (ok?.status === 200) return { name, process: child, url };
    await delay(50);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not start:\n${output.join('').slice(-3000)}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((done) => child.process.once('exit', done));
  child.process.kill('SIGTERM');
  await Promise.race([exited, delay(5_000)]);
  if (child.process.exitCode === null) child.process.kill('SIGKILL');
}

/** Sends `count` requests, `concurrency` in flight; returns the CPU the child spent, in ms. */
async function burst(child: Child, body: string, count: number, concurrency: number): Promise<number> {
  const pid = child.process.pid ?? 0;
  const before = cpuMs(pid);
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        sent += 1;
        const { status, text } = await post(`${child.url}/graphql`, body);
        if (status !== 200 || text.includes('"errors"')) throw new Error(`${child.name}: ${status} ${text}`);
      }
    }),
  );
  return cpuMs(pid) - before;
}

/** Starts a recording proxy in front of Meilisearch; `bodies` collects every multi-search body. */
async function recordingProxy(target: string) {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.startsWith('/multi-search')) bodies.push(body.toString('utf8'));
      const upstream = http.request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => server.close() };
}

const logger = createLogger('warn');
const infra = await provideInfrastructure({
  mongoUri: process.env['MONGODB_URI'],
  meiliUrl: process.env['MEILI_URL'],
  meiliApiKey: process.env['MEILI_API_KEY'],
  dataDir: resolve(ROOT, '.data/request-path'),
  ephemeral: true,
  logger,
});
const suffix = randomBytes(3).toString('hex');
const jwtSecret = randomBytes(36).toString('base64url');
const dbName = `request_path_${suffix}`;
const prefix = `rp${suffix}_`;
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  MONGODB_DB: dbName,
  MEILI_INDEX_PREFIX: prefix,
  AUTH_JWT_SECRET: jwtSecret,
});
const app = await openApp(config, createLogger('warn'), infra, jwtSecret);
const children: Child[] = [];
try {
  await seedDatabase(app, { onlyEmpty: false });
  await createIndexer(app, { idleMs: 100 }).drain();

  const serviceEnv = (meiliUrl: string, port: number): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    MONGODB_URI: infra.mongoUri,
    MONGODB_DB: dbName,
    MEILI_URL: meiliUrl,
    MEILI_API_KEY: infra.meiliApiKey ?? '',
    MEILI_INDEX_PREFIX: prefix,
    AUTH_JWT_SECRET: jwtSecret,
    SEED_ON_START: 'false',
    RATE_LIMIT_REQUESTS_BURST: '100000000',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '100000000',
  });
  let port = await findFreePort();
  const service = await startChild(
    'service',
    [...SERVICE_NODE_ARGS, 'dist/src/main.js'],
    serviceEnv(infra.meiliUrl, port),
    port,
  );
  children.push(service);
  port = await findFreePort();
  const baseline = await startChild(
    'baseline',
    ['bench/baseline/halls-server.mjs'],
    {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      MONGODB_URI: infra.mongoUri,
      MONGODB_DB: dbName,
      PORT: String(port),
    },
    port,
  );
  children.push(baseline);

  let compare: Child | null = null;
  if (SEARCH_COMPARE) {
    port = await findFreePort();
    compare = await startChild('compare', [SEARCH_COMPARE], serviceEnv(infra.meiliUrl, port), port);
    children.push(compare);
  }

  // ---- row 1: CPU per request ----
  const body = JSON.stringify({ query: HALLS_PAGE, variables: { first: 20 } });
  const served = JSON.parse((await post(`${service.url}/graphql`, body)).text) as { data: unknown };
  const floor = JSON.parse((await post(`${baseline.url}/graphql`, body)).text) as { data: unknown };
  const same = isDeepStrictEqual(served.data, floor.data);
  process.stdout.write(
    `halls page: service and baseline answer ${same ? 'the same JSON' : 'DIFFERENT JSON'}\n`,
  );
  if (!same)
    process.stdout.write(`${JSON.stringify(served).slice(0, 600)}\n${JSON.stringify(floor).slice(0, 600)}\n`);
  const sides = compare ? [service, baseline, compare] : [service, baseline];
  // Warm-up (skipped with ROUNDS=0, so that a profile of row 2 holds row 2 alone).
  if (ROUNDS > 0) for (const child of sides) await burst(child, body, 200, CONCURRENCY);
  const idleBefore = cpuMs(service.process.pid ?? 0);
  const IDLE_MS = Number(process.env['IDLE_MS'] ?? 2_000);
  await delay(IDLE_MS);
  const idlePerSecond = ((cpuMs(service.process.pid ?? 0) - idleBefore) * 1000) / IDLE_MS;
  const perRequest: Record<string, number[]> = { service: [], baseline: [], compare: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const child of order) {
      perRequest[child.name]?.push((await burst(child, body, REQUESTS, CONCURRENCY)) / REQUESTS);
    }
  }
  const serviceCpu = median(perRequest['service'] ?? []);
  const baselineCpu = median(perRequest['baseline'] ?? []);
  process.stdout.write(
    `halls(first: 20): CPU per request, median of ${ROUNDS} rounds of ${REQUESTS} (${CONCURRENCY} in flight): ` +
      `service ${serviceCpu.toFixed(3)} ms, baseline ${baselineCpu.toFixed(3)} ms, ratio ${(serviceCpu / baselineCpu).toFixed(2)}x ` +
      `(service idle: ${idlePerSecond.toFixed(1)} ms CPU/s)\n` +
      `  rounds: service ${(perRequest['service'] ?? []).map((v) => v.toFixed(2)).join(' ')}; baseline ${(perRequest['baseline'] ?? []).map((v) => v.toFixed(2)).join(' ')}\n`,
  );
  if (compare) {
    const compareCpu = median(perRequest['compare'] ?? []);
    process.stdout.write(
      `  compare (${SEARCH_COMPARE}): ${compareCpu.toFixed(3)} ms, ratio ${(compareCpu / baselineCpu).toFixed(2)}x; ` +
        `rounds ${(perRequest['compare'] ?? []).map((v) => v.toFixed(2)).join(' ')}\n`,
    );
  }

  // ---- row 2: searchArticles vs raw Meilisearch ----
  if (SEARCHES === 0) throw new Done();
  const proxy = await recordingProxy(infra.meiliUrl);
  port = await findFreePort();
  const recorder = await startChild('recorder', ['dist/src/main.js'], serviceEnv(proxy.url, port), port);
  /** Starts one of row 2's floors (bench/baseline/<script>) in production mode. */
  const startFloor = async (name: string, script: string): Promise<Child> => {
    const floorPort = await findFreePort();
    const child = await startChild(
      name,
      [...FORWARDER_NODE_ARGS, `bench/baseline/${script}`],
      {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        MEILI_URL: infra.meiliUrl,
        MEILI_API_KEY: infra.meiliApiKey ?? '',
        PORT: String(floorPort),
      },
      floorPort,
    );
    children.push(child);
    return child;
  };
  // The floor: a hand-written forwarder (one extra HTTP hop and a JSON reshape, nothing else).
  const forwarder = await startFloor('forwarder', 'search-forwarder.mjs');
  // The GraphQL floor: Apollo Server with one resolver doing what the forwarder does.
  const apolloFloor = await startFloor('apollo', 'search-apollo.mjs');
  {
    // The fixed cost of the request path: `{ __typename }` through the service and both floors.
    const typename = JSON.stringify({ query: '{ __typename }' });
    const times = { service: [] as number[], floor: [] as number[], apollo: [] as number[] };
    for (let i = 0; i < SEARCHES + 30; i += 1) {
      for (const [name, child] of [
        ['service', service],
        ['floor', forwarder],
        ['apollo', apolloFloor],
      ] as const) {
        const started = performance.now();
        await post(`${child.url}/graphql`, typename);
        if (i >= 30) times[name].push(performance.now() - started);
      }
    }
    process.stdout.write(
      `{ __typename } (the fixed cost), ${SEARCHES} each, interleaved: p50 service ${quantile(times.service, 0.5).toFixed(2)} ms, ` +
        `forwarder ${quantile(times.floor, 0.5).toFixed(2)} ms, Apollo floor ${quantile(times.apollo, 0.5).toFixed(2)} ms; ` +
        `p95 ${quantile(times.service, 0.95).toFixed(2)} / ${quantile(times.floor, 0.95).toFixed(2)} / ${quantile(times.apollo, 0.95).toFixed(2)} ms\n`,
    );
  }
  for (const query of ['691', '宽带 连不上']) {
    const searchBody = JSON.stringify({ query: SEARCH, variables: { query } });
    proxy.bodies.length = 0;
    await post(`${recorder.url}/graphql`, searchBody);
    const captured = proxy.bodies.at(-1);
    if (!captured) throw new Error('no multi-search captured');
    const primed = await post(`${apolloFloor.url}/prime`, JSON.stringify({ query, body: captured }));
    if (primed.status !== 204) throw new Error(`Apollo floor: priming answered ${primed.status}`);
    const raw = {
      service: [] as number[],
      meili: [] as number[],
      compare: [] as number[],
      floor: [] as number[],
      apollo: [] as number[],
    };
    const meiliHeaders = { authorization: `Bearer ${infra.meiliApiKey ?? ''}` };
    for (let i = 0; i < 30; i += 1) {
      await post(`${infra.meiliUrl}/multi-search`, captured, meiliHeaders);
      await post(`${service.url}/graphql`, searchBody);
      await post(`${forwarder.url}/graphql`, captured);
      await post(`${apolloFloor.url}/graphql`, searchBody);
      if (compare) await post(`${compare.url}/graphql`, searchBody);
    }
    for (let i = 0; i < SEARCHES; i += 1) {
      let started = performance.now();
      const answer = await post(`${infra.meiliUrl}/multi-search`, captured, meiliHeaders);
      if (answer.status !== 200) throw new Error(`meilisearch: ${answer.status} ${answer.text}`);
      raw.meili.push(performance.now() - started);
      started = performance.now();
      const searched = await post(`${service.url}/graphql`, searchBody);
      if (searched.text.includes('"errors"')) throw new Error(`searchArticles: ${searched.text}`);
      raw.service.push(performance.now() - started);
      started = performance.now();
      const forwarded = await post(`${forwarder.url}/graphql`, captured);
      if (forwarded.status !== 200) throw new Error(`forwarder: ${forwarded.status} ${forwarded.text}`);
      raw.floor.push(performance.now() - started);
      started = performance.now();
      const floored = await post(`${apolloFloor.url}/graphql`, searchBody);
      if (floored.status !== 200 || floored.text.includes('"errors"'))
        throw new Error(`Apollo floor: ${floored.status} ${floored.text}`);
      raw.apollo.push(performance.now() - started);
      if (compare) {
        started = performance.now();
        const other = await post(`${compare.url}/graphql`, searchBody);
        if (other.text.includes('"errors"')) throw new Error(`compare searchArticles: ${other.text}`);
        raw.compare.push(performance.now() - started);
      }
    }
    // CPU per search of each side's process (one request at a time, as above), in interleaved rounds:
    // latency on a loaded machine is mostly waiting for a core, and a process that needs more CPU
    // per request waits more, so this is what the service must cut.
    const cpu: Record<string, number[]> = { service: [], floor: [], apollo: [], compare: [] };
    const cpuSides: Array<[string, Child, string]> = [
      ['service', service, searchBody],
      ['floor', forwarder, captured],
      ['apollo', apolloFloor, searchBody],
      ...(compare ? [['compare', compare, searchBody] as [string, Child, string]] : []),
    ];
    for (let round = 0; round < SEARCH_CPU_ROUNDS; round += 1) {
      const order = round % 2 === 0 ? cpuSides : [...cpuSides].reverse();
      for (const [name, child, sent] of order) {
        cpu[name]?.push((await burst(child, sent, SEARCH_CPU_REQUESTS, 1)) / SEARCH_CPU_REQUESTS);
      }
    }
    // What the service receives and parses per search, and the same with each query's limit halved
    // (the language preference asks for twice the page; see the README's Performance section).
    const halved = JSON.stringify({
      queries: (JSON.parse(captured) as { queries: Array<{ limit: number }> }).queries.map((entry) => ({
        ...entry,
        limit: Math.ceil(entry.limit / 2),
      })),
    });
    const answerOf = async (sent: string) => {
      const times: number[] = [];
      let text = '';
      for (let i = 0; i < 60; i += 1) {
        const started = performance.now();
        text = (await post(`${infra.meiliUrl}/multi-search`, sent, meiliHeaders)).text;
        if (i >= 10) times.push(performance.now() - started);
      }
      const parseStarted = performance.now();
      for (let i = 0; i < 200; i += 1) JSON.parse(text);
      return {
        bytes: Buffer.byteLength(text),
        p50: quantile(times, 0.5),
        parseMs: (performance.now() - parseStarted) / 200,
      };
    };
    const full = await answerOf(captured);
    const half = await answerOf(halved);
    process.stdout.write(
      `  Meilisearch's answer: ${full.bytes} bytes (JSON.parse ${full.parseMs.toFixed(3)} ms here), raw p50 ${full.p50.toFixed(2)} ms; ` +
        `with each limit halved: ${half.bytes} bytes (${half.parseMs.toFixed(3)} ms), raw p50 ${half.p50.toFixed(2)} ms\n`,
    );
    const lanes = (JSON.parse(captured) as { queries: unknown[] }).queries.length;
    const p = (values: number[], at: number) => quantile(values, at / 100).toFixed(2);
    process.stdout.write(
      `searchArticles "${query}" (${lanes} queries in the multi-search), ${SEARCHES} each, interleaved: ` +
        `p50 service ${p(raw.service, 50)} ms, raw ${p(raw.meili, 50)} ms, +${(quantile(raw.service, 0.5) - quantile(raw.meili, 0.5)).toFixed(2)} ms; ` +
        `p95 service ${p(raw.service, 95)} ms, raw ${p(raw.meili, 95)} ms, +${(quantile(raw.service, 0.95) - quantile(raw.meili, 0.95)).toFixed(2)} ms\n`,
    );
    process.stdout.write(
      `  floor (bench/baseline/search-forwarder.mjs: node:http forwarding the same multi-search): ` +
        `p50 ${p(raw.floor, 50)} ms, +${(quantile(raw.floor, 0.5) - quantile(raw.meili, 0.5)).toFixed(2)} ms over raw; ` +
        `p95 ${p(raw.floor, 95)} ms, +${(quantile(raw.floor, 0.95) - quantile(raw.meili, 0.95)).toFixed(2)} ms over raw\n` +
        `  Apollo floor (bench/baseline/search-apollo.mjs: Apollo Server, one resolver doing the same): ` +
        `p50 ${p(raw.apollo, 50)} ms, +${(quantile(raw.apollo, 0.5) - quantile(raw.meili, 0.5)).toFixed(2)} ms over raw; ` +
        `p95 ${p(raw.apollo, 95)} ms, +${(quantile(raw.apollo, 0.95) - quantile(raw.meili, 0.95)).toFixed(2)} ms over raw\n`,
    );
    if (SEARCH_CPU_ROUNDS > 0) {
      const perSide = (name: string) =>
        `${median(cpu[name] ?? []).toFixed(3)} ms (rounds ${(cpu[name] ?? []).map((v) => v.toFixed(2)).join(' ')})`;
      process.stdout.write(
        `  CPU per search, median of ${SEARCH_CPU_ROUNDS} rounds of ${SEARCH_CPU_REQUESTS}: service ${perSide('service')}; ` +
          `forwarder ${perSide('floor')}; Apollo floor ${perSide('apollo')}${compare ? `; compare ${perSide('compare')}` : ''}\n`,
      );
    }
    if (compare) {
      process.stdout.write(
        `  compare (${SEARCH_COMPARE}): p50 ${p(raw.compare, 50)} ms, +${(quantile(raw.compare, 0.5) - quantile(raw.meili, 0.5)).toFixed(2)} ms over raw; ` +
          `p95 ${p(raw.compare, 95)} ms, +${(quantile(raw.compare, 0.95) - quantile(raw.meili, 0.95)).toFixed(2)} ms over raw\n`,
      );
    }
  }
  await stopChild(recorder);
  proxy.close();
} catch (error) {
  if (!(error instanceof Done)) throw error;
} finally {
  for (const child of children) await stopChild(child);
  await app.db.dropDatabase().catch(() => undefined);
  await app.close();
  await infra.stop();
  agent.destroy();
}
