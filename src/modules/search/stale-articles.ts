import type { WithId } from 'mongodb';
import type { EventBus } from '../../events.js';
import type { ArticleDoc, ArticleMatchRepository } from '../articles/index.js';

/** A look-up younger than this is used as it is. */
const FRESH_MS = 250;
/** A look-up younger than this is used while a new one runs beside the search; older ones are awaited. */
const MAX_AGE_MS = 1_000;

/** What a look-up found. */
export interface StaleArticlesState {
  docs: WithId<ArticleDoc>[];
  /**
   * How many of `docs` the index has never had (`searchSyncedVersion` null: never confirmed pushed).
   */
  missing: number;
  /**
   * The collection's estimated article count, read only when `missing` reaches the lookup's
   * `missingToCount` (so that a caller can tell an index being built from a few new articles); null
   * otherwise.
   */
  articleCount: number | null;
}

interface Snapshot extends StaleArticlesState {
  /** The local-change generation it was started in. */
  generation: number;
  /** When the look-up was sent (performance.now()). */
  at: number;
}

/**
 * The articles the search index may be stale on (changed since the indexer last pushed them), as
 * MongoDB had them at a recent look-up, so that a search does not send a MongoDB command of its own.
 *
 * - A change made in this process (an `ArticleChanged` event) makes the next search wait for a
 *   look-up sent after it: what this instance changed is never served stale.
 * - Changes made by other instances are seen by the next look-up: at most `FRESH_MS` after it was
 *   sent while searches come in, never more than `MAX_AGE_MS` (older snapshots are awaited).
 * - An article the indexer caught up with meanwhile stays listed until the next look-up: harmless,
 *   its hit is viewed from MongoDB's copy, and a hidden one is one the reader may not read anyway.
 */
export class StaleArticleLookup {
  private generation = 0;
  private snapshot: Snapshot | undefined;
  private pending: { generation: number; promise: Promise<Snapshot> } | undefined;

  constructor(
    private readonly matches: ArticleMatchRepository,
    events: EventBus,
    private readonly limit: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly missingToCount: number = Number.POSITIVE_INFINITY,
  ) {
    events.subscribe('ArticleChanged', () => {
      this.generation += 1;
    });
  }

  /**
   * The stale articles (at most `limit`).
   * @throws what MongoDB throws when a look-up must be awaited and fails.
   */
  async current(): Promise<WithId<ArticleDoc>[]> {
    return (await this.state()).docs;
  }

  /**
   * The stale articles with how many of them the index never had (see StaleArticlesState).
   * @throws what MongoDB throws when a look-up must be awaited and fails.
   */
  async state(): Promise<StaleArticlesState> {
    const snapshot = this.snapshot;
    if (snapshot && snapshot.generation === this.generation) {
      const age = this.clock() - snapshot.at;
      if (age < FRESH_MS) return snapshot;
      if (age < MAX_AGE_MS) {
        // Used now; the next search gets the new look-up. Its failure surfaces when one is awaited.
        this.lookUp().catch(() => undefined);
        return snapshot;
      }
    }
    return this.lookUp();
  }

  /** One look-up per generation at a time: concurrent searches share it. */
  private lookUp(): Promise<Snapshot> {
    if (this.pending && this.pending.generation === this.generation) return this.pending.promise;
    const generation = this.generation;
    const at = this.clock();
    const promise = this.matches.findAheadOfIndex(this.limit).then(async (docs) => {
      const missing = docs.filter((doc) => doc.searchSyncedVersion === null).length;
      // Counted only when many are missing (a fresh index, a large import): no command otherwise.
      const articleCount = missing >= this.missingToCount ? await this.matches.estimatedCount() : null;
      const next = { generation, at, docs, missing, articleCount };
      if (!this.snapshot || this.snapshot.at < at) this.snapshot = next;
      return next;
    });
    const pending = { generation, promise };
    this.pending = pending;
    const clear = () => {
      if (this.pending === pending) this.pending = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }
}
