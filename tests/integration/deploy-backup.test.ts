/**
 * Backup and restore as the README tells an operator to do it where mongodump cannot run (the
 * development emulator): `backup:export` a seeded database, `backup:import` it into a fresh one,
 * rebuild the search index from MongoDB with `search:reindex`, and find everything again: every
 * document of every collection, the same search answers, no drift between MongoDB and the index.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import { BSON, MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { testEndpoints } from '../helpers/env.js';
import { deleteIndexesWithPrefix } from '../helpers/search.js';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

const SOURCE = { db: `t_backup_src_${process.pid}`, prefix: `bks${process.pid}_` };
const RESTORED = { db: `t_backup_dst_${process.pid}`, prefix: `bkr${process.pid}_` };
let backupDir: string | undefined;

function meiliClient(): Meilisearch {
  const { meiliUrl, meiliApiKey } = testEndpoints();
  return new Meilisearch({ host: meiliUrl, ...(meiliApiKey ? { apiKey: meiliApiKey } : {}) });
}

afterAll(async () => {
  const client = new MongoClient(testEndpoints().mongoUri);
  try {
    for (const name of [SOURCE.db, RESTORED.db]) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
  for (const prefix of [SOURCE.prefix, RESTORED.prefix]) await deleteIndexesWithPrefix(meiliClient(), prefix);
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
});

function task(
  target: { db: string; prefix: string },
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { mongoUri, meiliUrl, meiliApiKey } = testEndpoints();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      MONGODB_URI: mongoUri,
      MONGODB_DB: target.db,
      MEILI_URL: meiliUrl,
      MEILI_API_KEY: meiliApiKey ?? '',
      MEILI_INDEX_PREFIX: target.prefix,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Every collection of `db` as canonical Extended JSON, documents by _id: equal means the same data and types. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    result[name] = docs.map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
  }
  return result;
}

describe('backup:export, backup:import and search:reindex', () => {
  it('restore a seeded database into a fresh one where everything is found again', async () => {
    const seeded = await task(SOURCE, ['src/cli/seed.ts']);
    expect(seeded.code).toBe(0);

    backupDir = await mkdtemp(path.join(os.tmpdir(), 'ckb-backup-'));
    const exported = await task(SOURCE, ['src/cli/backup.ts', 'export', backupDir]);
    expect(exported.stderr).not.toMatch(/^\s+at /m);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^halls: 331 document\(s\)$/m);
    const manifest = JSON.parse(await readFile(path.join(backupDir, 'manifest.json'), 'utf8')) as {
      database: string;
      collections: Array<{ name: string; documents: number }>;
    };
    expect(manifest.database).toBe(SOURCE.db);
    expect(await readdir(backupDir)).toEqual(
      expect.arrayContaining(['manifest.json', 'halls.jsonl', 'articles.jsonl', 'regions.jsonl']),
    );

    const restored = await task(RESTORED, ['src/cli/backup.ts', 'import', backupDir]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Next: npm run search:reindex$/m);

    const client = new MongoClient(testEndpoints().mongoUri);
    try {
      const source = await snapshot(client.db(SOURCE.db));
      const copy = await snapshot(client.db(RESTORED.db));
      // Every collection that holds documents, document for document (ObjectIds, dates and numbers kept).
      for (const [name, docs] of Object.entries(source)) {
        expect({ name, docs: copy[name] ?? [] }).toEqual({ name, docs });
      }
      expect(source['halls']).toHaveLength(331);

      // A second import into the now full database is refused, and replaces it with --drop.
      const again = await task(RESTORED, ['src/cli/backup.ts', 'import', backupDir]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /^backup:import: .* already holds documents in .*halls.*: import into an empty database, or add --drop/m,
      );
      const replaced = await task(RESTORED, ['src/cli/backup.ts', 'import', backupDir, '--drop']);
      expect(replaced.code).toBe(0);
      expect((await snapshot(client.db(RESTORED.db)))['halls']).toEqual(source['halls']);
    } finally {
      await client.close();
    }

    // The search index is a projection of MongoDB: rebuilt from the restored database alone.
    const reindexed = await task(RESTORED, ['src/cli/search.ts', 'reindex']);
    expect(reindexed.stderr).not.toMatch(/^\s+at /m);
    expect(reindexed.code).toBe(0);
    expect(reindexed.stdout).toMatch(
      new RegExp(`^Rebuilt ${RESTORED.prefix}halls: 331 searchable of 331 halls`, 'm'),
    );
    const checked = await task(RESTORED, ['src/cli/search.ts', 'check']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(
      new RegExp(`^${RESTORED.prefix}articles: no drift \\(0 change\\(s\\) pending`, 'm'),
    );
    expect(checked.stdout).toMatch(
      new RegExp(`^${RESTORED.prefix}halls: no drift \\(0 change\\(s\\) pending`, 'm'),
    );

    const hits = await meiliClient()
      .index(`${RESTORED.prefix}halls`)
      .search('江汉路旗舰营业厅', { limit: 3 });
    expect(hits.hits.map((hit) => (hit as { code?: string }).code)).toContain('HB-WH-A01');
  }, 240_000);
});
