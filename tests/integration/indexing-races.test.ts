import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Meilisearch } from 'meilisearch';
import { ObjectId } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import type { IndexProjection } from '../../src/modules/indexing/documents.js';
import { ensureIndex, SearchIndexer } from '../../src/modules/indexing/indexer.js';
import { checkSearchIndex, reindex } from '../../src/modules/indexing/maintenance.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * Nothing acknowledged is lost: a record's `searchPending` mark is cleared only when the index has
 * the version that was pushed. A change that lands while its record is on its way to Meilisearch
 * (the indexer sends the next batch before the last is confirmed) keeps the record pending, and the
 * next pass brings the index up to date. Real Meilisearch; the hook below only runs a MongoDB write
 * at the moment a batch is handed to Meilisearch.
 */

let server: TestServer;
/** Runs before a batch of documents is sent to the index named; set per test. */
let beforeAdd: ((indexUid: string, documents: Array<{ id: string }>) => Promise<void>) | undefined;
/** Runs before indexes are swapped; set per test. */
let beforeSwap: (() => Promise<void>) | undefined;

/** The app's real client, with `beforeAdd` run before every `addDocuments` and `beforeSwap` before a swap. */
function hookedMeili(real: Meilisearch): Meilisearch {
  const bound = (target: object, property: string | symbol): unknown => {
    const value: unknown = Reflect.get(target, property);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  return new Proxy(real, {
    get(target, property) {
      if (property === 'swapIndexes') {
        return (swaps: Parameters<Meilisearch['swapIndexes']>[0]) => ({
          waitTask: async (options?: { timeout?: number }) => {
            await beforeSwap?.();
            return target.swapIndexes(swaps).waitTask(options);
          },
        });
      }
      if (property !== 'index') return bound(target, property);
      return (uid: string) => {
        const index = target.index(uid);
        return new Proxy(index, {
          get(indexTarget, indexProperty) {
            if (indexProperty !== 'addDocuments') return bound(indexTarget, indexProperty);
            return async (documents: Array<{ id: string }>, options?: { primaryKey?: string }) => {
              await beforeAdd?.(uid, documents);
              return indexTarget.addDocuments(documents, options);
            };
          },
        });
      };
    },
  });
}

function newIndexer(batchSize: number): SearchIndexer {
  const { app } = server;
  return new SearchIndexer(
    {
      db: app.db,
      meili: () => hookedMeili(app.meili),
      logger: app.logger,
      projections: Object.values(app.services.projections),
      state: app.services.indexState,
      synonyms: app.services.synonymRepo,
    },
    { batchSize },
  );
}

const projections = () => server.app.services.projections;

/** A change as any writer makes it: new content, the next version, and the pending mark. */
async function change(collection: string, id: ObjectId, field: string, value: string): Promise<number> {
  const updated = await server.app.db
    .collection(collection)
    .findOneAndUpdate(
      { _id: id },
      { $set: { [field]: value, searchPending: true, updatedAt: new Date() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
  return updated?.['version'] as number;
}

async function record(collection: string, id: ObjectId) {
  return server.app.db.collection(collection).findOne({ _id: id });
}

async function indexedVersion(projection: IndexProjection, id: ObjectId): Promise<number | undefined> {
  const document = await server.app.meili
    .index(projection.indexUid)
    .getDocument<{ version: number }>(id.toHexString())
    .catch(() => undefined);
  return document?.version;
}

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  await newIndexer(500).drain();
}, 180_000);
afterAll(async () => {
  await server.stop();
});

describe('a change racing a push', () => {
  it('keeps the record pending when it changes while its batch is sent, and the next pass catches up', async () => {
    const article = await server.app.db.collection('articles').findOne({ live: { $ne: null } });
    if (!article) throw new Error('a published article expected');
    const pushed = await change('articles', article._id, 'live.title', '竞态测试 第一版');
    let raced: number | undefined;
    beforeAdd = async (uid, documents) => {
      if (uid !== projections().articles.indexUid || raced !== undefined) return;
      if (!documents.some((document) => document.id === article._id.toHexString())) return;
      raced = await change('articles', article._id, 'live.title', '竞态测试 第二版');
    };
    const indexer = newIndexer(500);
    await indexer.pushPending();
    beforeAdd = undefined;

    expect(raced).toBe(pushed + 1);
    expect(await indexedVersion(projections().articles, article._id)).toBe(pushed);
    expect(await record('articles', article._id)).toMatchObject({ version: raced, searchPending: true });

    await indexer.drain();
    expect(await indexedVersion(projections().articles, article._id)).toBe(raced);
    expect(await record('articles', article._id)).toMatchObject({
      version: raced,
      searchPending: false,
      searchSyncedVersion: raced,
    });
  }, 120_000);

  it('keeps pending a record of a batch sent but not yet confirmed when the next batch goes', async () => {
    const halls = server.app.db.collection('halls');
    await halls.updateMany({}, { $set: { searchPending: true } });
    const batches: string[][] = [];
    let racedId: string | undefined;
    let racedVersion: number | undefined;
    beforeAdd = async (uid, documents) => {
      if (uid !== projections().halls.indexUid) return;
      batches.push(documents.map((document) => document.id));
      // While the second batch is handed over, the first is still unconfirmed: change one of its halls.
      if (batches.length === 2 && batches[0]?.[0]) {
        racedId = batches[0][0];
        racedVersion = await change('halls', new ObjectId(racedId), 'address', '竞态测试路 1 号');
      }
    };
    await newIndexer(100).pushPending();
    beforeAdd = undefined;

    expect(batches.length).toBeGreaterThanOrEqual(3);
    if (!racedId) throw new Error('the race did not run');
    const stillPending = await halls.find({ searchPending: true }).project({ _id: 1, version: 1 }).toArray();
    expect(stillPending.map((doc) => (doc._id as ObjectId).toHexString())).toEqual([racedId]);
    expect(stillPending[0]?.['version']).toBe(racedVersion);
  }, 180_000);
});

describe('a rebuild', () => {
  it('clears pending marks only after the swap, and keeps records changed meanwhile pending', async () => {
    const articles = server.app.db.collection('articles');
    await articles.updateMany({}, { $set: { searchPending: true } });
    const target = await articles.findOne({ live: { $ne: null } });
    if (!target) throw new Error('a published article expected');
    let clearedBeforeSwap: number | undefined;
    let changedTo: number | undefined;
    beforeSwap = async () => {
      // The documents are in the fresh index, which is not live yet: no mark may be cleared so far.
      clearedBeforeSwap = await articles.countDocuments({ searchPending: false });
      changedTo = await change('articles', target._id, 'live.summary', '重建期间的修改');
    };
    const deps = {
      db: server.app.db,
      meili: hookedMeili(server.app.meili),
      state: server.app.services.indexState,
      synonyms: server.app.services.synonymRepo,
    };
    await reindex(deps, projections().articles);
    beforeSwap = undefined;

    expect(clearedBeforeSwap).toBe(0);
    const left = await articles.find({ searchPending: true }).project({ _id: 1, version: 1 }).toArray();
    expect(left.map((doc) => [(doc._id as ObjectId).toHexString(), doc['version'] as number])).toEqual([
      [target._id.toHexString(), changedTo],
    ]);
    const synced = await articles.findOne({ _id: { $ne: target._id }, live: { $ne: null } });
    expect(synced).toMatchObject({ searchPending: false, searchSyncedVersion: synced?.['version'] });
    await newIndexer(500).drain();
    const report = await checkSearchIndex({ ...deps, meili: server.app.meili }, projections().articles);
    expect(report).toMatchObject({ drift: false, pending: 0 });
    expect(await indexedVersion(projections().articles, target._id)).toBe(changedTo);
  }, 180_000);
});

describe('index projections', () => {
  it('read only the fields their documents need: the documents are the same', async () => {
    for (const projection of Object.values(projections())) {
      const fields = Object.fromEntries(
        ['_id', 'version', 'updatedAt', 'searchPending', ...projection.fields].map((field) => [field, 1]),
      );
      const whole = await server.app.db.collection(projection.collection).find({}).toArray();
      const projected = await server.app.db
        .collection(projection.collection)
        .find({}, { projection: fields })
        .toArray();
      const byId = new Map(projected.map((doc) => [doc._id.toHexString(), doc]));
      for (const doc of whole) {
        const slim = byId.get(doc._id.toHexString());
        expect(projection.toDocument(slim as never)).toEqual(projection.toDocument(doc as never));
        if (projection.neverIndexed(doc as never)) expect(projection.toDocument(doc as never)).toBeNull();
      }
    }
  });

  it('sends no settings Meilisearch already has (a settings task queues ahead of every document)', async () => {
    const { articles } = projections();
    const tasksOf = async () =>
      (await server.app.meili.tasks.getTasks({ indexUids: [articles.indexUid], types: ['settingsUpdate'] }))
        .total;
    const before = await tasksOf();
    await ensureIndex(server.app.meili, articles.indexUid, articles.settings);
    expect(await tasksOf()).toBe(before);
    await ensureIndex(server.app.meili, articles.indexUid, {
      ...articles.settings,
      pagination: { maxTotalHits: 999 },
    });
    expect(await tasksOf()).toBe(before + 1);
    await ensureIndex(server.app.meili, articles.indexUid, articles.settings);
    expect(await tasksOf()).toBe(before + 2);
  }, 120_000);
});
