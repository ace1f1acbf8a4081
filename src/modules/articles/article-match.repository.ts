import type { Collection, Db, Filter, WithId } from 'mongodb';
import type { ArticleDoc, Audience, Locale } from './article.model.js';

/** How the degraded (MongoDB-only) search narrows the readable articles; codes already normalised. */
export interface ArticleMatchCriteria {
  category?: string | null;
  tags?: string[] | null;
  audience?: Audience | null;
  locale?: Locale | null;
  errorCode?: string | null;
  /** Each term must be in the title or summary, or (when `errorCode` is set) be a carried error code. */
  terms: Array<{ text: string; errorCode: string | null }>;
}

/**
 * The article reads of search: the articles the index does not have yet (search leaves them out
 * until the indexer catches up) and the degraded MongoDB-only search used while Meilisearch is down.
 */
export class ArticleMatchRepository {
  private readonly articles: Collection<ArticleDoc>;

  constructor(db: Db) {
    this.articles = db.collection<ArticleDoc>('articles');
  }

  /**
   * Articles changed since the index last had them (their index document may be stale); at most
   * `limit`, whole (few are pending at a time; and the emulator applies a nested exclusion
   * projection to the stored document itself). Uses the `search_pending` index.
   */
  findAheadOfIndex(limit: number): Promise<WithId<ArticleDoc>[]> {
    return this.articles
      .find({ searchPending: true, live: { $ne: null } })
      .limit(limit)
      .toArray();
  }

  /** How many articles there are, from the collection's metadata (no scan): drafts and archived too. */
  estimatedCount(): Promise<number> {
    return this.articles.estimatedDocumentCount();
  }

  /** Articles within `readable` that match the criteria, newest first, at most `limit` (degraded search). */
  findReadableMatching(
    readable: Filter<ArticleDoc>,
    criteria: ArticleMatchCriteria,
    limit: number,
  ): Promise<WithId<ArticleDoc>[]> {
    const clauses: Filter<ArticleDoc>[] = [readable];
    if (criteria.category) clauses.push({ 'live.categoryPath': criteria.category });
    if (criteria.tags?.length) clauses.push({ 'live.tags': { $in: criteria.tags } });
    if (criteria.audience) clauses.push({ 'live.audience': criteria.audience });
    if (criteria.locale) clauses.push({ locale: criteria.locale });
    if (criteria.errorCode) clauses.push({ 'live.errorCodes': criteria.errorCode });
    for (const term of criteria.terms) {
      const pattern = new RegExp(escapeRegex(term.text), 'i');
      const alternatives: Filter<ArticleDoc>[] = [{ 'live.title': pattern }, { 'live.summary': pattern }];
      if (term.errorCode !== null) alternatives.push({ 'live.errorCodes': term.errorCode });
      clauses.push({ $or: alternatives });
    }
    return this.articles.find({ $and: clauses }).sort({ updatedAt: -1, _id: -1 }).limit(limit).toArray();
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
