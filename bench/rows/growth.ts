/** Rows 4, 5 and 6: the grown database (BENCH_ARTICLES articles, seed + BENCH_HALLS halls). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Document } from 'mongodb';
import { indexProjections } from '../../src/modules/indexing/index.js';
import type { IndexProjection } from '../../src/modules/indexing/index.js';
import { interleave } from '../lib/context.js';
import type { Bench } from '../lib/context.js';
import { growArticles, growHalls } from '../lib/generate.js';
import { graphql } from '../lib/http.js';
import { ROOT, serviceEnvironment } from '../lib/lab.js';
import { indexAlone, settingsOf } from '../lib/meili.js';
import { ARTICLES_COUNT, HALLS_COUNT } from '../lib/queries.js';
import { median, ms, sec, times, verdict } from '../lib/stats.js';
import type { Row } from '../lib/stats.js';

let grown: Promise<{ articles: number; halls: number }> | undefined;

/** Grows the large service's database once: articles to BENCH_ARTICLES, halls by BENCH_HALLS. */
export function growData(b: Bench): Promise<{ articles: number; halls: number }> {
  grown ??= (async () => {
    const large = await b.large();
    const uri = b.lab.infra.mongoUri;
    const started = performance.now();
    const log = (what: string) => (done: number) => {
      if (done % 10_000 === 0) process.stderr.write(`  generating ${what}: ${done}\n`);
    };
    const articles = await growArticles(uri, large.db, b.settings.articles, log('articles'));
    const client = new MongoClient(uri);
    const seedHalls = await client
      .db(large.db)
      .collection('halls')
      .countDocuments()
      .finally(() => client.close());
    const halls = await growHalls(uri, large.db, seedHalls + b.settings.halls, log('halls'));
    process.stderr.write(
      `  generated ${articles} articles, ${halls} halls in ${sec(performance.now() - started)}\n`,
    );
    return { articles, halls };
  })();
  return grown;
}

type Counted = Record<string, { totalCount?: number; count?: { count: number; precision: string } }>;

/**
 * Rows 5 and 6: median latency of a first page with its count on the grown vs the seed database
 * (articles: the bounded `count(upTo: 1000)`; halls: the exact `totalCount`).
 */
export async function growthRows(b: Bench, kind: 'articles' | 'halls'): Promise<Row> {
  const [small, large] = await Promise.all([b.small(), b.large()]);
  const stored = await b.grow();
  const query = kind === 'articles' ? ARTICLES_COUNT : HALLS_COUNT;
  const token = kind === 'articles' ? b.tokens.agent : undefined;
  const sizes = { small: 0, large: 0 };
  const latencies = { small: [] as number[], large: [] as number[] };
  const send = async (side: 'small' | 'large') => {
    const reply = await graphql<Counted>(
      (side === 'small' ? small : large).endpoint,
      query,
      { first: 20 },
      token,
    );
    const counted = reply.data[kind];
    sizes[side] = counted?.totalCount ?? counted?.count?.count ?? 0;
    return reply.ms;
  };
  await send('small');
  await send('large');
  const rounds = Math.min(b.settings.rounds, 3);
  const side = (name: 'small' | 'large') => async () => {
    for (let i = 0; i < b.settings.growthRequests; i += 1) latencies[name].push(await send(name));
  };
  await interleave(rounds, [side('small'), side('large')]);
  const ratio = median(latencies.large) / median(latencies.small);
  return {
    id: kind === 'articles' ? '5' : '6',
    measure: `${kind}(first:20){${kind === 'articles' ? 'count(upTo:1000)' : 'totalCount'}} ${sizes.small} -> ${sizes.large}`,
    service: ms(median(latencies.large)),
    baseline: ms(median(latencies.small)),
    ratio: times(ratio),
    target: '<= 2x growth',
    verdict: verdict(ratio <= 2),
    notes: [
      `median latency at ${sizes.large} (service) vs at ${sizes.small} (baseline) ${kind} visible to the caller, ${latencies.large.length} requests each; ${stored[kind]} stored`,
    ],
  };
}

/** The documents the service indexes for a collection, made by its own projection. */
async function documentsOf(b: Bench, db: string, projection: IndexProjection): Promise<unknown[]> {
  const client = new MongoClient(b.lab.infra.mongoUri, { socketTimeoutMS: 600_000 });
  try {
    const records = await client.db(db).collection(projection.collection).find({}).sort({ _id: 1 }).toArray();
    return records.flatMap((record: Document) => projection.toDocument(record as never) ?? []);
  } finally {
    await client.close();
  }
}

/** Runs `search:reindex` (the compiled CLI) for the large database; returns when each index was rebuilt. */
async function runReindex(b: Bench, db: string, prefix: string): Promise<Record<string, number>> {
  const env = serviceEnvironment(b.lab, { db, prefix }, 0);
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(ROOT, 'dist/src/cli/search.js'), 'reindex'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done: Record<string, number> = {};
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      const rebuilt = / (\d+) searchable of (\d+) (\w+), swapped in/.exec(line);
      if (rebuilt?.[3]) done[rebuilt[3]] = performance.now() - started;
    }
  });
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString().trim()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || done['articles'] === undefined)
    throw new Error(`search:reindex failed (${code}):\n${output.join('\n')}`);
  return done;
}

/** Row 4: the full reindex CLI vs Meilisearch alone indexing the same article documents. */
export async function reindexRow(b: Bench): Promise<Row> {
  const large = await b.large();
  const sizes = await b.grow();
  // With the service's indexer polling beside it, the CLI's confirmations stall the emulator past the
  // driver's monitor timeout at 5,000 articles and it fails: measure the CLI alone, as the README says.
  await b.stopService('large');
  const done = await runReindex(b, large.db, large.prefix);
  const projection = indexProjections(large.prefix).articles;
  const documents = await documentsOf(b, large.db, projection);
  const settings = await settingsOf(b.lab, projection.indexUid);
  const alone = await indexAlone(b.lab, `${large.prefix}raw_articles`, settings, documents);
  const service = done['articles'] ?? Number.NaN;
  const ratio = service / alone;
  return {
    id: '4',
    measure: `search:reindex of ${sizes.articles} articles`,
    service: sec(service),
    baseline: sec(alone),
    ratio: times(ratio),
    target: '<= 1.3x',
    verdict: verdict(ratio <= 1.3),
    notes: [
      `service: CLI start to "Rebuilt ...articles" (process start and index creation included); halls (${sizes.halls}) done at ${sec(done['halls'] ?? Number.NaN)}`,
      `baseline: ${documents.length} documents from the service's own projection, same settings (synonyms included), batches of 500 sent without waiting, one run each`,
    ],
  };
}
