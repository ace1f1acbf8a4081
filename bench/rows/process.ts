/** Rows 8 and 9: the service process itself (memory under load, start-up). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bench } from '../lib/context.js';
import { graphql, load } from '../lib/http.js';
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
import { mib, sec, times, verdict } from '../lib/stats.js';
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

/**
 * Row 9: `npm start` (tsx src/main.ts, nothing configured) from an empty data directory to /readyz
 * 200: embedded services, indexes, seeding. Baseline: the production start (compiled, services
 * given) on an empty database.
 */
export async function coldStartRow(b: Bench): Promise<Row> {
  const production = await startService(b.lab, {
    db: `bench_cold_${Date.now().toString(36)}`,
    prefix: `benchcold${Date.now().toString(36)}_`,
  });
  await production.stop();
  const dataDir = await mkdtemp(join(tmpdir(), 'channel-kb-bench-cold-'));
  try {
    const development = await startService(b.lab, {
      db: 'channel_kb',
      prefix: '',
      argv: [resolve(ROOT, 'node_modules/.bin/tsx'), 'src/main.ts'],
      env: { NODE_ENV: 'development', DATA_DIR: dataDir, MONGODB_URI: '', MEILI_URL: '', MEILI_API_KEY: '' },
    });
    await development.stop();
    const ratio = development.startMs / production.startMs;
    return {
      id: '9',
      measure: 'cold start to /readyz, empty data dir',
      service: sec(development.startMs),
      baseline: sec(production.startMs),
      ratio: times(ratio),
      target: '< 4 s',
      verdict: verdict(development.startMs < 4000 && production.startMs < 4000),
      notes: [
        'service: npm start (tsx src/main.ts) with an empty DATA_DIR: embedded Meilisearch and MongoDB, indexes, seed',
        'baseline: node dist/src/main.js, NODE_ENV=production, MongoDB and Meilisearch given, empty database (indexes, seed)',
      ],
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
