import type { Collection, Document, Filter, UpdateFilter, WithId } from 'mongodb';
import { MongoBulkWriteError, MongoServerError, ObjectId } from 'mongodb';
import { conflict, notFound } from '../errors.js';
import type { AppError } from '../errors.js';

/** Documents updated through `updateVersioned` carry a `version` that grows by one per change. */
export interface Versioned {
  _id: ObjectId;
  version: number;
}

/**
 * Applies `update` to one document only if its version is still `expectedVersion`, and bumps the
 * version in the same single-document write (no transaction needed, on a real server or not).
 * @returns the document after the update.
 * @throws AppError NOT_FOUND when no document matches `filter`; CONFLICT with `currentVersion`
 *   when another write got there first.
 */
export async function updateVersioned<T extends Versioned>(
  collection: Collection<T>,
  filter: Filter<T>,
  expectedVersion: number,
  update: UpdateFilter<T>,
  what: string,
): Promise<WithId<T>> {
  const guarded = { $and: [filter, { version: expectedVersion }] } as Filter<T>;
  const withBump = { ...update, $inc: { ...(update.$inc ?? {}), version: 1 } } as unknown as UpdateFilter<T>;
  const updated = await collection.findOneAndUpdate(guarded, withBump, {
    returnDocument: 'after',
  });
  if (updated) return updated;
  const current = await collection.findOne(filter, { projection: { version: 1 } });
  if (!current) throw notFound(what, describeFilter(filter));
  throw conflict(
    `${what} was changed by someone else: you sent version ${expectedVersion}, the current version is ${current.version}. Reload and apply your change again.`,
    { expectedVersion, currentVersion: current.version },
  );
}

/**
 * Refuses a value that another document already holds. On its own this check races with a
 * concurrent writer: callers run it while holding the key (see key-claims.ts); unique indexes
 * back it on a real MongoDB.
 * @throws AppError CONFLICT naming `field` and the value.
 */
export async function assertUnique<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  field: string,
  value: string,
  exceptId?: ObjectId,
): Promise<void> {
  const query = (exceptId ? { $and: [filter, { _id: { $ne: exceptId } }] } : filter) as Filter<T>;
  const clash = await collection.findOne(query, { projection: { _id: 1 } });
  if (clash) throw duplicateValue(field, value);
}

/**
 * A CONFLICT for a value that is already taken (also what a duplicate-key error becomes):
 * `extensions.field` is the input path (e.g. `input.code`), `extensions.fields` lists it with `why`.
 */
export function duplicateValue(field: string, value: string, why = 'already taken'): AppError {
  return conflict(`${field}: "${value}" is ${why}.`, {
    field,
    value,
    fields: [{ path: field, message: why }],
  });
}

/** A CONFLICT for a key another request kept busy for longer than the wait (a retry may succeed). */
export function valueBusy(field: string, value: string): AppError {
  return conflict(
    `${field}: "${value}" is being changed by another request right now; nothing was written. Retry in a moment.`,
    { field, value, fields: [{ path: field, message: 'being changed by another request' }] },
  );
}

/**
 * True for MongoDB's duplicate-key error (a unique index refused the write), also inside a bulk
 * write (`MongoBulkWriteError` is a `MongoServerError` whose write errors carry the code).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  if (error.code === 11000) return true;
  return bulkWriteErrors(error).some((each) => each.code === 11000);
}

/** The per-operation errors of a bulk write (`index` is the operation's position); empty otherwise. */
export function bulkWriteErrors(error: unknown): Array<{ code: number; index: number }> {
  if (!(error instanceof MongoBulkWriteError)) return [];
  const raw: unknown = error.writeErrors;
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((each) =>
    each && typeof each === 'object' && 'code' in each && 'index' in each
      ? [{ code: Number(each.code), index: Number(each.index) }]
      : [],
  );
}

/** The positions, within a bulk write, of the operations a unique index refused (empty for other errors). */
export function duplicateKeyIndexes(error: unknown): number[] {
  return bulkWriteErrors(error)
    .filter((each) => each.code === 11000)
    .map((each) => each.index);
}

function describeFilter(filter: object): string {
  return Object.entries(filter)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

/** A fresh id for a new record. */
export function newRecordId(): ObjectId {
  return new ObjectId();
}

/**
 * Awaits a write, turning a duplicate-key error (a real server's unique index) into CONFLICT naming `field`.
 * @throws AppError CONFLICT for a duplicate key; the write's other errors as they are.
 */
export async function mapDuplicateKey<T>(write: Promise<T>, field: string, value: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw duplicateValue(field, value);
    throw error;
  }
}
