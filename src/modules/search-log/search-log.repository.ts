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
    // Also serves the insights' period scans (`since <= at < until`: top queries, the per-day
    // counts). (Databases created before it have an `at` index on { at: -1 } as well; it may be dropped.)
    { name: 'at_ttl', key: { at: 1 }, options: { expireAfterSeconds: SEARCH_LOG_TTL_SECONDS } },
    // Zero-result queries of a period (`hits: 0` and the `at` range), and popular answered queries.
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

  /** The most frequent normalised queries in a period, most first, with their average hits. */
  findTopQueriesIn(
    period: SearchPeriod,
    limit: number,
  ): Promise<Array<{ _id: string; count: number; averageHits: number }>> {
    return this.log
      .aggregate<{ _id: string; count: number; averageHits: number }>([
        { $match: { at: inPeriod(period) } },
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

  /** The most frequent normalised queries in a period that found nothing, with when they last did. */
  findZeroResultQueriesIn(
    period: SearchPeriod,
    limit: number,
  ): Promise<Array<{ _id: string; count: number; lastAt: Date }>> {
    return this.log
      .aggregate<{ _id: string; count: number; lastAt: Date }>([
        { $match: { hits: 0, at: inPeriod(period) } },
        { $group: { _id: '$normalised', count: { $sum: 1 }, lastAt: { $max: '$at' } } },
        { $sort: { count: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
  }

  /**
   * The searches of a period counted per local day (`day` is YYYY-MM-DD at `utcOffsetMinutes` east of
   * UTC): all of them, those that found nothing and those answered without the search engine. Days
   * without a search are absent. The totals of the period are the sums of its days.
   */
  countSearchesByDayIn(period: SearchPeriod, utcOffsetMinutes: number): Promise<SearchDayCounts[]> {
    return this.log
      .aggregate<SearchDayCounts>([
        { $match: { at: inPeriod(period) } },
        {
          $group: {
            // The offset is added to the instant (no named zone): the same on MongoDB and the emulator.
            _id: {
              $dateToString: { format: '%Y-%m-%d', date: { $add: ['$at', utcOffsetMinutes * 60_000] } },
            },
            total: { $sum: 1 },
            zeroResult: { $sum: { $cond: [{ $eq: ['$hits', 0] }, 1, 0] } },
            degraded: { $sum: { $cond: ['$degraded', 1, 0] } },
          },
        },
        { $sort: { _id: 1 } },
        { $project: { _id: 0, day: '$_id', total: 1, zeroResult: 1, degraded: 1 } },
      ])
      .toArray();
  }
}

/** Searches logged from `since` (inclusive) to `until` (exclusive). */
export interface SearchPeriod {
  since: Date;
  until: Date;
}

/** One local day's searches: all, found nothing, answered without the search engine. */
export interface SearchDayCounts {
  day: string;
  total: number;
  zeroResult: number;
  degraded: number;
}

/** The `at` condition of a period (served by the `at_ttl` index, and by `hits_at` after `hits`). */
function inPeriod(period: SearchPeriod): { $gte: Date; $lt: Date } {
  return { $gte: period.since, $lt: period.until };
}
