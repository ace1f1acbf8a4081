import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { SearchLogRepository } from './search-log.repository.js';
import { searchLogPolicy } from './search-log.policy.js';
import type { SearchLogWriter } from './search-log.writer.js';

/** What was searched since a time: top queries, queries that found nothing, and totals. */
export interface SearchInsights {
  topQueries: Array<{ query: string; count: number; averageHits: number }>;
  zeroResultQueries: Array<{ query: string; count: number; lastAt: Date }>;
  totalSearches: number;
  degradedSearches: number;
}

/**
 * Keeps the search log: every `SearchPerformed` event becomes one entry (read by `searchInsights`),
 * written in batches by the writer; a failed write never fails the search. Returns the unsubscribe
 * function.
 */
export function subscribeSearchLog(events: EventBus, writer: SearchLogWriter): () => void {
  return events.subscribe('SearchPerformed', (event) => writer.record(event));
}

/** Reads the search log for editors. */
export class SearchInsightsService {
  constructor(
    private readonly repo: SearchLogRepository,
    private readonly writer: SearchLogWriter,
  ) {}

  /**
   * What agents searched for most, and what found nothing, since a time (editors).
   * @throws FORBIDDEN, BAD_USER_INPUT naming `first` (1-100).
   */
  async insights(principal: Principal, since: Date, first: number): Promise<SearchInsights> {
    searchLogPolicy.authorize(principal, 'readInsights');
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badField('first', 'must be between 1 and 100');
    // Searches this process answered are still in the writer's buffer: store them first.
    await this.writer.flush();
    const [top, zero, totals] = await Promise.all([
      this.repo.findTopQueriesSince(since, first),
      this.repo.findZeroResultQueriesSince(since, first),
      this.repo.countSearchesSince(since),
    ]);
    return {
      topQueries: top.map((row) => ({
        query: row._id,
        count: row.count,
        averageHits: Math.round(row.averageHits * 10) / 10,
      })),
      zeroResultQueries: zero.map((row) => ({
        query: row._id,
        count: row.count,
        lastAt: new Date(row.lastAt),
      })),
      totalSearches: totals.total,
      degradedSearches: totals.degraded,
    };
  }
}
