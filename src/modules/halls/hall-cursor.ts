/** Paging of halls: the page size rule and the opaque keyset cursor (order, key value, id). */
import { ObjectId } from 'mongodb';
import { badField } from '../../errors.js';
import type { HallDoc } from './hall.model.js';
import { HALL_ORDERS } from './hall.repository.js';
import type { HallOrder } from './hall.repository.js';
import type { KeyPosition, KeysetPage } from '../../db/keyset.js';
import { pageSize, sizeField } from '../../lib/paging.js';
import type { PageRequest } from '../../lib/paging.js';

/** Encodes a keyset position (the order, its key value and the _id) as an opaque cursor. */
export function encodeHallCursor(order: HallOrder, doc: HallDoc): string {
  return Buffer.from(JSON.stringify([order, doc[HALL_ORDERS[order]], doc._id.toHexString()])).toString(
    'base64url',
  );
}

/** @throws AppError BAD_USER_INPUT naming `field` for a foreign cursor or one of another order. */
export function decodeHallCursor(cursor: string, order: HallOrder, field = 'after'): KeyPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badField(field, 'not a cursor returned by this API');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3)
    throw badField(field, 'not a cursor returned by this API');
  const [cursorOrder, key, id] = decoded as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !ObjectId.isValid(id)) {
    throw badField(field, 'not a cursor returned by this API');
  }
  if (cursorOrder !== order) throw badField(field, `this cursor belongs to orderBy ${String(cursorOrder)}`);
  return { value: key, id: new ObjectId(id) };
}

/** The keyset page a request asks for in `order`. @throws BAD_USER_INPUT naming the size or a cursor. */
export function hallPageOf(request: PageRequest, order: HallOrder): KeysetPage {
  return {
    size: pageSize(request.size, sizeField(request)),
    backward: request.backward,
    after: request.after === null ? null : decodeHallCursor(request.after, order, 'after'),
    before: request.before === null ? null : decodeHallCursor(request.before, order, 'before'),
  };
}
