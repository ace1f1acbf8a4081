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
// - Lookups by an indexed field. A find whose filter limits a field to strings or booleans
//   (equality or $in, at the top or in a top-level $and), where a declared index starts with that
//   field, reads the documents holding those values from a value -> ids map (built on first use,
//   kept up to date like the orders) and matches only them: unsorted, in (value, _id) order as an
//   index scan; sorted (unless an ordered scan serves it), the matches are sorted with the
//   emulator's comparator, ties in _id order. Counts and update statements with such a filter
//   (`{ searchPending: true, ... }`: the indexer's marks) also visit only those documents, so
//   their cost follows the few marked records, not the collection.
// - Lookups by _id. A find without a sort whose filter names its _ids (`_id` equal to an ObjectId
//   or `$in` a list of them, at the top or in a top-level $and) reads those documents by key and
//   matches only them, returned in _id order as a real server's _id index scan returns them (the
//   emulator matched every document: ~1 s for 20 ids among 50,000). Update statements whose filter
//   names _ids, or bounds _id with $gte/$gt/$lte/$lt at the top, visit only those documents (the
//   bounds through the _id order).

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

/** The values an index lookup serves: strings and booleans (a Map keeps `true` and `'true'` apart). */
const isLookupValue = (value) => typeof value === 'string' || typeof value === 'boolean';

/** Per collection and field, the ids of the documents holding each string or boolean value (array elements included). */
class ValueIndexes {
  constructor(storage, QueryEngine) {
    this.storage = storage;
    this.QueryEngine = QueryEngine;
    /** `${db}\u0000${collection}` -> Map(field -> { byValue: Map(value -> Set(id)), byId: Map(id -> values) }) */
    this.byCollection = new Map();
  }

  valuesOf(doc, field) {
    const value = this.QueryEngine.getNestedValue(doc, field);
    const values = Array.isArray(value) ? value : [value];
    return values.filter(isLookupValue);
  }

  index(db, collection, field) {
    const name = `${db}\u0000${collection}`;
    let fields = this.byCollection.get(name);
    if (!fields) this.byCollection.set(name, (fields = new Map()));
    let index = fields.get(field);
    if (!index) {
      index = { byValue: new Map(), byId: new Map() };
      for (const doc of this.storage.ensureCollection(db, collection).values()) this.add(index, field, doc);
      fields.set(field, index);
    }
    return index;
  }

