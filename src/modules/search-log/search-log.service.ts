import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { SearchDayCounts, SearchLogRepository, SearchPeriod } from './search-log.repository.js';
import { searchLogPolicy } from './search-log.policy.js';
import type { SearchLogWriter } from './search-log.writer.js';

/** Insights count days in Beijing time (China has one zone and no daylight saving). */
export const INSIGHTS_UTC_OFFSET_MINUTES = 8 * 60;
/** The longest period asked for at once: the log keeps 90 days, plus the days cut at either end. */
export const MAX_INSIGHTS_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What was searched in a period: top queries, queries that found nothing, totals and each day's counts. */
export interface SearchInsights {
  since: Date;
  until: Date;
  topQueries: Array<{ query: string; count: number; averageHits: number }>;
  zeroResultQueries: Array<{ query: string; count: number; lastAt: Date }>;
  totalSearches: number;
  zeroResultSearches: number;
  degradedSearches: number;
  /** Every local day the period touches, oldest first, days without a search counted as 0. */
  daily: SearchDayCounts[];
}

/**
 * Keeps the search log: every `SearchPerformed` event becomes one entry (read by `searchInsights`),
 * written in batches by the writer; a failed write never fails the search. Returns the unsubscribe
 * function.
 */
export function subscribeSearchLog(events: EventBus, writer: SearchLogWriter): () => void {
  return events.subscribe('SearchPerformed', (event) => writer.record(event));
}

/** The local day (YYYY-MM-DD, Beijing time) of an instant. */
function localDay(at: Date): string {
  return new Date(at.getTime() + INSIGHTS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** Each local day from the one holding `since` to the one holding the last instant before `until`. */
function daysOf(period: SearchPeriod): string[] {
  const days: string[] = [];
  const last = localDay(new Date(period.until.getTime() - 1));
  for (let at = period.since.getTime(); ; at += DAY_MS) {
    const day = localDay(new Date(at));
    days.push(day);
    if (day >= last) return days;
  }
}

/** Reads the search log for editors. */
export class SearchInsightsService {
  constructor(
    private readonly repo: SearchLogRepository,
    private readonly writer: SearchLogWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * What agents searched for most, what found nothing, and how many searches were degraded, from
   * `since` up to `until` (default: now), with the counts of each Beijing-time day (editors).
   * @throws FORBIDDEN; BAD_USER_INPUT naming `first` (1-100), `until` (not after `since`) or `since`
   * (a period over `MAX_INSIGHTS_DAYS` days).
   */
  async insights(
    principal: Principal,
    since: Date,
    until: Date | null | undefined,
    first: number,
  ): Promise<SearchInsights> {
    searchLogPolicy.authorize(principal, 'readInsights');
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badField('first', 'must be between 1 and 100');
    const period = { since, until: until ?? this.now() };
    if (period.until <= period.since) throw badField('until', 'must be later than since');
    if (period.until.getTime() - period.since.getTime() > MAX_INSIGHTS_DAYS * DAY_MS)
      throw badField('since', `the period must be at most ${MAX_INSIGHTS_DAYS} days (the log keeps 90)`);
    // Searches this process answered are still in the writer's buffer: store them first.
    await this.writer.flush();
    const [top, zero, counted] = await Promise.all([
      this.repo.findTopQueriesIn(period, first),
      this.repo.findZeroResultQueriesIn(period, first),
      this.repo.countSearchesByDayIn(period, INSIGHTS_UTC_OFFSET_MINUTES),
    ]);
    const byDay = new Map(counted.map((row) => [row.day, row]));
    const daily = daysOf(period).map(
      (day) => byDay.get(day) ?? { day, total: 0, zeroResult: 0, degraded: 0 },
    );
    const sum = (key: 'total' | 'zeroResult' | 'degraded') =>
      counted.reduce((total, row) => total + row[key], 0);
    return {
      ...period,
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
      totalSearches: sum('total'),
      zeroResultSearches: sum('zeroResult'),
      degradedSearches: sum('degraded'),
      daily,
    };
  }
}
