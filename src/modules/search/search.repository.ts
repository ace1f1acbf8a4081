import type { Collection, Db, Filter, ObjectId, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { ArticleDoc, Audience, Locale } from '../knowledge/index.js';
import type { SearchLogDoc } from './search-log.repository.js';
import type { SynonymSetDoc } from './synonym-set.model.js';
import { SynonymRepository } from './synonyms.repository.js';

/** What the indexer last pushed that is not a document (the synonyms, by content hash). */
export interface SearchStateDoc {
  _id: ObjectId;
  key: string;
  value: string;
  at: Date;
}

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
 * How long a logged search is kept: MongoDB's TTL monitor deletes older entries (insights look back
 * at most this far). Changing it on an existing database needs `collMod`, not a new declaration.
 */
export const SEARCH_LOG_TTL_SECONDS = 90 * 24 * 60 * 60;

export const searchIndexes: CollectionIndexes[] = [
  { collection: 'search_synonyms', indexes: [{ name: 'terms', key: { terms: 1 } }] },
  {
    collection: 'search_log',
    indexes: [
      // Also serves the insights' `at >= since` scans. (Databases created before it have an `at`
      // index on { at: -1 } as well; it may be dropped.)
      { name: 'at_ttl', key: { at: 1 }, options: { expireAfterSeconds: SEARCH_LOG_TTL_SECONDS } },
      { name: 'hits_at', key: { hits: 1, at: -1 } },
    ],
  },
  {
    collection: 'search_state',
    indexes: [{ name: 'key_unique', key: { key: 1 }, options: { unique: true } }],
  },
];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * MongoDB reads of article search (articles ahead of the index, the degraded search) and the
 * indexer's own state. Synonyms and the search log have their own repositories.
 */
export class SearchRepository {
  /** The search log, read-only here (tests and operators look at entries; writes: SearchLogRepository). */
  readonly log: Collection<SearchLogDoc>;
  private readonly state: Collection<SearchStateDoc>;
  private readonly articles: Collection<ArticleDoc>;
  private readonly synonyms: SynonymRepository;

  constructor(db: Db) {
    this.log = db.collection<SearchLogDoc>('search_log');
    this.state = db.collection<SearchStateDoc>('search_state');
    this.articles = db.collection<ArticleDoc>('articles');
    this.synonyms = new SynonymRepository(db);
  }

  /**
   * Articles changed since the index last had them (their index document may be stale); at most
   * `limit`, whole (few are pending at a time; and the emulator applies a nested exclusion
   * projection to the stored document itself). Uses the `search_pending` index.
   */
  findArticlesAheadOfIndex(limit: number): Promise<WithId<ArticleDoc>[]> {
    return this.articles
      .find({ searchPending: true, live: { $ne: null } })
      .limit(limit)
      .toArray();
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

  /** Every synonym set (what the indexer and a reindex push). */
  allSynonymSets(): Promise<WithId<SynonymSetDoc>[]> {
    return this.synonyms.findAllSynonymSets();
  }

  async getState(key: string): Promise<string | null> {
    return (await this.state.findOne({ key }))?.value ?? null;
  }

  async setState(key: string, value: string, at: Date): Promise<void> {
    await this.state.updateOne({ key }, { $set: { value, at } }, { upsert: true });
  }
}
