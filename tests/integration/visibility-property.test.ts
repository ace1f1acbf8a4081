import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ObjectId } from 'mongodb';
import { PUBLIC_PRINCIPAL, staffPrincipal } from '../../src/auth/principal.js';
import type { Principal } from '../../src/auth/principal.js';
import { ARTICLE_STATUSES, AUDIENCES } from '../../src/modules/articles/article.model.js';
import type { ArticleContent, ArticleDoc } from '../../src/modules/articles/article.model.js';
import {
  isVisible,
  toMeiliFilter,
  toMongoFilter,
  VISIBILITY_RULES,
} from '../../src/modules/articles/article.visibility.js';
import type { ReadPurpose } from '../../src/modules/articles/article.visibility.js';
import { ARTICLE_INDEX_SETTINGS, indexProjections } from '../../src/modules/indexing/documents.js';
import { assertSucceeded, ensureIndex, TASK_TIMEOUT_MS } from '../../src/modules/indexing/indexer.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * The visibility policy's three compiled forms select the same articles: random articles (every
 * status, with and without a published revision, both audiences, validity windows around a fixed
 * clock down to the millisecond) are written to the real MongoDB-protocol server and, through the
 * search projection, to a real Meilisearch index; for every kind of principal, the ids the MongoDB
 * filter finds, the ids the Meilisearch filter finds and the ids the in-memory predicate accepts are
 * the same set.
 */

// Half a second past the full second, so windows that open or close within this second are tested.
const NOW = new Date('2026-03-01T08:00:00.500Z');
const SECOND = 1000;
const DAY = 86_400_000;

const PRINCIPALS: Record<string, Principal> = {
  public: PUBLIC_PRINCIPAL,
  noRoles: staffPrincipal('nobody', []),
  agent: staffPrincipal('agent-1', ['agent']),
  editor: staffPrincipal('editor-1', ['editor']),
  reviewer: staffPrincipal('reviewer-1', ['reviewer']),
  admin: staffPrincipal('admin-1', ['admin']),
};

/** Offsets from NOW that sit on and around the window edges, at the index's one-second resolution. */
const EDGE_OFFSETS = [
  -DAY,
  -SECOND - 1,
  -SECOND,
  -501,
  -500,
  -499,
  -1,
  0,
  1,
  499,
  500,
  SECOND,
  SECOND + 1,
  DAY,
];

// Edges weigh most: that is where compiled forms at different resolutions would disagree.
const boundArb: fc.Arbitrary<Date | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  {
    arbitrary: fc.constantFrom(...EDGE_OFFSETS).map((offset) => new Date(NOW.getTime() + offset)),
    weight: 4,
  },
  {
    arbitrary: fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((offset) => new Date(NOW.getTime() + offset)),
    weight: 2,
  },
);

const contentArb: fc.Arbitrary<ArticleContent> = fc
  .record({
    audience: fc.constantFrom(...AUDIENCES),
    validFrom: boundArb,
    validTo: boundArb,
    title: fc.constantFrom('宽带拨号错误 691', '密码重置', 'Printer setup'),
  })
  .map(({ audience, validFrom, validTo, title }) => ({
    title,
    summary: title,
    body: title,
    category: 'broadband',
    categoryPath: ['broadband'],
    tags: [],
    errorCodes: [],
    audience,
    validFrom,
    validTo,
    related: [],
  }));

const articleArb: fc.Arbitrary<ArticleDoc> = fc
  .record({
    status: fc.constantFrom(...ARTICLE_STATUSES),
    current: contentArb,
    live: fc.option(contentArb, { nil: null }),
    locale: fc.constantFrom('zh-CN' as const, 'en' as const),
  })
  .map(({ status, current, live, locale }) => {
    const id = new ObjectId();
    return {
      _id: id,
      slug: `prop-${id.toHexString()}`,
      locale,
      status,
      version: 3,
      current,
      live,
      liveVersion: live ? 2 : null,
      publishedAt: live ? new Date(NOW.getTime() - DAY) : null,
      publishedBy: live ? 'reviewer-1' : null,
      owner: 'editor-1',
      createdAt: new Date(NOW.getTime() - 2 * DAY),
      createdBy: 'editor-1',
      updatedAt: NOW,
      updatedBy: 'editor-1',
      submittedAt: null,
      submittedBy: null,
      rejection: null,
      counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
      lastChange: { version: 3, action: 'update', author: 'editor-1', at: NOW, note: null },
      revisionPending: false,
      searchPending: false,
      searchSyncedVersion: 3,
    };
  });

