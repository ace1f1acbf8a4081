import type { Collection, Db, ObjectId } from 'mongodb';
import type { DomainEvents } from '../../events.js';

/** One logged search: the SearchPerformed event as stored (what was asked, by whom, how it went). */
export type SearchLogDoc = DomainEvents['SearchPerformed'] & { _id: ObjectId };

/** MongoDB I/O of the search log (collection `search_log`, entries expire by TTL). */
export class SearchLogRepository {
  private readonly log: Collection<SearchLogDoc>;

  constructor(db: Db) {
    this.log = db.collection<SearchLogDoc>('search_log');
  }

  async insertSearch(entry: SearchLogDoc): Promise<void> {
    await this.log.insertOne(entry);
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
