#!/usr/bin/env node
// Runs the CongoDB MongoDB-wire emulator (installed by dev/embedded/install-emulator.mjs) in its own
// process, for dev/embedded/mongodb.ts.
//
//   node congodb-runner.mjs --entry node_modules/.congodb/index.js --port N [--host 127.0.0.1] [--data-dir DIR]
//
// Prints `congodb-runner ready {"port":N,...}` on stdout once it listens. Exits (after stopping the
// server and saving its data) when its stdin closes, i.e. when the process that spawned it is gone,
// or on SIGTERM/SIGINT.
//
// Persistence (with --data-dir). The emulator's own options are not used, because both lose data:
// `storage: 'file'` and the memory adapter's `persistPath` write JSON, and read it back restoring
// only `_id`, so every Date, ObjectId reference, Decimal128, Long or Binary comes back as a string
// or a plain object (the file adapter does so even within one run, since it re-reads its JSON on
// every query, and it rewrites a whole collection file on every insert); `persistPath` also only
// saves every `persistIntervalMs` and on close, so a crash loses the writes since the last save.
// Instead the data lives in the emulator's memory adapter, and every write the adapter applies is
// appended as a BSON record to DIR/journal.bson before the server answers it (a process crash loses
// no acknowledged write; the journal is fdatasync'ed every 200 ms, like mongod's commit interval).
// DIR/snapshot.bson holds a compacted copy; at start the snapshot is loaded and the journal
// replayed; on a graceful stop, at start and when the journal grows large, the state is compacted
// into a new snapshot (written to a temp file, fsync'ed, renamed). BSON keeps every type exactly as
// the wire protocol delivered it. Both files start with a header naming a generation, so a journal
// left from before the last compaction is recognised and ignored.

import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { accelerate } from './congodb-accel.mjs';

const SYNC_INTERVAL_MS = 200;
const COMPACT_MIN_JOURNAL_BYTES = 64 * 1024 * 1024;
const FORMAT_VERSION = 1;
const SERIALIZE_OPTIONS = { ignoreUndefined: true };

