import { encodeCursor } from '../../db/keyset.js';
import type { ArticleDoc } from './article.model.js';

/** The cursor of an article in the recency order. */
export function articleCursor(doc: Pick<ArticleDoc, 'updatedAt' | '_id'>): string {
  return encodeCursor(doc.updatedAt, doc._id);
}
