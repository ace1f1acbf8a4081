/**
 * Popular queries for type-ahead, kept in memory (常用搜索词): loaded from the search log in the
 * background at most once a minute, and counted from this instance's searches in between, so a
 * keystroke never waits on MongoDB.
 */
import type { DomainEvents, EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';

/** One normalised query that found something, and how often (by anyone, and by the public). */
export interface PopularQuery {
  query: string;
  count: number;
  publicCount: number;
}

/** Reads the most frequent answered queries since a time from the search log. */
export type PopularQueryLoader = (since: Date, limit: number) => Promise<PopularQuery[]>;

/** How far back the log is read, how many queries are kept, and how often they are reloaded. */
const WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
const KEPT = 2000;
const REFRESH_MS = 60_000;
/** A query is suggested once searched this often: a query typed once or twice may be private. */
export const MIN_POPULAR_COUNT = 2;
/** Queries with a long digit run (phone, ID or account numbers) are never suggested. */
const PERSONAL_NUMBER = /\d{7,}/;

export class PopularQueries {
  private loaded = new Map<string, PopularQuery>();
  /** Counted here since the last reload started; `counting` while a reload runs. */
  private recent = new Map<string, PopularQuery>();
  private counting = new Map<string, PopularQuery>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading = false;

  constructor(
    private readonly load: PopularQueryLoader,
    events: EventBus,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    events.subscribe('SearchPerformed', (event) => this.record(event));
  }

  /**
   * The most searched queries starting with `prefix` (normalised, lower case), most first: for the
   * public only those the public searched and found something with, for staff any that found
   * something. Starts a reload in the background when the list is older than a minute.
   */
  matching(prefix: string, publicOnly: boolean, limit: number): string[] {
    this.reloadIfDue();
    return this.ranked(prefix.toLowerCase(), publicOnly, limit);
  }

  /**
   * The most searched answered queries, most first, under the same rules as `matching` (for the
   * public only the public's; never a query with a long digit run): "did you mean" corrects to them.
   */
  answered(publicOnly: boolean, limit: number): string[] {
    this.reloadIfDue();
    return this.ranked('', publicOnly, limit);
  }

  private ranked(wanted: string, publicOnly: boolean, limit: number): string[] {
    const counts = new Map<string, number>();
    for (const source of [this.loaded, this.counting, this.recent]) {
      for (const entry of source.values()) {
        if (!entry.query.startsWith(wanted)) continue;
        const count = publicOnly ? entry.publicCount : entry.count;
        counts.set(entry.query, (counts.get(entry.query) ?? 0) + count);
      }
    }
    return [...counts]
      .filter(([query, count]) => count >= MIN_POPULAR_COUNT && !PERSONAL_NUMBER.test(query))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([query]) => query);
  }

  private record(event: DomainEvents['SearchPerformed']): void {
    const query = event.normalised.trim();
    if (event.hits === 0 || query === '' || query.length > 100) return;
    this.add(query, 1, event.role === 'public' ? 1 : 0);
  }

  private add(query: string, count: number, publicCount: number): void {
    if (!this.recent.has(query) && this.recent.size >= KEPT) return;
    const entry = this.recent.get(query) ?? { query, count: 0, publicCount: 0 };
    entry.count += count;
    entry.publicCount += publicCount;
    this.recent.set(query, entry);
  }

  private reloadIfDue(): void {
    const started = this.now().getTime();
    if (this.loading || started - this.loadedAt < REFRESH_MS) return;
    this.loading = true;
    this.loadedAt = started;
    // What was counted until now is in the log the reload reads (but for the last half second's
    // batch, which the next reload sees); what is counted from now on is kept apart.
    this.counting = this.recent;
    this.recent = new Map();
    this.load(new Date(started - WINDOW_MS), KEPT)
      .then((rows) => {
        this.loaded = new Map(rows.map((row) => [row.query, row]));
        this.counting = new Map();
      })
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'popular queries could not be loaded: suggesting titles only');
        for (const entry of this.counting.values()) this.add(entry.query, entry.count, entry.publicCount);
        this.counting = new Map();
      })
      .finally(() => {
        this.loading = false;
      });
  }
}