function fatal(message) {
  process.stderr.write(`congodb-runner: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) fatal(`missing value for ${flag}`);
    if (flag === '--entry') options.entry = value;
    else if (flag === '--port') options.port = Number(value);
    else if (flag === '--host') options.host = value;
    else if (flag === '--data-dir') options.dataDir = value;
    else fatal(`unknown option ${flag}`);
  }
  if (!options.entry) fatal('--entry is required');
  if (!Number.isInteger(options.port) || options.port <= 0) fatal('--port must be a port number');
  return options;
}

/** Journal + snapshot persistence for the emulator's MemoryStorageAdapter (see the header comment). */
class Persistence {
  constructor(storage, bson, dir) {
    this.storage = storage;
    this.bson = bson;
    this.dir = dir;
    this.snapshotPath = join(dir, 'snapshot.bson');
    this.journalPath = join(dir, 'journal.bson');
    this.generation = 0;
    this.journalFd = undefined;
    this.journalBytes = 0;
    this.snapshotBytes = 0;
    this.dirty = false;
    this.syncTimer = undefined;
  }

  /** Loads snapshot + journal into the storage, then journals every write the storage applies. */
  async load() {
    mkdirSync(this.dir, { recursive: true });
    const snapshot = this.readRecords(this.snapshotPath, 'snapshot');
    if (snapshot.header) {
      this.generation = snapshot.header.gen;
      for (const record of snapshot.records) await this.apply(record);
    }
    const journal = this.readRecords(this.journalPath, 'journal');
    const journalCurrent = journal.header !== undefined && journal.header.gen === this.generation;
    let replayed = 0;
    if (journalCurrent) {
      for (const record of journal.records) await this.apply(record);
      replayed = journal.records.length;
      if (journal.tornBytes > 0) {
        process.stderr.write(
          `congodb-runner: ignored ${journal.tornBytes} bytes of an incomplete journal record (a write cut off by a crash)\n`,
        );
      }
    }
    this.wrapStorage();
    if (!snapshot.header || !journalCurrent || replayed > 0 || journal.tornBytes > 0) {
      this.compact();
    } else {
      this.journalFd = openSync(this.journalPath, 'a');
      this.journalBytes = statSync(this.journalPath).size;
      this.snapshotBytes = statSync(this.snapshotPath).size;
    }
    this.syncTimer = setInterval(() => this.sync(), SYNC_INTERVAL_MS);
    this.syncTimer.unref();
    return { documents: this.countDocuments(), replayed };
  }

  readRecords(path, kind) {
    if (!existsSync(path)) return { header: undefined, records: [], tornBytes: 0 };
    const buffer = readFileSync(path);
    const records = [];
    let header;
    let offset = 0;
    while (offset < buffer.length) {
      if (buffer.length - offset < 5) break;
      const size = buffer.readInt32LE(offset);
      if (size < 5 || offset + size > buffer.length) break;
      let record;
      try {
        record = this.bson.deserialize(buffer.subarray(offset, offset + size));
      } catch {
        break;
      }
      offset += size;
      if (header === undefined) {
        if (record.h !== `congodb-${kind}` || record.v !== FORMAT_VERSION || typeof record.gen !== 'number') {
          fatal(
            `${path} is not a congodb-runner ${kind} (version ${FORMAT_VERSION}); move it away to start afresh`,
          );
        }
        header = record;
      } else {
        records.push(record);
      }
    }
    if (kind === 'snapshot' && offset < buffer.length) {
      fatal(`${path} is damaged at byte ${offset} of ${buffer.length}; move it away to start afresh`);
    }
    return { header, records, tornBytes: buffer.length - offset };
  }

  /** Applies one record to the in-memory storage (before the storage is wrapped, so nothing is journaled). */
  async apply(record) {
    const storage = this.storage;
    switch (record.o) {
      case 'put':
        storage.ensureCollection(record.d, record.c).set(record.doc._id.toHexString(), record.doc);
        break;
      case 'del':
        storage.ensureCollection(record.d, record.c).delete(record.id.toHexString());
        break;
      case 'cd':
        await storage.createDatabase(record.d);
        break;
      case 'cc':
        await storage.createCollection(record.d, record.c);
        break;
      case 'dc':
        await storage.dropCollection(record.d, record.c);
        break;
      case 'dd':
        await storage.dropDatabase(record.d);
        break;
      case 'rn':
        await storage.renameCollection(record.d, record.from, record.to).catch(() => {});
        break;
      case 'si':
        await storage.saveIndex(record.d, record.c, record.n, record.spec);
        break;
      case 'di':
        await storage.dropIndex(record.d, record.c, record.n).catch(() => {});
        break;
      default:
        process.stderr.write(`congodb-runner: skipped unknown journal record ${JSON.stringify(record.o)}\n`);
    }
  }

  /** Replaces the adapter's mutating methods with ones that journal what they did. */
  wrapStorage() {
    const storage = this.storage;
    const journalAfter = {
      insertOne: ([d, c], stored) => ({ o: 'put', d, c, doc: stored }),
      updateById: ([d, c, , doc], updated) => (updated ? { o: 'put', d, c, doc } : undefined),
      deleteById: ([d, c, id], deleted) => (deleted ? { o: 'del', d, c, id } : undefined),
      createDatabase: ([d], _result, existed) => (existed ? undefined : { o: 'cd', d }),
      createCollection: ([d, c], _result, existed) => (existed ? undefined : { o: 'cc', d, c }),
      dropCollection: ([d, c]) => ({ o: 'dc', d, c }),
      dropDatabase: ([d]) => ({ o: 'dd', d }),
      renameCollection: ([d, from, to]) => ({ o: 'rn', d, from, to }),
      saveIndex: ([d, c, n, spec]) => ({ o: 'si', d, c, n, spec }),
      dropIndex: ([d, c, n], dropped) => (dropped ? { o: 'di', d, c, n } : undefined),
    };
    // The handlers call createCollection before every insert and update: journal only real creations.
    const existedBefore = {
      createDatabase: ([d]) => storage.databases.has(d),
      createCollection: ([d, c]) => storage.databases.get(d)?.has(c) === true,
    };
    // insertMany and deleteByIds call this.insertOne / this.deleteById, so they are covered too.
    for (const [name, toRecord] of Object.entries(journalAfter)) {
      if (typeof storage[name] !== 'function')
        fatal(
          `the emulator's storage has no ${name}(); its version is not the one this runner was written for`,
        );
      const original = storage[name].bind(storage);
      const existed = existedBefore[name];
      storage[name] = async (...args) => {
        const before = existed ? existed(args) : false;
        const result = await original(...args);
        const record = toRecord(args, result, before);
        if (record) this.append(record);
        return result;
      };
    }
  }

  append(record) {
    const bytes = this.bson.serialize(record, SERIALIZE_OPTIONS);
    writeFully(this.journalFd, bytes);
    this.journalBytes += bytes.length;
    this.dirty = true;
    if (this.journalBytes > Math.max(COMPACT_MIN_JOURNAL_BYTES, 2 * this.snapshotBytes)) this.compact();
  }

  sync() {
    if (!this.dirty || this.journalFd === undefined) return;
    this.dirty = false;
    try {
      fdatasyncSync(this.journalFd);
    } catch (error) {
      process.stderr.write(`congodb-runner: fdatasync of the journal failed: ${error.message}\n`);
    }
  }

  /** Writes the whole state as a new-generation snapshot and starts an empty journal. Synchronous. */
  compact() {
    const next = this.generation + 1;
    const serialize = (record) => this.bson.serialize(record, SERIALIZE_OPTIONS);
    const tmpSnapshot = `${this.snapshotPath}.tmp`;
    const fd = openSync(tmpSnapshot, 'w');
    let bytes = 0;
    const chunks = [];
    let pending = 0;
    const push = (record) => {
      const buffer = serialize(record);
      chunks.push(buffer);
      pending += buffer.length;
      if (pending >= 4 * 1024 * 1024) flush();
    };
    const flush = () => {
      if (pending === 0) return;
      writeFully(fd, Buffer.concat(chunks, pending));
      bytes += pending;
      chunks.length = 0;
      pending = 0;
    };
    push({ h: 'congodb-snapshot', v: FORMAT_VERSION, gen: next, at: new Date() });
    for (const [d, collections] of this.storage.databases) {
      push({ o: 'cd', d });
      for (const [c, documents] of collections) {
        push({ o: 'cc', d, c });
        for (const index of this.storage.indexes.get(d)?.get(c) ?? []) {
          if (index.name === '_id_') continue;
          const { name: n, ...spec } = index;
          push({ o: 'si', d, c, n, spec });
        }
        for (const doc of documents.values()) push({ o: 'put', d, c, doc });
      }
    }
    flush();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmpSnapshot, this.snapshotPath);

    const tmpJournal = `${this.journalPath}.tmp`;
    const journalFd = openSync(tmpJournal, 'w');
    const header = serialize({ h: 'congodb-journal', v: FORMAT_VERSION, gen: next });
    writeFully(journalFd, header);
    fsyncSync(journalFd);
    renameSync(tmpJournal, this.journalPath);
    syncDirectory(this.dir);

    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = journalFd;
    this.journalBytes = header.length;
    this.snapshotBytes = bytes;
    this.generation = next;
    this.dirty = false;
  }

  countDocuments() {
    let count = 0;
    for (const collections of this.storage.databases.values()) {
      for (const documents of collections.values()) count += documents.size;
    }
    return count;
  }

  /** Final compaction; after it the journal is empty and the snapshot holds everything. */
  close() {
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.compact();
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

function writeFully(fd, buffer) {
  let written = 0;
  while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
}

function syncDirectory(dir) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported on every platform; the renames are still atomic
  }
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(options.entry) || !statSync(options.entry).isFile())
  fatal(`emulator entry ${options.entry} not found (run node dev/embedded/install-emulator.mjs)`);

