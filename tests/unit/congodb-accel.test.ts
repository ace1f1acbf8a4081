/**
 * The emulator's ordered scans and fast counts (dev/embedded/congodb-accel.mjs) return what the
 * emulator as shipped computes (filter everything, sort, slice; count what matches), through the
 * official driver, before and after inserts, updates and deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BSON, MongoClient, ObjectId } from 'mongodb';
import type { Collection, Document } from 'mongodb';
import { accelerate } from '../../dev/embedded/congodb-accel.mjs';

const ENTRY = pathToFileURL(resolve('node_modules/.congodb/index.js')).href;

interface Emulator {
  CongoServer: new (options: Record<string, unknown>) => {
    start(): Promise<void>;
    stop(): Promise<void>;
    getStorage(): { findAll(db: string, collection: string): Promise<Document[]> };
    port?: number;
  };
  plugins: { bson: { deserialize(bytes: Uint8Array): Document } };
  QueryEngine: {
    filter(docs: Document[], filter: Document): Document[];
    sort(docs: Document[], sort: Document): Document[];
  };
}

let emulator: Emulator;
let server: InstanceType<Emulator['CongoServer']>;
let client: MongoClient;
let items: Collection<Document>;

beforeAll(async () => {
  emulator = (await import(ENTRY)) as Emulator;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  server = new emulator.CongoServer({ port, host: '127.0.0.1', storage: 'memory' });
  await accelerate(ENTRY, server.getStorage());
  await server.start();
  client = new MongoClient(`mongodb://127.0.0.1:${port}/?serverMonitoringMode=poll`);
  items = client.db('accel').collection('items');
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

/** What the emulator as shipped answers: filter all, sort, skip, limit. */
async function plain(filter: Document, sort: Document, skip: number, limit: number): Promise<string[]> {
  const all = await server.getStorage().findAll('accel', 'items');
  const sorted = emulator.QueryEngine.sort(emulator.QueryEngine.filter(all, received(filter)), sort);
  return sorted.slice(skip, skip + limit).map((doc) => String(doc['_id']));
}

/** A filter as the emulator receives it (its own BSON classes). */
const received = (filter: Document): Document =>
  emulator.plugins.bson.deserialize(BSON.serialize({ filter }))['filter'] as Document;

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

