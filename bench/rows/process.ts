/** Rows 8 and 9: the service process itself (memory under load, start-up). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort } from '../../dev/embedded/processes.js';
import type { Bench } from '../lib/context.js';
import { graphql, load, request } from '../lib/http.js';
import { ROOT, startService } from '../lib/lab.js';
import { memory, sampleRss } from '../lib/proc.js';
import {
  ARTICLE_BY_SLUG,
  ARTICLES_COUNT,
  CHANNELS,
  HALLS_COUNT,
  HALLS_PAGE,
  SEARCH,
} from '../lib/queries.js';
import { median, mib, sec, times, verdict } from '../lib/stats.js';
import type { Row } from '../lib/stats.js';

const QUERIES = ['宽带 691', '密码', '营业厅 办理', 'broadband password', '投诉 时限', '678', '话费 查询'];

/** Row 8: peak RSS of a fresh service while N clients send mixed reads for S seconds, vs its idle RSS. */
export async function rssRow(b: Bench): Promise<Row> {
  const service = await b.service('rss');
  const slugs = await graphql<{ articles: { nodes: Array<{ slug: string }> } }>(
    service.endpoint,
    ARTICLES_COUNT,
    { first: 50 },
    b.tokens.agent,
  ).then((reply) => reply.data.articles.nodes.map((node) => node.slug));
  let turn = 0;
  const mixed: Array<() => Promise<unknown>> = [
    () => graphql(service.endpoint, HALLS_PAGE, { first: 20 }),
    () => graphql(service.endpoint, HALLS_COUNT, { first: 20 }),
    () => graphql(service.endpoint, ARTICLES_COUNT, { first: 20 }, b.tokens.agent),
    () => graphql(service.endpoint, SEARCH, { query: QUERIES[turn % QUERIES.length] }),
    () => graphql(service.endpoint, ARTICLE_BY_SLUG, { slug: slugs[turn % slugs.length] }),
    () => graphql(service.endpoint, CHANNELS),
  ];
  for (const each of mixed) await each();
  const idle = memory(service.pid).rss;
  const stop = sampleRss(service.pid);
  const until = performance.now() + b.settings.rssSeconds * 1000;
  const sent = await load(
    b.settings.rssClients,
    () => performance.now() > until,
    () => {
      turn += 1;
      const next = mixed[turn % mixed.length];
      return next ? next() : Promise.resolve();
    },
  );
  const { peak, hwm } = stop();
  const top = Math.max(peak, hwm);
  return {
    id: '8',
    measure: `RSS, ${b.settings.rssClients} clients x ${b.settings.rssSeconds} s mixed reads`,
    service: mib(top),
    baseline: mib(idle),
    ratio: times(top / idle),
    target: '<= 200 MiB',
    verdict: verdict(top <= 200 * 1024 * 1024),
    notes: [
      `peak of VmRSS samples ${mib(peak)}, VmHWM ${mib(hwm)}; idle after warm-up ${mib(idle)}; ${sent} requests (${(sent / b.settings.rssSeconds).toFixed(0)}/s)`,
    ],
  };
}

/** Cold starts per side in row 9 (interleaved: development, development after a change, production). */
const START_ROUNDS = 3;
/** The bundle `npm start` runs (dev/embedded/start.mjs); without its manifest the next start rebuilds it. */
const START_MANIFEST = resolve(ROOT, 'node_modules/.cache/channel-kb/start/manifest.json');

/**
 * `npm start` exactly as a developer types it, with nothing configured and an empty DATA_DIR, until
 * /readyz answers 200; then stopped as Ctrl-C stops it (SIGINT to its process group: npm, sh and
 * the service; the embedded services have process groups of their own and are stopped by it).
 */
async function npmStart(dataDir: string): Promise<number> {
  const port = await findFreePort();
  const startedAt = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
    },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  let startMs = Number.NaN;
  while (performance.now() - startedAt < 120_000 && child.exitCode === null) {
    const ready = await request(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (ready?.status === 200) {
      startMs = performance.now() - startedAt;
      break;
    }
    await delay(20);
  }
  if (child.pid !== undefined) {
    const group = child.pid;
    const alive = () => {
      try {
        process.kill(-group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(-group, 'SIGINT');
    // Until the service has stopped too (it may outlive npm while it stops its embedded services).
    for (const until = performance.now() + 30_000; alive() && performance.now() < until;) await delay(50);
    if (alive()) process.kill(-group, 'SIGKILL');
  }
  await exited;
  if (!Number.isFinite(startMs)) throw new Error(`npm start did not become ready:\n${output.join('\n')}`);
  return startMs;
}

/**
 * Row 9: cold start to the first 200 from /readyz. Development: `npm start` (nothing configured,
 * empty DATA_DIR: embedded Meilisearch and MongoDB, indexes, seed), with its bundle up to date and
 * right after a change (bundle rebuilt). Production: `node dist/src/main.js` with MongoDB and
 * Meilisearch given, on an empty database. Interleaved rounds; medians.
 */
export async function coldStartRow(b: Bench): Promise<Row> {
  const fresh: number[] = [];
  const rebuilt: number[] = [];
  const production: number[] = [];
  for (let round = 0; round < START_ROUNDS; round += 1) {
    for (const side of ['fresh', 'rebuilt', 'production'] as const) {
      if (side === 'production') {
        const tag = `${Date.now().toString(36)}${round}`;
        const service = await startService(b.lab, { db: `bench_cold_${tag}`, prefix: `benchcold${tag}_` });
        await service.stop();
        production.push(service.startMs);
        continue;
      }
      if (side === 'rebuilt') await rm(START_MANIFEST, { force: true });
      const dataDir = await mkdtemp(join(tmpdir(), 'channel-kb-bench-cold-'));
      try {
        (side === 'fresh' ? fresh : rebuilt).push(await npmStart(dataDir));
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const [dev, devRebuilt, prod] = [median(fresh), median(rebuilt), median(production)];
  const list = (values: number[]) => values.map((value) => sec(value)).join(' / ');
  return {
    id: '9',
    measure: 'cold start to /readyz, empty data dir',
    service: sec(dev),
    baseline: sec(prod),
    ratio: times(dev / prod),
    target: '< 4 s (both)',
    // The target is a cold start of each (the bundle built at install); after a change is shown too.
    verdict: verdict(dev < 4000 && prod < 4000),
    notes: [
      `service: npm start, nothing configured, empty DATA_DIR (embedded Meilisearch and MongoDB, indexes, seed); median of ${START_ROUNDS}: ${list(fresh)}`,
      `service after a source change (npm start rebuilds its bundle first): median ${sec(devRebuilt)}; ${list(rebuilt)}`,
      `baseline: node dist/src/main.js, NODE_ENV=production, MongoDB and Meilisearch given, empty database (indexes, seed); ${list(production)}`,
    ],
  };
}
