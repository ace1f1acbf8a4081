/** Rows 3 and 7: writes, and how long until search reflects them. */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient, ObjectId } from 'mongodb';
import type { Document } from 'mongodb';
import { indexProjections } from '../../src/modules/indexing/index.js';
import type { Bench } from '../lib/context.js';
import { parseCsv, writeCsv } from '../lib/csv.js';
import { graphql, request } from '../lib/http.js';
import { settle } from '../lib/lab.js';
import type { Service } from '../lib/lab.js';
import { addAlone, indexAlone, meili, settingsOf, waitTask } from '../lib/meili.js';
import {
  CATEGORIES,
  CREATE_ARTICLE,
  HALLS_CSV,
  IMPORT_HALLS,
  PUBLISH_ARTICLE,
  SEARCH_IDS,
  SUBMIT_ARTICLE,
} from '../lib/queries.js';
import { median, ms, quantile, sec, times, verdict } from '../lib/stats.js';
import type { Row } from '../lib/stats.js';

const TIMEOUT_MS = 120_000;

async function until(check: () => Promise<boolean>, timeoutMs = TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await delay(10);
  }
}

async function findDocs(b: Bench, db: string, collection: string, filter: Document): Promise<Document[]> {
  const client = new MongoClient(b.lab.infra.mongoUri, { socketTimeoutMS: 600_000 });
  try {
    return await client.db(db).collection(collection).find(filter).toArray();
  } finally {
    await client.close();
  }
}

type Article = { id: string; version: number };

/** Creates, submits (editor) and publishes (reviewer: four eyes) one article; returns when publish was sent. */
async function publishOne(b: Bench, service: Service, category: string, word: string, slug: string) {
  const created = await graphql<{ createArticle: { article: Article } }>(
    service.endpoint,
    CREATE_ARTICLE,
    {
      input: {
        slug,
        category,
        title: `基准测试 ${word}`,
        summary: `发布到可搜索 ${word}`,
        body: `正文：宽带 ${word} 测试。`,
      },
    },
    b.tokens.editor,
  );
  const { id, version } = created.data.createArticle.article;
  const submitted = await graphql<{ submitArticleForReview: { article: Article } }>(
    service.endpoint,
    SUBMIT_ARTICLE,
    { input: { id, expectedVersion: version } },
    b.tokens.editor,
  );
  const publishedAt = performance.now();
  await graphql(
    service.endpoint,
    PUBLISH_ARTICLE,
    { input: { id, expectedVersion: submitted.data.submitArticleForReview.article.version } },
    b.tokens.reviewer,
  );
  return { id, publishedAt };
}

