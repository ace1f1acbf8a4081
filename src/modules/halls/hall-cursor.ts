/** Paging of halls: the page size rule and the opaque keyset cursor (order, key value, id). */
import { ObjectId } from 'mongodb';
import { badField } from '../../errors.js';
import type { HallDoc } from './hall.model.js';
import { HALL_ORDERS } from './hall.repository.js';
import type { HallCursor, HallOrder } from './hall.repository.js';

export const MAX_PAGE_SIZE = 100;

/** @throws AppError BAD_USER_INPUT naming `field` when `first` is out of range. */
export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Encodes a keyset position (the order, its key value and the _id) as an opaque cursor. */
export function encodeHallCursor(order: HallOrder, doc: HallDoc): string {
  return Buffer.from(JSON.stringify([order, doc[HALL_ORDERS[order]], doc._id.toHexString()])).toString(
    'base64url',
  );
}

/** @throws AppError BAD_USER_INPUT naming `after` for a foreign cursor or one of another order. */
export function decodeHallCursor(cursor: string, order: HallOrder): HallCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badField('after', 'not a cursor returned by this API');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3)
    throw badField('after', 'not a cursor returned by this API');
  const [cursorOrder, key, id] = decoded as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !ObjectId.isValid(id)) {
    throw badField('after', 'not a cursor returned by this API');
  }
  if (cursorOrder !== order) throw badField('after', `this cursor belongs to orderBy ${String(cursorOrder)}`);
  return { order, key, id: new ObjectId(id) };
}
