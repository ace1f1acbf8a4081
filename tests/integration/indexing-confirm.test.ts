import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import type { CommandStartedEvent } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { IndexedRecordsRepository } from '../../src/modules/indexing/indexed-records.repository.js';
import { createIndexer } from '../../src/modules/indexing/indexer.js';
import { MAX_IDS_PER_FILTER } from '../../src/modules/indexing/exact-ids.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

/**
 * The indexer confirms what Meilisearch has in one MongoDB command per batch, and the confirmation
 * clears a record's `searchPending` mark only for the version that was pushed: these are the
 * guarantees, checked on the stored documents.
 */

let server: TestServer;
let records: IndexedRecordsRepository;

beforeAll(async () => {
  server = await startTestServer();
  records = new IndexedRecordsRepository(server.app.db);
});
afterAll(async () => {
  await server.stop();
});

interface Probe {
  _id: ObjectId;
  version: number;
  updatedAt: Date;
  searchPending: boolean;
  searchSyncedVersion?: number;
}

/** Inserts `count` pending records with versions 1..3 into a fresh collection. */
async function pendingRecords(collection: string, count: number): Promise<Probe[]> {
  const docs: Probe[] = Array.from({ length: count }, (_, at) => ({
    _id: new ObjectId(),
    version: 1 + (at % 3),
    updatedAt: new Date(),
    searchPending: true,
  }));
  await server.app.db.collection<Probe>(collection).insertMany(docs);
  return docs;
}

/**
 * The update commands `action` sends, as the number of statements in each: the emulator scans the
 * whole collection once per statement, so statements are what must not grow with the batch.
 */
async function updateStatements(action: () => Promise<unknown>): Promise<number[]> {
  const seen: number[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (event.commandName !== 'update' || event.databaseName !== server.app.config.mongo.dbName) return;
    const updates: unknown = event.command['updates'];
    seen.push(Array.isArray(updates) ? updates.length : -1);
  };
  server.app.mongo.on('commandStarted', listener);
  try {
    await action();
  } finally {
    server.app.mongo.off('commandStarted', listener);
  }
  return seen;
}

async function stored(collection: string): Promise<Map<string, Probe>> {
  const docs = await server.app.db.collection<Probe>(collection).find({}).toArray();
  return new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
}

describe('confirming a pushed batch', () => {
  it('clears exactly the records pushed at their current version, and nothing else', async () => {
    const docs = await pendingRecords('probe_exact', 300);
    // Pushed: every other record. Of those, every fifth changed after the push (its version moved on).
    const pushed = docs.filter((_, at) => at % 2 === 0);
    const changed = new Set(pushed.filter((_, at) => at % 5 === 0).map((doc) => doc._id.toHexString()));
    for (const doc of pushed.filter((each) => changed.has(each._id.toHexString()))) {
      await server.app.db
        .collection<Probe>('probe_exact')
        .updateOne({ _id: doc._id }, { $inc: { version: 1 }, $set: { searchPending: true } });
    }

    const confirmed = await records.confirmSyncedUnlessChanged('probe_exact', pushed);

    const after = await stored('probe_exact');
    const pushedIds = new Set(pushed.map((doc) => doc._id.toHexString()));
    for (const doc of docs) {
      const id = doc._id.toHexString();
      const now = after.get(id);
      const shouldClear = pushedIds.has(id) && !changed.has(id);
      expect({ id, pending: now?.searchPending }).toEqual({ id, pending: !shouldClear });
      if (shouldClear) expect(now?.searchSyncedVersion).toBe(doc.version);
    }
    expect(confirmed).toBe(pushed.length - changed.size);
  });

  it('sends one command with a statement per version for a batch, however many records it holds', async () => {
    const small = await pendingRecords('probe_small', 6);
    const large = await pendingRecords('probe_large', 1500);
    const forSmall = await server.countCommands(() =>
      records.confirmSyncedUnlessChanged('probe_small', small),
    );
    const forLarge = await server.countCommands(() =>
      records.confirmSyncedUnlessChanged('probe_large', large),
    );
    expect(forSmall).toEqual({ update: 1 });
    expect(forLarge).toEqual({ update: 1 });
    // Versions 1, 2 and 3: three statements, for 6 records as for 1,500.
    await server.app.db.collection('probe_large').updateMany({}, { $set: { searchPending: true } });
    expect(await updateStatements(() => records.confirmSyncedUnlessChanged('probe_large', large))).toEqual([
      3,
    ]);
    expect([...(await stored('probe_large')).values()].every((doc) => !doc.searchPending)).toBe(true);
  });

  it('confirms more ids than one filter takes (several statements, still one command)', async () => {
    const docs = await pendingRecords('probe_many', MAX_IDS_PER_FILTER * 2 + 10);
    await server.app.db.collection('probe_many').updateMany({}, { $set: { version: 1 } });
    const pushed = docs.map(({ _id }) => ({ _id, version: 1 }));
    const statements = await updateStatements(() => records.confirmSyncedUnlessChanged('probe_many', pushed));
    // One version, more ids than one filter takes: one command of three statements.
    expect(statements).toEqual([3]);
    expect(await server.app.db.collection('probe_many').countDocuments({ searchPending: true })).toBe(0);
  }, 120_000);

  it('never clears a record that became pending after it was read, even at the same version number', async () => {
    // A record that was synced (not pending, so not read) and then changed to the version another
    // record of the batch has: it lies inside the batch's id range, but was not pushed.
    const [first, middle, last] = await pendingRecords('probe_between', 3);
    if (!first || !middle || !last) throw new Error('three records expected');
    await server.app.db
      .collection<Probe>('probe_between')
      .updateOne({ _id: middle._id }, { $set: { version: first.version, searchPending: true } });
    await records.confirmSyncedUnlessChanged('probe_between', [
      { _id: first._id, version: first.version },
      { _id: last._id, version: last.version },
    ]);
    const after = await stored('probe_between');
    expect(after.get(middle._id.toHexString())?.searchPending).toBe(true);
    expect(after.get(first._id.toHexString())?.searchPending).toBe(false);
    expect(after.get(last._id.toHexString())?.searchPending).toBe(false);
  });
});

describe('the indexer against MongoDB', () => {
  it('drains pending halls with a command per batch, not per hall', async () => {
    await seedDatabase(server.app, { onlyEmpty: false });
    const indexer = createIndexer(server.app, { batchSize: 100 });
    await indexer.drain();
    const halls = await server.app.db.collection('halls').countDocuments({});
    await server.app.db.collection('halls').updateMany({}, { $set: { searchPending: true } });
    const statements: number[] = [];
    const commands = await server.countCommands(async () => {
      statements.push(...(await updateStatements(() => indexer.pushPending())));
    });
    const batches = Math.ceil(halls / 100);
    // One read of the pending halls (a find and its getMores); one update command per batch, of one
    // statement per version in the batch (the seeded halls are all at version 1).
    expect(commands['update']).toBe(batches);
    expect(statements).toEqual(Array.from({ length: batches }, () => 1));
    expect((commands['find'] ?? 0) + (commands['getMore'] ?? 0)).toBeLessThanOrEqual(2 + batches);
    expect(await server.app.db.collection('halls').countDocuments({ searchPending: true })).toBe(0);
  }, 180_000);
});
