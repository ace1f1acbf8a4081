import type { ZodType } from 'zod';
import { encodeCursor } from '../../db/keyset.js';
import { badField, fromZodError } from '../../errors.js';
import type { ArticleDoc } from './article.model.js';

/** A forward page of a list; `totalCount` runs its query only when asked. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: () => Promise<number>;
}

export const MAX_PAGE_SIZE = 100;

/** The cursor of an article in the recency order. */
export function articleCursor(doc: Pick<ArticleDoc, 'updatedAt' | '_id'>): string {
  return encodeCursor(doc.updatedAt, doc._id);
}

/** @throws AppError BAD_USER_INPUT naming `field` when `first` is out of range. */
export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** `value` parsed by `schema`. @throws AppError BAD_USER_INPUT naming each bad field under `root`. */
export function parse<T>(schema: ZodType<T>, root: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(root, result.error);
  return result.data;
}
