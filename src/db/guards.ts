import type { Collection, Document, Filter, ObjectId, UpdateFilter, WithId } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { conflict, notFound } from '../errors.js';

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
 * Refuses a value that another document already holds. Unique indexes enforce this on a real
 * MongoDB; this check also covers servers that do not enforce them (the test emulator).
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

/** A CONFLICT for a value that is already taken; also what a duplicate-key error becomes. */
export function duplicateValue(field: string, value: string): ReturnType<typeof conflict> {
  return conflict(`${field} "${value}" is already taken.`, { field, value });
}

/** True for MongoDB's duplicate-key error (a unique index refused the write). */
export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

function describeFilter(filter: object): string {
  return Object.entries(filter)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}