const emulator = await import(pathToFileURL(options.entry).href);
const { CongoServer, plugins } = emulator;
if (typeof CongoServer !== 'function' || !plugins?.bson)
  fatal(`${options.entry} does not export CongoServer and plugins.bson`);

// The emulator's UpdateEngine.deepClone copies any object it does not know key by key, so an update
// to a document turned its Decimal128, Long, Int32, Double, Binary, UUID... values into plain objects.
// BSON value objects are never modified in place, so they can be shared instead of copied.
const { UpdateEngine } = emulator;
if (typeof UpdateEngine?.deepClone === 'function') {
  const deepClone = UpdateEngine.deepClone;
  UpdateEngine.deepClone = function deepCloneKeepingBsonValues(value) {
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof value._bsontype === 'string' &&
      !(value instanceof plugins.bson.ObjectId) &&
      !(value instanceof plugins.bson.Timestamp)
    ) {
      return value;
    }
    return deepClone.call(this, value);
  };
}

// Memory storage without the emulator's own persistPath; persistence is ours (see above).
const server = new CongoServer({ port: options.port, host: options.host, storage: 'memory' });
let persistence;
let loaded = { documents: 0, replayed: 0 };
if (options.dataDir) {
  persistence = new Persistence(server.getStorage(), plugins.bson, options.dataDir);
  try {
    loaded = await persistence.load();
  } catch (error) {
    fatal(`cannot load data from ${options.dataDir}: ${error.message}`);
  }
}

// Ordered scans and a compiled matcher (congodb-accel.mjs); CONGODB_PLAIN=1 runs the emulator as shipped.
if (process.env.CONGODB_PLAIN !== '1')
  await accelerate(pathToFileURL(options.entry).href, server.getStorage());

try {
  await server.start();
} catch (error) {
  fatal(`cannot listen on ${options.host}:${options.port}: ${error.message}`);
}

let stopping = false;
async function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  let code = 0;
  try {
    await server.stop();
  } catch (error) {
    process.stderr.write(`congodb-runner: stopping the server failed (${reason}): ${error.message}\n`);
    code = 1;
  }
  try {
    persistence?.close();
  } catch (error) {
    process.stderr.write(`congodb-runner: saving data failed (${reason}): ${error.message}\n`);
    code = 1;
  }
  process.exit(code);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => void shutdown(signal));
process.stdin.on('data', () => {});
process.stdin.on('end', () => void shutdown('stdin closed'));
process.stdin.on('error', () => void shutdown('stdin failed'));
process.stdin.resume();
process.stdout.on('error', () => {});

process.stdout.write(
  `congodb-runner ready ${JSON.stringify({ port: options.port, host: options.host, persistent: Boolean(options.dataDir), documents: loaded.documents, replayed: loaded.replayed })}\n`,
);