/** A word no other is within two typos of: a prefix and 12 random hex digits. */
function uniqueWord(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

type Found = { searchArticles: { edges: Array<{ node: { id: string } }> } | null };

/** Row 3: publish -> searchable (p95 over N articles) vs Meilisearch alone adding the same document. */
export async function publishRow(b: Bench): Promise<Row> {
  const service = await b.small();
  const categories = await graphql<{ categories: Array<{ key: string }> }>(service.endpoint, CATEGORIES);
  const category = categories.data.categories.find((each) => each.key.includes('/'))?.key ?? 'broadband';
  const projection = indexProjections(service.prefix).articles;
  const rawUid = `${service.prefix}raw_publish`;
  await indexAlone(b.lab, rawUid, await settingsOf(b.lab, projection.indexUid), []);
  const run = randomBytes(3).toString('hex');
  const svc: number[] = [];
  const base: number[] = [];
  // Round 0 warms both sides up (the first document of an index takes seconds) and is not counted.
  // Each round searches for a word of its own that no other round's is within two typos of (random
  // hex), and waits for that very document: a word like `...n1` also finds `...n0` by typo tolerance.
  for (let i = 0; i <= b.settings.publishCount; i += 1) {
    const word = uniqueWord('bp');
    const { id, publishedAt } = await publishOne(b, service, category, word, `bench-publish-${run}-${i}`);
    await until(async () => {
      const found = await graphql<Found>(service.endpoint, SEARCH_IDS, { query: word });
      return found.data.searchArticles?.edges.some((edge) => edge.node.id === id) ?? false;
    });
    const servicedMs = performance.now() - publishedAt;
    // Baseline: the very document the service indexed, under a new id and word, straight into Meilisearch.
    const [record] = await findDocs(b, service.db, 'articles', { slug: `bench-publish-${run}-${i}` });
    const rawWord = uniqueWord('br');
    const document = JSON.parse(
      JSON.stringify(projection.toDocument(record as never)).replaceAll(word, rawWord),
    ) as object;
    const rawId = new ObjectId().toHexString();
    const started = performance.now();
    await meili(b.lab, 'POST', `/indexes/${rawUid}/documents`, [{ ...document, id: rawId }]);
    await until(async () => {
      const result = await meili<{ hits: Array<{ id: string }> }>(
        b.lab,
        'POST',
        `/indexes/${rawUid}/search`,
        {
          q: rawWord,
        },
      );
      return result.hits.some((hit) => hit.id === rawId);
    });
    if (i > 0) {
      svc.push(servicedMs);
      base.push(performance.now() - started);
    }
  }
  const p95 = quantile(svc, 0.95);
  return {
    id: '3',
    measure: `publish -> searchable, p95 of ${svc.length}`,
    service: ms(p95),
    baseline: ms(quantile(base, 0.95)),
    ratio: times(p95 / quantile(base, 0.95)),
    target: '<= 1000 ms',
    verdict: verdict(p95 <= 1000),
    notes: [
      `p50 ${ms(median(svc))} vs ${ms(median(base))}; baseline: the same document added to a Meilisearch index with the same settings, polled the same way (each side until its own document is a hit)`,
    ],
  };
}

type Readyz = { searchIndex: Record<string, { pending: number }> | null };

/** Row 7: importHalls of N x M rows; the indexer's catch-up after each vs Meilisearch alone indexing them. */
export async function importRow(b: Bench): Promise<Row> {
  const service = await b.service('import');
  const csv = await graphql<{ hallsCsv: string }>(service.endpoint, HALLS_CSV, {}, b.tokens.admin);
  const [header, ...template] = parseCsv(csv.data.hallsCsv).filter((row) => row.length > 1);
  if (!header || template.length === 0) throw new Error('row 7: hallsCsv gave no rows');
  const codeAt = header.indexOf('code');
  const nameAt = header.indexOf('name');
  const projection = indexProjections(service.prefix).halls;
  const settings = await settingsOf(b.lab, projection.indexUid);
  // Meilisearch alone indexes each import into an index of the size the service's index has then:
  // what the service indexed before (seed and earlier imports) is put there first, untimed.
  const rawUid = `${service.prefix}raw_import`;
  const toDocuments = (records: Document[]) =>
    records.flatMap((record) => projection.toDocument(record as never) ?? []);
  await indexAlone(b.lab, rawUid, settings, toDocuments(await findDocs(b, service.db, 'halls', {})));
  const catchUp: number[] = [];
  const alone: number[] = [];
  const imports: number[] = [];
  let unavailable = 0;
  const failures: string[] = [];
  for (let batch = 0; batch < b.settings.importBatches; batch += 1) {
    const rows = Array.from({ length: b.settings.importRows }, (_, i) => {
      const row = [...(template[i % template.length] ?? [])];
      row[codeAt] = `IMP${batch}-${String(i).padStart(5, '0')}`;
      row[nameAt] = `${row[nameAt] ?? ''}${batch}-${i}`;
      return row;
    });
    const started = performance.now();
    let reply;
    try {
      reply = await graphql<{ importHalls: { applied: boolean; created: number; invalid: number } }>(
        service.endpoint,
        IMPORT_HALLS,
        { input: { format: 'CSV', data: writeCsv([header, ...rows]) } },
        b.tokens.admin,
      );
    } catch (error) {
      failures.push(
        `import ${batch + 1} failed after ${sec(performance.now() - started)}: ${String(error).slice(0, 160)}`,
      );
      await settle(service);
      continue;
    }
    if (!reply.data.importHalls.applied)
      throw new Error(`row 7: import not applied: ${JSON.stringify(reply.data)}`);
    const imported = performance.now();
    imports.push(imported - started);
    await until(async () => {
      // A busy database makes /readyz answer 503 (its ping times out): counted, and polled again.
      const reply = await request(`${service.url}/readyz`);
      if (reply.status !== 200) {
        unavailable += 1;
        return false;
      }
      return (JSON.parse(reply.body.toString()) as Readyz).searchIndex?.['halls']?.pending === 0;
    }, 3_600_000);
    catchUp.push(performance.now() - imported);
    const records = await findDocs(b, service.db, 'halls', { code: { $regex: `^IMP${batch}-` } });
    alone.push(await addAlone(b.lab, rawUid, toDocuments(records)));
  }
  await meili(b.lab, 'DELETE', `/indexes/${rawUid}`).then((task) => waitTask(b.lab, task as never));
  await b.stopService('import');
  const worst = Math.max(...catchUp);
  const flat = Math.max(...catchUp) <= 1.5 * Math.min(...catchUp);
  return {
    id: '7',
    measure: `hall import ${b.settings.importBatches} x ${b.settings.importRows}: indexer catch-up`,
    service: sec(worst),
    baseline: sec(Math.max(...alone)),
    ratio: times(worst / Math.max(...alone)),
    target: 'flat, each < 30 s',
    verdict: verdict(worst < 30_000 && flat && failures.length === 0),
    notes: [
      ...failures,
      `catch-up after each import: ${catchUp.map(sec).join(' / ')}; Meilisearch alone, into an index as large as the service's then: ${alone.map(sec).join(' / ')} (ratios ${catchUp.map((each, at) => times(each / (alone[at] ?? Number.NaN))).join(' / ')})`,
      `the importHalls mutation itself: ${imports.map(sec).join(' / ')}; /readyz answered 503 ${unavailable} times while catching up`,
    ],
  };
}