let server: TestServer;
let indexUid: string;

beforeAll(async () => {
  server = await startTestServer();
  indexUid = `${server.app.config.meili.indexPrefix}visibility_property`;
  await ensureIndex(server.app.meili, indexUid, ARTICLE_INDEX_SETTINGS);
}, 120_000);
afterAll(async () => {
  await server.stop();
});

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** Replaces the collection's and the index's contents with `docs` (one Meilisearch task wait). */
async function store(docs: ArticleDoc[]): Promise<void> {
  const collection = server.app.services.articles.articles;
  await collection.deleteMany({});
  await collection.insertMany(docs);
  const projection = indexProjections(server.app.config.meili.indexPrefix).articles;
  const documents = docs.map((doc) => projection.toDocument(doc)).filter((doc) => doc !== null);
  const index = server.app.meili.index(indexUid);
  // Enqueued one after the other, the tasks run in order: waiting for the last one waits for both.
  const cleared = index.deleteAllDocuments();
  await cleared;
  const last = documents.length > 0 ? index.addDocuments(documents, { primaryKey: 'id' }) : cleared;
  assertSucceeded(await last.waitTask({ timeout: TASK_TIMEOUT_MS }));
}

async function mongoIds(principal: Principal, purpose: ReadPurpose): Promise<string[]> {
  const found = await server.app.services.articles.articles
    .find(toMongoFilter(principal, NOW, purpose), { projection: { _id: 1 } })
    .toArray();
  return sorted(found.map((doc) => doc._id.toHexString()));
}

async function meiliIds(principal: Principal): Promise<string[]> {
  const filter = toMeiliFilter(principal, NOW);
  const result = await server.app.meili.index(indexUid).search<{ id: string }>('', {
    ...(filter ? { filter } : {}),
    attributesToRetrieve: ['id'],
    limit: 1000,
  });
  return sorted(result.hits.map((hit) => hit.id));
}

function predicateIds(docs: ArticleDoc[], principal: Principal, purpose: ReadPurpose): string[] {
  return sorted(
    docs.filter((doc) => isVisible(principal, doc, NOW, purpose)).map((doc) => doc._id.toHexString()),
  );
}

describe('the visibility policy', () => {
  it('compiles to a MongoDB filter, a Meilisearch filter and a predicate that always agree', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(articleArb, { minLength: 20, maxLength: 30 }), async (docs) => {
        await store(docs);
        for (const [name, principal] of Object.entries(PRINCIPALS)) {
          // Reads (lists, lookups, related ...): MongoDB and the predicate.
          const read = predicateIds(docs, principal, 'read');
          expect({ name, ids: await mongoIds(principal, 'read') }).toEqual({ name, ids: read });
          // Search (published revisions): all three.
          const search = predicateIds(docs, principal, 'search');
          expect({ name, ids: await mongoIds(principal, 'search') }).toEqual({ name, ids: search });
          expect({ name, ids: await meiliIds(principal) }).toEqual({ name, ids: search });
          checked += 1;
        }
      }),
      { numRuns: 12, endOnFailure: true },
    );
    expect(checked).toBe(12 * Object.keys(PRINCIPALS).length);
  }, 120_000);

  it('gives each reader class one rule, and only live-revision rules a Meilisearch form', () => {
    expect(VISIBILITY_RULES.editorial.copy).toBe('current');
    expect(VISIBILITY_RULES.editorial.conditions).toEqual([]);
    expect(VISIBILITY_RULES.staff.copy).toBe('live');
    expect(VISIBILITY_RULES.public.conditions).toEqual(
      expect.arrayContaining([{ op: 'audienceIs', audience: 'PUBLIC' }]),
    );
    // Editors search as staff: the index holds published revisions only.
    expect(toMeiliFilter(PRINCIPALS['editor'] ?? PUBLIC_PRINCIPAL, NOW)).toBe(
      toMeiliFilter(PRINCIPALS['agent'] ?? PUBLIC_PRINCIPAL, NOW),
    );
  });
});
