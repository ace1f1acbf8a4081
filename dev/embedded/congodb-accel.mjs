// What a MongoDB server does with its indexes and the CongoDB emulator does not, added to the
// emulator by congodb-runner.mjs, so that a query's cost grows with the data the way it does on a
// real server. The answers are the emulator's own; only the work differs.
//
// - Ordered scans. The emulator answers every find by filtering the whole collection and sorting
//   what matched (50,000 articles: ~1 s for a page of 20). A find with a limit and a sort that ends
//   on _id (every keyset page here) instead walks the collection in that order and stops at the
//   limit, like an index scan. The order is kept per collection and sort spec, built on first use
//   and updated on every insert, update and delete (binary search), with the emulator's own
//   comparator, so the documents and their order are exactly those the emulator would return.
// - Matching. mingo costs a few microseconds per document and filter. Filters made only of
//   $and/$or, equality, $ne, $in, $nin, $gt/$gte/$lt/$lte, $exists and $all over strings, numbers,
//   booleans, null, dates and ObjectIds are compiled to a plain predicate; mingo still decides any
//   other filter, and any document where that predicate cannot be sure (a path through an array, a
//   value of another type). countDocuments' pipeline ($match, $skip, $limit, $group n: $sum 1) is
//   counted with it. The predicate is in congodb-match.mjs.

import { isPlainObject, filterCompiler, matcherFor } from './congodb-match.mjs';

/**
 * The documents of each collection in the order of each sort spec that a limited find asked for,
 * kept up to date by the storage's write methods.
 */
class OrderedScans {
  constructor(storage, QueryEngine) {
    this.storage = storage;
    this.QueryEngine = QueryEngine;
    /** `${db}\u0000${collection}` -> Map(sort key -> order) */
    this.byCollection = new Map();
  }

  order(db, collection, sort) {
    const name = `${db}\u0000${collection}`;
    let orders = this.byCollection.get(name);
    if (!orders) this.byCollection.set(name, (orders = new Map()));
    const key = JSON.stringify(sort);
    let order = orders.get(key);
    if (!order) {
      const fields = sort.map(([path, direction]) => [path, this.QueryEngine.normalizeDirection(direction)]);
      order = { fields, entries: [], byId: new Map() };
      const entries = [...this.storage.ensureCollection(db, collection).values()].map((doc) =>
        this.entry(order, doc),
      );
      entries.sort((a, b) => this.compare(order, a, b));
      order.entries = entries;
      for (const entry of entries) order.byId.set(entry.id, entry);
      orders.set(key, order);
    }
    return order;
  }

  entry(order, doc) {
    return {
      id: doc._id.toHexString(),
      doc,
      keys: order.fields.map(([path]) => this.QueryEngine.getNestedValue(doc, path)),
    };
  }

  compare(order, a, b) {
    for (let i = 0; i < order.fields.length; i += 1) {
      const c = this.QueryEngine.compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return c * order.fields[i][1];
    }
    return 0;
  }

