/**
 * npm run backup:export -- <dir>           writes every collection of the database to <dir>
 * npm run backup:import -- <dir> [--drop]  loads such a directory into an empty (or --drop) database
 *
 * A logical backup over the MongoDB driver, for where mongodump/mongorestore cannot run (the
 * development emulator speaks the wire protocol but not everything mongodump asks of a server) or
 * are not installed. One file per collection, one document per line in canonical Extended JSON
 * (types kept: ObjectId, Date, Int32/Int64/Double), which `mongoimport --file X.jsonl` reads too,
 * plus manifest.json with the counts the import verifies. Indexes are not exported: the service
 * declares them and creates them at every start (and this task, before it writes). The search
 * indexes are not part of it: rebuild them with `npm run search:reindex` after an import.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { BSON } from 'mongodb';
import type { Document } from 'mongodb';
import { CliError, CONNECTS_TO, parseCli, runCliTask, usageError } from './cli-app.js';
import { DatabaseDumpRepository } from './database-dump.repository.js';

const FORMAT = 'channel-kb-backup';
const FORMAT_VERSION = 1;
const BATCH = 1000;

interface Manifest {
  format: typeof FORMAT;
  version: number;
  database: string;
  createdAt: string;
  collections: Array<{ name: string; file: string; documents: number }>;
}

const COMMANDS = {
  export: {
    name: 'backup:export',
    usage: 'npm run backup:export -- <dir>',
    description: `Writes every collection of the database (MONGODB_DB) to <dir>, which must be new or empty: one
<collection>.jsonl file per collection (canonical Extended JSON, one document per line, readable by
mongoimport) and manifest.json (database, time, counts). Reads with a consistent sort by _id;
writes made while it runs may or may not be included, so export from a quiet service, or use
mongodump on a real MongoDB (see the README, Backup and restore). Prints one line per collection.

${CONNECTS_TO}

Exit codes: 0 written, 1 failed, 2 bad arguments.`,
  },
  import: {
    name: 'backup:import',
    usage: 'npm run backup:import -- <dir> [--drop]',
    description: `Loads a directory written by backup:export into the database (MONGODB_DB), then checks that each
collection holds exactly the manifest's count. Refuses a database that already holds documents in
those collections, unless --drop (which empties them first). Afterwards rebuild the search indexes
with \`npm run search:reindex\` (the running server's indexer does not see imported records as changes).

  --drop  empty the collections of the backup before loading them

${CONNECTS_TO}

Exit codes: 0 loaded and verified, 1 failed or refused, 2 bad arguments.`,
    options: { drop: { type: 'boolean' } },
  },
} as const;

const command = process.argv[2];
if (command !== 'export' && command !== 'import') {
  usageError({ name: 'backup', usage: 'tsx src/cli/backup.ts export|import <dir>' }, 'say export or import');
}
const spec = COMMANDS[command];
const { values, positionals } = parseCli(
  { ...spec, options: { drop: { type: 'boolean' } }, allowPositionals: true },
  process.argv.slice(3),
);
const [dirArg, ...extra] = positionals;
if (dirArg === undefined) usageError(spec, 'give the backup directory');
if (extra.length > 0) usageError(spec, `one directory (also got ${extra.join(' ')})`);
if (command === 'export' && values.drop === true) usageError(spec, '--drop is for backup:import');
const dir = path.resolve(dirArg);

/** Writes one line, waiting when the stream's buffer is full. */
async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

async function exportDatabase(db: DatabaseDumpRepository): Promise<number> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length > 0) throw new CliError(`${dir} is not empty: export into a new directory`);
  const names = await db.findCollectionNames();
  const manifest: Manifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    database: db.databaseName,
    createdAt: new Date().toISOString(),
    collections: [],
  };
  for (const name of names) {
    const file = `${name}.jsonl`;
    const stream = createWriteStream(path.join(dir, file), { encoding: 'utf8' });
    let documents = 0;
    try {
      for await (const doc of db.streamAllById(name)) {
        await writeLine(stream, BSON.EJSON.stringify(doc, { relaxed: false }));
        documents += 1;
      }
    } finally {
      stream.end();
      await once(stream, 'close');
    }
    manifest.collections.push({ name, file, documents });
    process.stdout.write(`${name}: ${documents} document(s)\n`);
  }
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`Exported ${names.length} collection(s) of ${db.databaseName} to ${dir}.\n`);
  return 0;
}

async function readManifest(): Promise<Manifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch (error) {
    throw new CliError(
      `${dir} has no readable manifest.json (${(error as NodeJS.ErrnoException).code ?? String(error)}): is it a backup:export directory?`,
    );
  }
  const manifest = parsed as Partial<Manifest>;
  if (
    manifest.format !== FORMAT ||
    manifest.version !== FORMAT_VERSION ||
    !Array.isArray(manifest.collections)
  ) {
    throw new CliError(`${dir}/manifest.json is not a ${FORMAT} version ${FORMAT_VERSION} manifest`);
  }
  return manifest as Manifest;
}

async function importDatabase(db: DatabaseDumpRepository, drop: boolean): Promise<number> {
  const manifest = await readManifest();
  const occupied: string[] = [];
  for (const { name } of manifest.collections) {
    if (await db.hasDocuments(name)) occupied.push(name);
  }
  if (occupied.length > 0 && !drop) {
    throw new CliError(
      `${db.databaseName} already holds documents in ${occupied.join(', ')}: import into an empty database, or add --drop to replace them`,
    );
  }
  // Emptied rather than dropped: the collections keep the indexes the service declared.
  for (const name of occupied) await db.deleteAll(name);

  const mismatches: string[] = [];
  for (const { name, file, documents } of manifest.collections) {
    const lines = createInterface({ input: createReadStream(path.join(dir, file), { encoding: 'utf8' }) });
    let batch: Document[] = [];
    let loaded = 0;
    for await (const line of lines) {
      if (line.trim() === '') continue;
      batch.push(BSON.EJSON.parse(line, { relaxed: false }) as Document);
      if (batch.length >= BATCH) {
        loaded += await db.insertBatch(name, batch);
        batch = [];
      }
    }
    if (batch.length > 0) loaded += await db.insertBatch(name, batch);
    const stored = await db.countDocuments(name);
    if (stored !== documents) mismatches.push(`${name}: ${stored} stored, the manifest says ${documents}`);
    process.stdout.write(`${name}: ${loaded} document(s)\n`);
  }
  if (mismatches.length > 0)
    throw new CliError(`the import does not match the backup: ${mismatches.join('; ')}`);
  process.stdout.write(
    `Imported ${manifest.collections.length} collection(s) of ${manifest.database} (exported ${manifest.createdAt}) into ${db.databaseName}. Next: npm run search:reindex\n`,
  );
  return 0;
}

await runCliTask(spec.name, (app) => {
  const db = new DatabaseDumpRepository(app.db);
  return command === 'export' ? exportDatabase(db) : importDatabase(db, values.drop === true);
});
