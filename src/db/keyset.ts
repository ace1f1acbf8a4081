import { ObjectId } from 'mongodb';
import type { Document } from 'mongodb';
import { badField } from '../errors.js';
import { pageSize, sizeField } from '../lib/paging.js';
import type { PageRequest } from '../lib/paging.js';

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

/** A position in a keyset order: the sort value and the _id that breaks ties. */
export interface KeyPosition {
  value: SortValue;
  id: ObjectId;
}

/**
 * A page of a keyset-ordered list: `size` items from the start of the bounded range (forward) or
 * from its end (backward), the range being what lies strictly after `after` and before `before`.
 */
export interface KeysetPage {
  size: number;
  backward: boolean;
  after: KeyPosition | null;
  before: KeyPosition | null;
}

/**
 * The MongoDB filter, sort and limit of a keyset page in the order (`field`, _id), ascending or
 * descending. One item more than the page is read, to tell whether more lie beyond it; the sort
 * runs the other way for a backward page (`keysetItems` turns the result back).
 */
export function keysetQuery(
  field: string,
  descending: boolean,
  page: KeysetPage,
): { filter: Document; sort: Record<string, 1 | -1>; limit: number } {
  const later = descending ? '$lt' : '$gt';
  const earlier = descending ? '$gt' : '$lt';
  const beyond = (position: KeyPosition, op: string): Document => ({
    $or: [{ [field]: { [op]: position.value } }, { [field]: position.value, _id: { [op]: position.id } }],
  });
  const clauses: Document[] = [];
  if (page.after) clauses.push(beyond(page.after, later));
  if (page.before) clauses.push(beyond(page.before, earlier));
  const direction = (descending ? -1 : 1) * (page.backward ? -1 : 1);
  return {
    filter: clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0]! : { $and: clauses },
    sort: { [field]: direction as 1 | -1, _id: direction as 1 | -1 },
    limit: page.size + 1,
  };
}

/** The page's items in list order, and whether more lie beyond them in the paging direction. */
export function keysetItems<T>(docs: readonly T[], page: KeysetPage): { items: T[]; more: boolean } {
  const items = docs.slice(0, page.size);
  if (page.backward) items.reverse();
  return { items, more: docs.length > page.size };
}

/**
 * The keyset page a request asks for, its cursors read as positions in a date order.
 * @throws AppError BAD_USER_INPUT naming `first`/`last`, `after` or `before` when out of range or foreign.
 */
export function keysetPageOf(request: PageRequest, sortedOn: 'date' | 'number' = 'date'): KeysetPage {
  const position = (cursor: string | null, field: string) => {
    if (cursor === null) return null;
    const decoded = decodeCursor(cursor, field);
    const fits = sortedOn === 'date' ? decoded.value instanceof Date : typeof decoded.value === 'number';
    if (!fits) throw badField(field, 'not a cursor for this list');
    return decoded;
  };
  return {
    size: pageSize(request.size, sizeField(request)),
    backward: request.backward,
    after: position(request.after, 'after'),
    before: position(request.before, 'before'),
  };
}
