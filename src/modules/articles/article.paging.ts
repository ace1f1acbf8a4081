import type { ZodType } from 'zod';
import { encodeCursor } from '../../db/keyset.js';
import { fromZodError } from '../../errors.js';
import type { ArticleDoc } from './article.model.js';

/** The cursor of an article in the recency order. */
export function articleCursor(doc: Pick<ArticleDoc, 'updatedAt' | '_id'>): string {
  return encodeCursor(doc.updatedAt, doc._id);
}

/** `value` parsed by `schema`. @throws AppError BAD_USER_INPUT naming each bad field under `root`. */
export function parse<T>(schema: ZodType<T>, root: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(root, result.error);
  return result.data;
}
