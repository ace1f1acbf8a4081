import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import type { Collection } from 'mongodb';
import { assertUnique, isDuplicateKeyError, updateVersioned } from '../../src/db/guards.js';
import type { Versioned } from '../../src/db/guards.js';
import { ensureIndexes } from '../../src/db/indexes.js';
import { AppError } from '../../src/errors.js';
import { onEmulator } from '../helpers/env.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

interface Note extends Versioned {
  code: string;
  text: string;
}

let server: TestServer;
let notes: Collection<Note>;

beforeAll(async () => {
  server = await startTestServer();
  notes = server.app.db.collection<Note>('notes');
  await ensureIndexes(server.app.db, [
    { collection: 'notes', indexes: [{ name: 'code_unique', key: { code: 1 }, options: { unique: true } }] },
  ]);
});
afterAll(async () => {
  await server.stop();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('ensureIndexes', () => {
  it('creates the declared indexes, and running it again changes nothing', async () => {
    const declared = [
      {
        collection: 'notes',
        indexes: [{ name: 'code_unique', key: { code: 1 }, options: { unique: true } }],
      },
    ];
    await ensureIndexes(server.app.db, declared);
    const indexes = (await notes.listIndexes().toArray()) as Array<{ name: string; unique?: boolean }>;
    expect(indexes.map((index) => index.name).sort()).toEqual(['_id_', 'code_unique']);
    expect(indexes.find((index) => index.name === 'code_unique')?.unique).toBe(true);
  });
});

describe('updateVersioned', () => {
  it('applies a change at the expected version and bumps the version', async () => {
    const _id = new ObjectId();
    await notes.insertOne({ _id, code: 'v-1', text: 'first', version: 1 });
    const after = await updateVersioned(notes, { _id }, 1, { $set: { text: 'second' } }, 'Note');
    expect(after).toMatchObject({ text: 'second', version: 2 });
  });

  it('refuses a stale version with CONFLICT naming the current version, and keeps the stored text', async () => {
    const _id = new ObjectId();
    await notes.insertOne({ _id, code: 'v-2', text: 'original', version: 3 });
    const error = await refusal(updateVersioned(notes, { _id }, 2, { $set: { text: 'overwrite' } }, 'Note'));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', expectedVersion: 2, currentVersion: 3 });
    expect(await notes.findOne({ _id })).toMatchObject({ text: 'original', version: 3 });
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const _id = new ObjectId();
    await notes.insertOne({ _id, code: 'v-3', text: 'base', version: 1 });
    const results = await Promise.allSettled(
      ['alice', 'bob'].map((who) => updateVersioned(notes, { _id }, 1, { $set: { text: who } }, 'Note')),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const stored = await notes.findOne({ _id });
    expect(stored?.version).toBe(2);
    expect(stored?.text).toBe((won[0] as PromiseFulfilledResult<Note>).value.text);
  });

  it('says NOT_FOUND for a document that does not exist', async () => {
    const error = await refusal(
      updateVersioned(notes, { _id: new ObjectId() }, 1, { $set: { text: 'x' } }, 'Note'),
    );
    expect(error.extensions['code']).toBe('NOT_FOUND');
  });
});

describe('assertUnique', () => {
  it('refuses a value another document holds, with CONFLICT naming the field, on any server', async () => {
    const _id = new ObjectId();
    await notes.insertOne({ _id, code: 'taken', text: '', version: 1 });
    const error = await refusal(assertUnique(notes, { code: 'taken' }, 'code', 'taken'));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'code', value: 'taken' });
    await expect(assertUnique(notes, { code: 'taken' }, 'code', 'taken', _id)).resolves.toBeUndefined();
    await expect(assertUnique(notes, { code: 'free' }, 'code', 'free')).resolves.toBeUndefined();
  });

  const realServerOnly = onEmulator() ? it.skip : it;
  if (onEmulator()) {
    process.stdout.write(
      '[tests] skipped "the unique index refuses a duplicate that slips past the check": the MongoDB emulator does not enforce unique indexes; it runs against a real server (MONGODB_URI).\n',
    );
  }
  realServerOnly(
    'the unique index refuses a duplicate that slips past the check (real MongoDB only)',
    async () => {
      await notes.insertOne({ _id: new ObjectId(), code: 'race', text: '', version: 1 });
      const duplicate = notes.insertOne({ _id: new ObjectId(), code: 'race', text: '', version: 1 });
      const error = await duplicate.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isDuplicateKeyError(error)).toBe(true);
    },
  );
});
