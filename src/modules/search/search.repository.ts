import type { Collection, Db, ObjectId, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { ArticleDoc } from '../knowledge/index.js';

/** A set of terms that mean the same to searchers (宽带 / 宽频 / broadband). */
export interface SynonymSetDoc {
  _id: ObjectId;
  terms: string[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/** One logged search: what was asked, by whom, and how it went. */
export interface SearchLogDoc {
  _id: ObjectId;
  query: string;
  normalised: string;
  role: string;
  channel: string | null;
  hits: number;
  latencyMs: number;
  degraded: boolean;
  at: Date;
}

/** What the indexer last pushed that is not a document (the synonyms, by content hash). */
export interface SearchStateDoc {
  _id: ObjectId;
  key: string;
  value: string;
  at: Date;
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

/** MongoDB I/O of the search module: synonyms, the search log and the indexer's own state. */
export class SearchRepository {
  readonly synonyms: Collection<SynonymSetDoc>;
  readonly log: Collection<SearchLogDoc>;
  readonly state: Collection<SearchStateDoc>;
  private readonly articles: Collection<ArticleDoc>;

  constructor(db: Db) {
    this.synonyms = db.collection<SynonymSetDoc>('search_synonyms');
    this.log = db.collection<SearchLogDoc>('search_log');
    this.state = db.collection<SearchStateDoc>('search_state');
    this.articles = db.collection<ArticleDoc>('articles');
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

  allSynonymSets(): Promise<WithId<SynonymSetDoc>[]> {
    return this.synonyms.find({}).sort({ _id: 1 }).toArray();
  }

  async getState(key: string): Promise<string | null> {
    return (await this.state.findOne({ key }))?.value ?? null;
  }

  async setState(key: string, value: string, at: Date): Promise<void> {
    await this.state.updateOne({ key }, { $set: { value, at } }, { upsert: true });
  }
}
