import { ObjectId } from 'mongodb';
import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { DomainEvents } from '../../events.js';

/**
 * How long a logged search is kept: MongoDB's TTL monitor deletes older entries (insights look back
 * at most this far). Changing it on an existing database needs `collMod`, not a new declaration.
 */
export const SEARCH_LOG_TTL_SECONDS = 90 * 24 * 60 * 60;

export const searchLogIndexes: CollectionIndexes = {
  collection: 'search_log',
  indexes: [
    // Also serves the insights' `at >= since` scans. (Databases created before it have an `at`
    // index on { at: -1 } as well; it may be dropped.)
    { name: 'at_ttl', key: { at: 1 }, options: { expireAfterSeconds: SEARCH_LOG_TTL_SECONDS } },
    { name: 'hits_at', key: { hits: 1, at: -1 } },
  ],
};

/** One logged search: the SearchPerformed event as stored (what was asked, by whom, how it went). */
export type SearchLogDoc = DomainEvents['SearchPerformed'] & { _id: ObjectId };

/** MongoDB I/O of the search log (collection `search_log`, entries expire by TTL). */
export class SearchLogRepository {
  private readonly log: Collection<SearchLogDoc>;

  constructor(db: Db) {
    this.log = db.collection<SearchLogDoc>('search_log');
  }

  /** The latest entry for a query as typed (operators and tests look at what was logged). */
  findLatestByQuery(query: string): Promise<SearchLogDoc | null> {
    return this.log.findOne({ query }, { sort: { at: -1 } });
  }

  /** Writes entries in one command (unordered: one bad entry does not stop the rest). */
  async insertSearches(entries: readonly DomainEvents['SearchPerformed'][]): Promise<void> {
    if (entries.length === 0) return;
    await this.log.insertMany(
      entries.map((entry) => ({ _id: new ObjectId(), ...entry })),
      { ordered: false },
    );
  }

  /** The most frequent normalised queries since a time, most first, with their average hits. */
  findTopQueriesSince(
    since: Date,
    limit: number,
  ): Promise<Array<{ _id: string; count: number; averageHits: number }>> {
    return this.log
      .aggregate<{ _id: string; count: number; averageHits: number }>([
        { $match: { at: { $gte: since } } },
        { $group: { _id: '$normalised', count: { $sum: 1 }, averageHits: { $avg: '$hits' } } },
        { $sort: { count: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
  }

  /** The most frequent normalised queries since a time that found something, with how many by the public. */
  async findAnsweredQueriesSince(
    since: Date,
    limit: number,
  ): Promise<Array<{ query: string; count: number; publicCount: number }>> {
    const rows = await this.log
      .aggregate<{ _id: string; count: number; publicCount: number }>([
        { $match: { at: { $gte: since }, hits: { $gt: 0 } } },
        {
          $group: {
            _id: '$normalised',
            count: { $sum: 1 },
            publicCount: { $sum: { $cond: [{ $eq: ['$role', 'public'] }, 1, 0] } },
          },
        },
        { $sort: { count: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
    return rows.map((row) => ({ query: row._id, count: row.count, publicCount: row.publicCount }));
  }

  /** The most frequent normalised queries since a time that found nothing, with when they last did. */
  findZeroResultQueriesSince(
    since: Date,
    limit: number,
  ): Promise<Array<{ _id: string; count: number; lastAt: Date }>> {
    return this.log
      .aggregate<{ _id: string; count: number; lastAt: Date }>([
        { $match: { at: { $gte: since }, hits: 0 } },
        { $group: { _id: '$normalised', count: { $sum: 1 }, lastAt: { $max: '$at' } } },
        { $sort: { count: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
  }

  /** How many searches since a time, and how many of them were degraded. */
  async countSearchesSince(since: Date): Promise<{ total: number; degraded: number }> {
    const [totals] = await this.log
      .aggregate<{ _id: null; total: number; degraded: number }>([
        { $match: { at: { $gte: since } } },
        { $group: { _id: null, total: { $sum: 1 }, degraded: { $sum: { $cond: ['$degraded', 1, 0] } } } },
      ])
      .toArray();
    return { total: totals?.total ?? 0, degraded: totals?.degraded ?? 0 };
  }
}
