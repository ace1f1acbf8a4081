import { badField } from '../errors.js';

/**
 * Paging as services see it: which page a client asked for (size, direction, opaque cursors) and
 * the page they get back. The GraphQL edge builds a `PageRequest` from `first/after/last/before`.
 */

/** `size` items after `after` (forward), or the last `size` before `before` (backward); both bounds may be given. */
export interface PageRequest {
  size: number | null;
  backward: boolean;
  after: string | null;
  before: string | null;
}

/** A page of a list in list order; `totalCount` runs its query only when asked. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** The flags of a page read in `request`'s direction, `more` telling whether items lie beyond it. */
export function pageFlags(
  request: PageRequest,
  more: boolean,
): { hasNextPage: boolean; hasPreviousPage: boolean } {
  return request.backward
    ? { hasNextPage: request.before !== null, hasPreviousPage: more }
    : { hasNextPage: more, hasPreviousPage: request.after !== null };
}

/** The field that names the page size, for error paths. */
export function sizeField(request: PageRequest): 'first' | 'last' {
  return request.backward ? 'last' : 'first';
}

/** The largest page any list serves. */
export const MAX_PAGE_SIZE = 100;

/** @throws AppError BAD_USER_INPUT naming `field` when the page size is out of range. */
export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}