  add(index, field, doc) {
    const id = doc._id.toHexString();
    const values = this.valuesOf(doc, field);
    index.byId.set(id, values);
    for (const value of values) {
      let ids = index.byValue.get(value);
      if (!ids) index.byValue.set(value, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(index, id) {
    for (const value of index.byId.get(id) ?? []) index.byValue.get(value)?.delete(id);
    index.byId.delete(id);
  }

  put(db, collection, doc) {
    const fields = this.byCollection.get(`${db}\u0000${collection}`);
    if (!fields) return;
    for (const [field, index] of fields) {
      this.remove(index, doc._id.toHexString());
      this.add(index, field, doc);
    }
  }

  delete(db, collection, id) {
    const fields = this.byCollection.get(`${db}\u0000${collection}`);
    if (fields) for (const index of fields.values()) this.remove(index, id.toHexString());
  }

  forget(db, collection) {
    for (const name of this.byCollection.keys()) {
      if (name === `${db}\u0000${collection}` || (collection === undefined && name.startsWith(`${db}\u0000`)))
        this.byCollection.delete(name);
    }
  }
}

/** The fields a filter limits to strings or booleans (equality or $in, top level or top-level $and), with their values. */
function valueLookups(filter) {
  const lookups = [];
  const fromClause = (clause) => {
    if (!isPlainObject(clause)) return;
    for (const [field, value] of Object.entries(clause)) {
      if (field.startsWith('$') || field === '_id') continue;
      if (isLookupValue(value)) lookups.push([field, [value]]);
      else if (
        isPlainObject(value) &&
        Object.keys(value).length === 1 &&
        Array.isArray(value.$in) &&
        value.$in.every(isLookupValue)
      )
        lookups.push([field, value.$in]);
    }
  };
  fromClause(filter);
  if (isPlainObject(filter) && Array.isArray(filter.$and)) filter.$and.forEach(fromClause);
  return lookups;
}

/** The sort of a find the ordered scans serve: a limit, and a sort whose last key is _id. */
function orderedSort(command) {
  if (!(command.limit > 0) || !command.sort || command.hint || command.min || command.max) return null;
  const sort = Array.isArray(command.sort) ? command.sort : Object.entries(command.sort);
  if (sort.length === 0 || sort[sort.length - 1][0] !== '_id') return null;
  return sort;
}

/** The ObjectIds a filter limits `_id` to (equality or $in, at the top or in a top-level $and); null when it does not. */
function idsOf(filter) {
  const isId = (value) => typeof value?.toHexString === 'function' && value?._bsontype === 'ObjectId';
  const fromClause = (clause) => {
    if (!isPlainObject(clause) || !('_id' in clause)) return null;
    const value = clause._id;
    if (isId(value)) return [value];
    if (
      isPlainObject(value) &&
      Object.keys(value).length === 1 &&
      Array.isArray(value.$in) &&
      value.$in.every(isId)
    )
      return value.$in;
    return null;
  };
  const direct = fromClause(filter);
  if (direct) return direct;
  if (isPlainObject(filter) && Array.isArray(filter.$and)) {
    for (const clause of filter.$and) {
      const ids = fromClause(clause);
      if (ids) return ids;
    }
  }
  return null;
}

/**
 * The bounds a filter puts on `_id` at its top level (`_id: { $gte, $gt, $lte, $lt }` with ObjectIds,
 * nothing else in that clause), as `below(id)` / `above(id)` tests; null when it puts none.
 */
function idBounds(filter) {
  const clause = isPlainObject(filter) ? filter._id : undefined;
  if (!isPlainObject(clause)) return null;
  const operators = Object.keys(clause);
  const isId = (value) => typeof value?.toHexString === 'function' && value?._bsontype === 'ObjectId';
  if (operators.length === 0 || !operators.every((op) => ['$gte', '$gt', '$lte', '$lt'].includes(op)))
    return null;
  if (!operators.every((op) => isId(clause[op]))) return null;
  const hex = (id) => id.toHexString();
  return {
    below: (id) =>
      (clause.$gte !== undefined && hex(id) < hex(clause.$gte)) ||
      (clause.$gt !== undefined && hex(id) <= hex(clause.$gt)),
    above: (id) =>
      (clause.$lte !== undefined && hex(id) > hex(clause.$lte)) ||
      (clause.$lt !== undefined && hex(id) >= hex(clause.$lt)),
  };
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
  const { UpdateHandler } = await import(new URL('./server/handlers/UpdateHandler.js', entryUrl).href);
  const { Query } = await import('mingo');
  const { QueryEngine, plugins } = emulator;
  const tools = { compile: filterCompiler(plugins.bson.ObjectId), Query };
  const scans = new OrderedScans(storage, QueryEngine);
  const values = new ValueIndexes(storage, QueryEngine);
  for (const method of ['put', 'delete', 'forget']) {
    const own = scans[method].bind(scans);
    scans[method] = (...args) => {
      own(...args);
      values[method](...args);
    };
  }
  scans.follow();
  /** A declared index's first field among the filter's value lookups, with its values; null when none. */
  const indexedLookup = async (database, collection, filter) => {
    const lookups = valueLookups(filter);
    if (lookups.length === 0) return null;
    const declared = (await storage.getIndexes(database, collection)) ?? [];
    const leading = new Set(declared.map((index) => Object.keys(index.key ?? {})[0]));
    return lookups.find(([field]) => leading.has(field)) ?? null;
  };
  /** The stored documents holding one of the lookup's values, in (value, _id) order, each once. */
  function* lookedUp(database, collection, lookup) {
    const stored = storage.ensureCollection(database, collection);
    const index = values.index(database, collection, lookup[0]);
    const seen = new Set();
    for (const value of [...new Set(lookup[1])].sort()) {
      for (const key of [...(index.byValue.get(value) ?? [])].sort()) {
        const doc = stored.get(key);
        if (doc && !seen.has(key)) {
          seen.add(key);
          yield doc;
        }
      }
    }
  }
  /**
   * The documents an update statement's filter can match, when fewer than all can be told cheaply
   * (named _ids, an indexed value, _id bounds at the top), in _id order (by value first for an
   * indexed lookup of several values); null otherwise.
   */
  const candidatesOf = async (database, collection, filter) => {
    const stored = storage.ensureCollection(database, collection);
    const ids = idsOf(filter);
    if (ids) {
      const keys = [...new Set(ids.map((id) => id.toHexString()))].sort();
      return keys.flatMap((key) => stored.get(key) ?? []);
    }
    const lookup = await indexedLookup(database, collection, filter);
    if (lookup) return [...lookedUp(database, collection, lookup)];
    const bounds = idBounds(filter);
    if (bounds) {
      const entries = scans.order(database, collection, [['_id', 1]]).entries;
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (bounds.below(entries[middle].doc._id)) low = middle + 1;
        else high = middle;
      }
      const found = [];
      for (let at = low; at < entries.length && !bounds.above(entries[at].doc._id); at += 1)
        found.push(entries[at].doc);
      return found;
    }
    return null;
  };
  /** The documents in _id order (the byte order of ObjectIds is the order of their hex form). */
  const inIdOrder = (docs) =>
    docs
      .map((doc) => [doc._id.toHexString(), doc])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, doc]) => doc);

  const handleFind = FindHandler.prototype.handleFind;
  FindHandler.prototype.handleFind = async function handleFindInOrder(context) {
    const { database, command } = context;
    const sort = orderedSort(command);
    const hinted = Boolean(command.hint || command.min || command.max);
    const sortSpec = command.sort && Object.keys(command.sort).length > 0 ? command.sort : null;
    const unsorted = !hinted && !command.sort;
    const ids = unsorted ? idsOf(command.filter) : null;
    if (hinted || !(await context.storage.collectionExists(database, command.find)))
      return handleFind.call(this, context);
    const lookup = !sort && !ids ? await indexedLookup(database, command.find, command.filter) : null;
    if (!sort && !ids && !lookup) return handleFind.call(this, context);
    if (!unsorted && !sort && !sortSpec) return handleFind.call(this, context);
    let matcher;
    try {
      matcher = matcherFor(command.filter ?? {}, tools);
      matcher.match({});
    } catch {
      return handleFind.call(this, context);
    }
    const skip = command.skip || 0;
    const wanted = command.limit > 0 ? skip + command.limit : Infinity;
    let documents = [];
    if (lookup) {
      // Sorted: every match is needed before the first can be told.
      const stopAt = sortSpec ? Infinity : wanted;
      for (const doc of lookedUp(database, command.find, lookup)) {
        if (matcher.match(doc)) documents.push(doc);
        if (documents.length >= stopAt) break;
      }
      if (sortSpec) documents = QueryEngine.sort(inIdOrder(documents), sortSpec).slice(0, wanted);
    } else if (ids) {
      const stored = context.storage.ensureCollection(database, command.find);
      const keys = [...new Set(ids.map((id) => id.toHexString()))].sort();
      for (const key of keys) {
        const doc = stored.get(key);
        if (doc && matcher.match(doc)) documents.push(doc);
        if (documents.length >= wanted) break;
      }
    } else {
      for (const entry of scans.order(database, command.find, sort).entries) {
        if (matcher.match(entry.doc)) documents.push(entry.doc);
        if (documents.length >= wanted) break;
      }
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
    const exists = await context.storage.collectionExists(database, command.aggregate);
    const lookup = exists ? await indexedLookup(database, command.aggregate, filter) : null;
    let matcher;
    try {
      matcher = matcherFor(filter, tools);
      matcher.match({});
    } catch {
      return handleAggregate.call(this, context);
    }
    // Without an index lookup every document is visited: only with the compiled predicate.
    if (!lookup && !matcher.compiled) return handleAggregate.call(this, context);
    let n = 0;
    if (exists) {
      const docs = lookup
        ? lookedUp(database, command.aggregate, lookup)
        : context.storage.ensureCollection(database, command.aggregate).values();
      let seen = 0;
      for (const doc of docs) {
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

  const handleUpdate = UpdateHandler.prototype.handleUpdate;
  UpdateHandler.prototype.handleUpdate = async function handleUpdateNarrowed(context) {
    const { database, command, documentSequences } = context;
    const collection = command.update;
    const updates = documentSequences?.has('updates') ? documentSequences.get('updates') : command.updates;
    if (
      typeof collection !== 'string' ||
      !Array.isArray(updates) ||
      updates.length === 0 ||
      !(await context.storage.collectionExists(database, collection))
    )
      return handleUpdate.call(this, context);
    // One statement at a time through the emulator's own handler, each seeing only the documents its
    // filter can match (its `findAll` of this collection answers those): same writes, fewer visits.
    const merged = { ok: 1, n: 0, nModified: 0 };
    const upserted = [];
    const writeErrors = [];
    for (let i = 0; i < updates.length; i += 1) {
      const statement = updates[i];
      const candidates = await candidatesOf(database, collection, statement.q ?? statement.filter ?? {});
      const narrowed = candidates
        ? new Proxy(context.storage, {
            get(target, property) {
              if (property === 'findAll')
                return async (db, name) =>
                  db === database && name === collection ? candidates : target.findAll(db, name);
              const value = target[property];
              return typeof value === 'function' ? value.bind(target) : value;
            },
          })
        : context.storage;
      const reply = await handleUpdate.call(this, {
        ...context,
        storage: narrowed,
        command: { ...command, updates: [statement] },
        documentSequences: undefined,
      });
      if (!reply.ok) return reply;
      merged.n += reply.n ?? 0;
      merged.nModified += reply.nModified ?? 0;
      for (const each of reply.upserted ?? []) upserted.push({ ...each, index: i });
      for (const each of reply.writeErrors ?? []) writeErrors.push({ ...each, index: i });
      if (reply.writeErrors?.length && command.ordered !== false) break;
    }
    if (upserted.length > 0) merged.upserted = upserted;
    if (writeErrors.length > 0) merged.writeErrors = writeErrors;
    return merged;
  };
}
