import { ObjectId } from 'mongodb';
import { badField } from '../errors.js';

/** The value a list is sorted on, then the _id that breaks ties. */
export type SortValue = Date | string | number;

/** An opaque cursor for a position in a (sort value, _id) order. */
export function encodeCursor(value: SortValue, id: ObjectId): string {
  const shown = value instanceof Date ? { d: value.toISOString() } : { v: value };
  return Buffer.from(JSON.stringify([shown, id.toHexString()])).toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor`.
 * @throws AppError BAD_USER_INPUT naming `field` when it is not one of ours.
 */
export function decodeCursor(cursor: string, field = 'after'): { value: SortValue; id: ObjectId } {
  try {
    const [shown, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      { d?: string; v?: string | number },
      string,
    ];
    if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw new Error('bad id');
    if (typeof shown.d === 'string') {
      const date = new Date(shown.d);
      if (Number.isNaN(date.getTime())) throw new Error('bad date');
      return { value: date, id: new ObjectId(id) };
    }
    if (typeof shown.v === 'string' || typeof shown.v === 'number')
      return { value: shown.v, id: new ObjectId(id) };
    throw new Error('bad value');
  } catch {
    throw badField(field, 'not a cursor returned by this API');
  }
}

/** Same as decodeCursor, for lists sorted on a date. @throws BAD_USER_INPUT naming `field`. */
export function decodeDateCursor(cursor: string, field = 'after'): { value: Date; id: ObjectId } {
  const decoded = decodeCursor(cursor, field);
  if (!(decoded.value instanceof Date)) throw badField(field, 'not a cursor for this list');
  return { value: decoded.value, id: decoded.id };
}

/** An opaque cursor for a position in a list the search engine pages by offset. */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/**
 * Reads a cursor made by `encodeOffsetCursor`: the offset of the item it points at.
 * @throws AppError BAD_USER_INPUT naming `field` when it is not one of ours.
 */
export function decodeOffsetCursor(cursor: string, field = 'after'): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // reported below
  }
  throw badField(field, 'not a cursor returned by this API');
}