describe('the emulator ordered scans and counts', () => {
  it('page and count like the emulator as shipped, before and after writes', async () => {
    await items.insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        _id: new ObjectId(),
        at: day(i % 17),
        code: `c${(i * 7) % 50}`,
        status: ['A', 'B', 'C'][i % 3],
        tags: i % 4 ? ['x', `t${i % 5}`] : [],
        nested: i % 6 ? { valid: i % 2 ? null : day(i % 9) } : null,
      })),
    );
    const filters: Document[] = [
      {},
      { status: { $ne: 'C' } },
      { $or: [{ 'nested.valid': null }, { 'nested.valid': { $lt: day(4) } }], tags: 'x' },
      { code: { $regex: '^c1' } },
      {
        $and: [
          { status: { $in: ['A', 'B'] } },
          {
            $or: [
              { at: { $lt: day(8) } },
              { at: day(8), _id: { $gt: new ObjectId('000000000000000000000000') } },
            ],
          },
        ],
      },
    ];
    const sorts: Array<Record<string, 1 | -1>> = [
      { at: -1, _id: -1 },
      { code: 1, _id: 1 },
    ];
    const check = async () => {
      for (const filter of filters) {
        for (const sort of sorts) {
          for (const [skip, limit] of [
            [0, 21],
            [5, 3],
          ] as const) {
            const got = await items.find(filter).sort(sort).skip(skip).limit(limit).toArray();
            const want = await plain(filter, sort, skip, limit);
            expect(got.map((doc) => String(doc['_id']))).toEqual(want);
          }
        }
        const all = await server.getStorage().findAll('accel', 'items');
        expect(await items.countDocuments(filter)).toBe(
          emulator.QueryEngine.filter(all, received(filter)).length,
        );
        expect(await items.countDocuments(filter, { skip: 3, limit: 10 })).toBe(
          Math.max(0, Math.min(10, emulator.QueryEngine.filter(all, received(filter)).length - 3)),
        );
      }
    };
    await check();
    await items.updateMany({ status: 'A' }, { $set: { at: day(30) } });
    await items.updateOne({ status: 'B' }, { $set: { code: 'c00' } });
    await items.deleteMany({ status: 'C', code: { $in: ['c7', 'c14', 'c21'] } });
    await items.insertOne({
      _id: new ObjectId(),
      at: day(3),
      code: 'c1',
      status: 'A',
      tags: ['x'],
      nested: null,
    });
    await check();
  });

  it('looks documents up by _id and by an indexed field like the emulator as shipped, before and after writes', async () => {
    const looked = client.db('accel').collection('looked');
    await looked.createIndex({ slug: 1, locale: 1 });
    const docs = Array.from({ length: 200 }, (_, i) => ({
      _id: new ObjectId(),
      slug: `s${i % 40}`,
      locale: i % 2 ? 'en' : 'zh-CN',
      tags: [`t${i % 7}`],
      n: i,
    }));
    await looked.insertMany(docs);
    const sortedIds = (found: Document[]) => found.map((doc) => String(doc['_id'])).sort();
    const shipped = async (filter: Document) => {
      const all = await server.getStorage().findAll('accel', 'looked');
      return sortedIds(emulator.QueryEngine.filter(all, received(filter)));
    };
    const check = async () => {
      const filters: Document[] = [
        { _id: { $in: [docs[3]!._id, docs[77]!._id, new ObjectId()] } },
        { _id: docs[5]!._id },
        { $and: [{ _id: { $in: docs.slice(0, 30).map((doc) => doc._id) } }, { locale: 'en' }] },
        { slug: { $in: ['s1', 's2', 'nope'] } },
        { slug: 's3', locale: 'en' },
        { $and: [{ slug: { $in: ['s4', 's5'] } }, { n: { $gt: 50 } }] },
      ];
      for (const filter of filters) {
        expect(sortedIds(await looked.find(filter).toArray())).toEqual(await shipped(filter));
      }
      expect(
        await looked
          .find({ slug: { $in: ['s1', 's2'] } })
          .limit(3)
          .toArray(),
      ).toHaveLength(3);
    };
    await check();
    await looked.updateOne({ _id: docs[3]!._id }, { $set: { slug: 's2' } });
    await looked.deleteMany({ slug: 's1' });
    await looked.insertOne({ _id: new ObjectId(), slug: 's1', locale: 'en', tags: [], n: 999 });
    await check();
  });

  it('serves the indexer marks (a boolean indexed field) to sorted finds, counts and updates like the emulator as shipped', async () => {
    const marked = client.db('accel').collection('marked');
    await marked.createIndex({ searchPending: 1, updatedAt: 1 });
    const docs = Array.from({ length: 240 }, (_, i) => ({
      _id: new ObjectId(),
      searchPending: i % 3 === 0,
      version: 1 + (i % 4),
      updatedAt: day(i % 11),
      name: `n${i}`,
    }));
    await marked.insertMany(docs);
    const all = async () => server.getStorage().findAll('accel', 'marked');
    const ids = (found: Document[]) => found.map((doc) => String(doc['_id']));
    /** Ordered by `updatedAt`, ties in _id order, as an index scan of (searchPending, updatedAt) returns them. */
    const byDateThenId = (found: Document[]) =>
      ids(emulator.QueryEngine.sort(emulator.QueryEngine.sort(found, { _id: 1 }), { updatedAt: 1 }));
    const check = async () => {
      const shipped = emulator.QueryEngine.filter(await all(), received({ searchPending: true }));
      expect(ids(await marked.find({ searchPending: true }).sort({ updatedAt: 1 }).toArray())).toEqual(
        byDateThenId(shipped),
      );
      const first = await marked.findOne({ searchPending: true }, { sort: { updatedAt: 1 } });
      expect(String(first?._id)).toBe(byDateThenId(shipped)[0]);
      expect(await marked.countDocuments({ searchPending: true })).toBe(shipped.length);
      expect(await marked.countDocuments({ searchPending: false, version: 2 })).toBe(
        emulator.QueryEngine.filter(await all(), received({ searchPending: false, version: 2 })).length,
      );
      const page = await marked
        .find({ searchPending: true })
        .sort({ updatedAt: 1 })
        .skip(4)
        .limit(5)
        .toArray();
      expect(ids(page)).toEqual(byDateThenId(shipped).slice(4, 9));
    };
    await check();
    // The indexer's confirmation: a version guard, the marks, and _id bounds around the ids pushed.
    const pushed = docs.filter((doc) => doc.searchPending).slice(0, 30);
    const sortedPushed = [...pushed].sort((a, b) => a._id.toHexString().localeCompare(b._id.toHexString()));
    const before = await all();
    const statements = [1, 2, 3, 4].map((version) => ({
      updateMany: {
        filter: {
          searchPending: true,
          version,
          _id: { $gte: sortedPushed[0]!._id, $lte: sortedPushed[sortedPushed.length - 1]!._id },
          $or: [{ _id: { $in: pushed.map((doc) => doc._id) } }],
        },
        update: { $set: { searchPending: false, searchSyncedVersion: version } },
      },
    }));
    const expected = statements.reduce(
      (sum, { updateMany }) => sum + emulator.QueryEngine.filter(before, received(updateMany.filter)).length,
      0,
    );
    const result = await marked.bulkWrite(statements, { ordered: false });
    expect(result.modifiedCount).toBe(expected);
    expect(expected).toBe(pushed.length);
    for (const doc of pushed) {
      expect(await marked.findOne({ _id: doc._id })).toMatchObject({ searchPending: false });
    }
    // Bounds alone, and an upsert that matches nothing among the candidates.
    const bounded = await marked.updateMany(
      { _id: { $gt: docs[10]!._id, $lt: docs[20]!._id }, name: { $ne: 'n15' } },
      { $set: { touched: true } },
    );
    expect(bounded.modifiedCount).toBe(8);
    await marked.updateOne(
      { searchPending: true, name: 'new' },
      { $set: { version: 9, updatedAt: day(1) } },
      { upsert: true },
    );
    expect(await marked.countDocuments({ name: 'new', searchPending: true })).toBe(1);
    await marked.updateMany({ version: 3 }, { $set: { searchPending: true } });
    await marked.deleteMany({ version: 4, searchPending: true });
    await check();
  });
});