  /** The first position whose entry is not before `entry`. */
  position(order, entry) {
    let low = 0;
    let high = order.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(order, order.entries[middle], entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  remove(order, id) {
    const entry = order.byId.get(id);
    if (!entry) return;
    order.byId.delete(id);
    let at = this.position(order, entry);
    while (at < order.entries.length && order.entries[at] !== entry) at += 1;
    if (at < order.entries.length) order.entries.splice(at, 1);
    else order.entries = order.entries.filter((other) => other !== entry);
  }

  put(db, collection, doc) {
    const orders = this.byCollection.get(`${db}\u0000${collection}`);
    if (!orders) return;
    for (const order of orders.values()) {
      const entry = this.entry(order, doc);
      this.remove(order, entry.id);
      order.entries.splice(this.position(order, entry), 0, entry);
      order.byId.set(entry.id, entry);
    }
  }

  delete(db, collection, id) {
    const orders = this.byCollection.get(`${db}\u0000${collection}`);
    if (orders) for (const order of orders.values()) this.remove(order, id.toHexString());
  }

  forget(db, collection) {
    for (const name of this.byCollection.keys()) {
      if (name === `${db}\u0000${collection}` || (collection === undefined && name.startsWith(`${db}\u0000`)))
        this.byCollection.delete(name);
    }
  }

  /** Keeps the orders in step with the storage's write methods (insertMany and deleteByIds use these). */
  follow() {
    const storage = this.storage;
    const after = {
      insertOne: ([db, collection], stored) => this.put(db, collection, stored),
      updateById: ([db, collection, , doc], updated) => updated && this.put(db, collection, doc),
      deleteById: ([db, collection, id], deleted) => deleted && this.delete(db, collection, id),
      dropCollection: ([db, collection]) => this.forget(db, collection),
      dropDatabase: ([db]) => this.forget(db, undefined),
      renameCollection: ([db, from, to]) => (this.forget(db, from), this.forget(db, to)),
    };
    for (const [name, update] of Object.entries(after)) {
      const original = storage[name].bind(storage);
      storage[name] = async (...args) => {
        try {
          const result = await original(...args);
          update(args, result);
          return result;
        } catch (error) {
          this.forget(args[0], name === 'dropDatabase' ? undefined : args[1]);
          throw error;
        }
      };
    }
  }
}

/** The sort of a find the ordered scans serve: a limit, and a sort whose last key is _id. */
function orderedSort(command) {
  if (!(command.limit > 0) || !command.sort || command.hint || command.min || command.max) return null;
  const sort = Array.isArray(command.sort) ? command.sort : Object.entries(command.sort);
  if (sort.length === 0 || sort[sort.length - 1][0] !== '_id') return null;
  return sort;
}

/** countDocuments' pipeline as the driver builds it: $match, then $skip and $limit when given, then the $group. */
function countPipeline(pipeline) {
  if (!Array.isArray(pipeline) || pipeline.length < 2 || !isPlainObject(pipeline[0]?.$match)) return null;
  if (JSON.stringify(pipeline.at(-1)) !== '{"$group":{"_id":1,"n":{"$sum":1}}}') return null;
  const middle = pipeline.slice(1, -1);
  const shape = middle.map((stage) => Object.keys(stage).join()).join();
  if (!['', '$skip', '$limit', '$skip,$limit'].includes(shape)) return null;
  const count = (stage) => (Number.isInteger(stage) && stage >= 0 ? stage : null);
  const skip = middle[0]?.$skip !== undefined ? count(middle[0].$skip) : 0;
  const limitStage = middle.find((stage) => stage.$limit !== undefined);
  const limit = limitStage ? count(limitStage.$limit) : Infinity;
  if (skip === null || limit === null || limit === 0) return null;
  return { filter: pipeline[0].$match, skip, limit };
}

/**
 * Installs the ordered scans and the compiled matcher into the emulator loaded from `entryUrl`
 * (its handlers are patched; `storage` is the server's). Call before the storage is used by clients.
 */
export async function accelerate(entryUrl, storage) {
  const emulator = await import(entryUrl);
  const { FindHandler } = await import(new URL('./server/handlers/FindHandler.js', entryUrl).href);
  const { AggregateHandler } = await import(new URL('./server/handlers/AggregateHandler.js', entryUrl).href);
  const { Query } = await import('mingo');
  const { QueryEngine, plugins } = emulator;
  const tools = { compile: filterCompiler(plugins.bson.ObjectId), Query };
  const scans = new OrderedScans(storage, QueryEngine);
  scans.follow();

  const handleFind = FindHandler.prototype.handleFind;
  FindHandler.prototype.handleFind = async function handleFindInOrder(context) {
    const { database, command } = context;
    const sort = orderedSort(command);
    if (!sort || !(await context.storage.collectionExists(database, command.find)))
      return handleFind.call(this, context);
    let matcher;
    try {
      matcher = matcherFor(command.filter ?? {}, tools);
      matcher.match({});
    } catch {
      return handleFind.call(this, context);
    }
    const skip = command.skip || 0;
    const wanted = skip + command.limit;
    let documents = [];
    for (const entry of scans.order(database, command.find, sort).entries) {
      if (matcher.match(entry.doc)) documents.push(entry.doc);
      if (documents.length >= wanted) break;
    }
    documents = documents.slice(skip);
    if (command.projection) documents = QueryEngine.project(documents, command.projection);
    const batchSize = command.batchSize || 101;
    const firstBatch = documents.slice(0, batchSize);
    const remaining = documents.slice(batchSize);
    let cursorId = BigInt(0);
    if (remaining.length > 0 && !command.singleBatch) {
      cursorId = this.nextCursorId();
      this.cursors.set(cursorId, {
        id: cursorId,
        database,
        collection: command.find,
        documents: remaining,
        position: 0,
        batchSize,
        createdAt: new Date(),
      });
    }
    const ns = `${database}.${command.find}`;
    return { ok: 1, cursor: { id: plugins.bson.Long.fromBigInt(cursorId), ns, firstBatch } };
  };

  const handleAggregate = AggregateHandler.prototype.handle;
  AggregateHandler.prototype.handle = async function handleCountFast(context) {
    const { database, command } = context;
    const counting = typeof command.aggregate === 'string' ? countPipeline(command.pipeline) : null;
    if (!counting) return handleAggregate.call(this, context);
    const { filter, skip, limit } = counting;
    const matcher = matcherFor(filter, tools);
    if (!matcher.compiled) return handleAggregate.call(this, context);
    let n = 0;
    if (await context.storage.collectionExists(database, command.aggregate)) {
      let seen = 0;
      for (const doc of context.storage.ensureCollection(database, command.aggregate).values()) {
        if (!matcher.match(doc)) continue;
        seen += 1;
        if (seen > skip) n += 1;
        if (n >= limit) break;
      }
    }
    const ns = `${database}.${command.aggregate}`;
    const firstBatch = n > 0 ? [{ _id: 1, n }] : [];
    return { ok: 1, cursor: { id: plugins.bson.Long.fromNumber(0), ns, firstBatch } };
  };
}
