// Over 350 lines on purpose: a pass, its confirmations and the lease checks between them are one
// sequence over the batches in flight (`passOf`, `confirm`, `checkFenceOrRequeue`); split apart, the
// order they rely on (check, send, check, confirm, requeue) would no longer be readable in one place.
import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import { LeaseLostError } from '../../db/lease-keeper.js';
import type { Fence } from '../../db/lease-keeper.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import { inSpan } from '../../observability/tracing.js';
import type { IndexProjection } from './documents.js';
import { inBatches } from './batches.js';
import { IndexedRecordsRepository } from './indexed-records.repository.js';
import type { PushedVersion } from './indexed-records.repository.js';
import {
  assertSucceeded,
  enqueueRecords,
  ensureIndex,
  synonymMap,
  TASK_TIMEOUT_MS,
  waitForTasks,
} from './meili-writes.js';
import type { SynonymRepository } from '../synonyms/index.js';
import type { IndexStateRepository } from './index-state.repository.js';
import { WakeLoop } from './wake-loop.js';

export { assertSucceeded, ensureIndex, synonymMap, TASK_TIMEOUT_MS } from './meili-writes.js';

const SYNONYMS_STATE = 'synonyms-hash';

/** The search_state key under which the document shape (`IndexProjection.documentShape`) an index was last built with is remembered. */
export function documentShapeStateKey(indexUid: string): string {
  return `document-shape:${indexUid}`;
}

/** The search_state key under which the synonyms last pushed to an index are remembered. */
export function synonymsStateKey(indexUid: string): string {
  return `${SYNONYMS_STATE}:${indexUid}`;
}

export interface IndexerDeps {
  db: Db;
  /** Read at every step, so a replaced client is picked up. */
  meili: () => Meilisearch;
  logger: Logger;
  /** The collections to mirror (articles, halls). */
  projections: IndexProjection[];
  /** The indexer's own state (what it last pushed besides documents). */
  state: IndexStateRepository;
  /** The managed synonym sets, pushed to indexes that use them. */
  synonyms: Pick<SynonymRepository, 'findAllSynonymSets'>;
  /** Told each failed step of an index (metric `channelkb_search_index_push_failures_total`). */
  onPushFailed?: ((index: string) => void) | undefined;
}

export interface IndexerOptions {
  /** Records per Meilisearch task. */
  batchSize?: number;
  /** Batches sent to Meilisearch and not yet confirmed, per index: the next is sent while one is processed. */
  inFlightBatches?: number;
  /** First poll interval when there is nothing to do (a change in this process wakes the indexer at once). */
  idleMs?: number;
  /** The poll interval doubles while idle up to this (changes made by other processes wait at most this). */
  maxIdleMs?: number;
  maxBackoffMs?: number;
}

/** A batch sent to Meilisearch: its tasks, and the versions to confirm once they succeeded. */
interface SentBatch {
  tasks: number[];
  pushed: PushedVersion[];
}

/**
 * The only writer to Meilisearch. Records (articles, halls) carry `searchPending` from the write
 * that changed them; the indexer reads the pending ones of each index in one pass, sends them in
 * batches without waiting (the next batch goes while Meilisearch processes one), and as each
 * batch's tasks succeed, clears the marks of that batch in one command, only where the record's
 * version has not moved on meanwhile. It also keeps the index settings and the synonyms in step
 * with MongoDB. Failures are retried with backoff; nothing is lost while Meilisearch is down,
 * because the marks stay until Meilisearch has the version.
 *
 * Each index has its own loop, woken by the changes of its own records: a published article is
 * read and sent at once, never after a catch-up of halls. Meilisearch processes every index's tasks
 * in one queue, in the order they were sent, so the indexes come first in the order of
 * `projections`: while an index's pass is under way, the indexes after it send no further batch
 * (an article waits behind at most the hall batches already sent, not behind a whole import).
 *
 * With several instances, one indexer runs at a time: the holder of the indexer lease
 * (indexer-lease.ts), fenced by it (see `start`). Meilisearch keeps the order in which tasks were
 * sent, not record versions: without the lease, if one indexer read a record, another then read and
 * sent its next version, and the first sent the older one after that, the index would keep the older
 * version while the newer one is confirmed. Reading a batch right before sending it keeps that window
 * to one MongoDB read and one Meilisearch request; the fence checks the lease inside that window, and
 * a batch that still lands late is requeued (see `checkFenceOrRequeue`).
 */
export class SearchIndexer {
  private running = false;
  /** Set by `stop`: a pass under way sends no further batch. */
  private stopping = false;
  private readonly settingsApplied = new Set<string>();
  private lastSynonymCheck = 0;
  private readonly batchSize: number;
  private readonly inFlightBatches: number;
  private readonly loops = new Map<string, WakeLoop>();
  /** The pass under way of each index (by index uid), which the indexes after it let go first. */
  private readonly passes = new Map<string, Promise<unknown>>();
  private subscribe: (() => Array<() => void>) | undefined;
  /** The lease this run holds (see `start`): checked before every write to Meilisearch and every confirmation. */
  private fence: Fence | undefined;
  private unsubscribe: Array<() => void> = [];
  private readonly records: IndexedRecordsRepository;

  constructor(
    private readonly deps: IndexerDeps,
    options: IndexerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.inFlightBatches = Math.max(1, options.inFlightBatches ?? 2);
    const idleMs = options.idleMs ?? 1_000;
    const loopOptions = (projection: IndexProjection) => ({
      idleMs,
      maxIdleMs: Math.max(idleMs, options.maxIdleMs ?? 5_000),
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      onError: (error: unknown, retryInMs: number) => {
        if (error instanceof LeaseLostError) {
          deps.logger.info('search indexer: the indexer lease was lost; another instance pushes from now on');
          return;
        }
        deps.onPushFailed?.(projection.name);
        deps.logger.warn(
          { err: error, retryInMs, index: projection.name },
          'search indexer: Meilisearch push failed; the changes stay pending and will be retried',
        );
      },
    });
    for (const projection of deps.projections) {
      this.loops.set(projection.name, new WakeLoop(() => this.stepOf(projection), loopOptions(projection)));
    }
    this.records = new IndexedRecordsRepository(deps.db);
  }

  /** Subscriptions to take on `start` and release on `stop` (e.g. the domain events that wake it). */
  whileRunning(subscribe: () => Array<() => void>): void {
    this.subscribe = subscribe;
  }

  /**
   * Starts the loops (idempotent). With a `fence` (the indexer lease of this instance, see
   * src/db/lease-keeper.ts), every write to Meilisearch and every confirmation is preceded by a check
   * that the lease is still held, so an instance that lost it (paused past its expiry, cut off from
   * MongoDB) stops pushing; a batch it sent before it noticed is marked pending again (`requeue`), so
   * the holder pushes the current version after it. Without one (tests, a single process), none.
   */
  start(fence?: Fence): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.fence = fence;
    this.unsubscribe = this.subscribe?.() ?? [];
    for (const loop of this.loops.values()) loop.start();
  }

  /**
   * Stops the loops and releases their subscriptions. A pass under way sends no further batch, and
   * waits for and confirms those already sent.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    for (const release of this.unsubscribe.splice(0)) release();
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
  }

  /**
   * Wakes the loop of the index named (`articles`, `halls`: a change of its records), or of every
   * index, now or right after its pass under way.
   */
  nudge(name?: string): void {
    for (const [each, loop] of this.loops) if (name === undefined || each === name) loop.nudge();
  }

  /** One unit of work of every index, side by side. Returns whether any did anything. */
  async step(): Promise<boolean> {
    const outcomes = await Promise.allSettled(this.deps.projections.map((each) => this.stepOf(each)));
    return firstFailureOr(outcomes).some(Boolean);
  }

  /** One unit of work of an index: its settings, everything pending, then its synonyms. */
  private async stepOf(projection: IndexProjection): Promise<boolean> {
    if (!this.settingsApplied.has(projection.indexUid)) {
      await this.fence?.check();
      await ensureIndex(this.deps.meili(), projection.indexUid, projection.settings);
      await this.rebuildIfShapeChanged(projection);
      this.settingsApplied.add(projection.indexUid);
    }
    // Documents first: a change waiting to be searchable should not wait for the synonym check.
    const pushed = await this.pushPendingOf(projection);
    let synonymsPushed = false;
    if (projection.synonyms && Date.now() - this.lastSynonymCheck > 5_000) {
      synonymsPushed = await this.pushSynonymsIfChanged();
      this.lastSynonymCheck = Date.now();
    }
    return synonymsPushed || pushed > 0;
  }

  /**
   * When the index was built with another document shape than this code's (an upgrade changed how
   * documents are built, or the index predates shapes), marks every record of the collection
   * pending, so this and the next passes push each again, in place: searches keep being served from
   * the documents already there meanwhile. The marks are written before the shape is remembered, so
   * a stop in between only repeats the marking.
   */
  private async rebuildIfShapeChanged(projection: IndexProjection): Promise<void> {
    const key = documentShapeStateKey(projection.indexUid);
    const wanted = String(projection.documentShape);
    if ((await this.deps.state.getState(key)) === wanted) return;
    await this.fence?.check();
    const marked = await this.records.markAllPending(projection.collection);
    await this.deps.state.setState(key, wanted, new Date());
    if (marked > 0) {
      this.deps.logger.info(
        { index: projection.indexUid, records: marked, documentShape: projection.documentShape },
        'search indexer: documents are built differently since the last run; pushing every record again',
      );
    }
  }

  /**
   * One pass over the pending records of every index (the indexes side by side, so a long catch-up
   * of one does not hold the other back). Returns how many records were sent.
   * @throws the first failure, once every index's pass has ended.
   */
  async pushPending(): Promise<number> {
    const outcomes = await Promise.allSettled(
      this.deps.projections.map((projection) => this.pushPendingOf(projection)),
    );
    return firstFailureOr(outcomes).reduce((sum, sent) => sum + sent, 0);
  }

  /**
   * Reads the index's pending records in one query, sends them in batches with up to
   * `inFlightBatches` unconfirmed, and confirms each batch in order once its tasks succeeded.
   * Meilisearch processes an index's tasks in order, so a record sent twice ends at its later version.
   */
  private async pushPendingOf(projection: IndexProjection): Promise<number> {
    const ahead = this.deps.projections
      .slice(0, this.deps.projections.indexOf(projection))
      .map((each) => each.indexUid);
    const pass = this.passOf(projection, ahead);
    this.passes.set(projection.indexUid, pass);
    try {
      return await pass;
    } finally {
      if (this.passes.get(projection.indexUid) === pass) this.passes.delete(projection.indexUid);
    }
  }

  /** Lets the passes under way of the indexes named (those that go first) end; not later ones, so none starves. */
  private async letGoFirst(indexUids: readonly string[]): Promise<void> {
    await Promise.allSettled(indexUids.flatMap((uid) => this.passes.get(uid) ?? []));
  }

  private async passOf(projection: IndexProjection, ahead: readonly string[]): Promise<number> {
    const cursor = this.records.findPending(projection.collection, projection.fields, this.batchSize);
    const batches = inBatches(cursor, this.batchSize)[Symbol.asyncIterator]();
    const sent: SentBatch[] = [];
    let count = 0;
    try {
      while (!this.stopping) {
        // Wait for room before reading the next batch: a batch goes to Meilisearch right after it
        // is read from MongoDB (see the class comment on several indexers).
        while (sent.length >= this.inFlightBatches) await this.confirm(projection, sent.shift());
        await this.letGoFirst(ahead);
        if (this.stopping) break;
        const next = await batches.next();
        if (next.done) break;
        const records = next.value;
        const pushed = records.map(({ _id, version, searchRequeues }) => ({
          _id,
          version,
          requeues: searchRequeues ?? 0,
        }));
        await this.fence?.check();
        // A span per batch sent (tracing on; idle polls make none), its Meilisearch call a child.
        const enqueued = await inSpan(
          'search-index push',
          { 'search.index': projection.name, 'search.records': records.length },
          () => enqueueRecords(this.deps.meili(), projection, records),
        );
        sent.push({ tasks: enqueued.tasks, pushed });
        // Debug: what this instance pushed, by record and version (several instances: who pushed what).
        if (this.deps.logger.isLevelEnabled('debug')) {
          this.deps.logger.debug(
            { index: projection.indexUid, fence: this.fence?.token, changes: changesOf(pushed) },
            'search indexer: batch sent',
          );
        }
        count += records.length;
      }
      while (sent.length > 0) await this.confirm(projection, sent.shift());
    } catch (error) {
      // The lease was lost with batches sent and unconfirmed: the holder pushes them again.
      if (error instanceof LeaseLostError && sent.length > 0) {
        await this.records.requeue(
          projection.collection,
          sent.flatMap((batch) => batch.pushed.map(({ _id }) => _id)),
        );
      }
      throw error;
    } finally {
      await batches.return(undefined);
      await cursor.close();
    }
    return count;
  }

  private async confirm(projection: IndexProjection, batch: SentBatch | undefined): Promise<void> {
    if (!batch) return;
    await this.checkFenceOrRequeue(projection, batch);
    await waitForTasks(this.deps.meili(), batch.tasks);
    await this.checkFenceOrRequeue(projection, batch);
    const confirmed = await this.records.confirmSyncedUnlessChanged(projection.collection, batch.pushed);
    if (this.deps.logger.isLevelEnabled('debug')) {
      this.deps.logger.debug(
        {
          index: projection.indexUid,
          fence: this.fence?.token,
          pushed: batch.pushed.length,
          confirmed,
          changes: changesOf(batch.pushed),
        },
        'search indexer: batch synced',
      );
    }
  }

  /**
   * Checks the lease before a confirmation. When it was lost, the batch was sent but another
   * instance may have pushed newer versions before it (Meilisearch keeps the order of sending): the
   * records are marked pending again, so the holder pushes them after ours.
   * @throws LeaseLostError when the lease was lost.
   */
  private async checkFenceOrRequeue(projection: IndexProjection, batch: SentBatch): Promise<void> {
    try {
      await this.fence?.check();
    } catch (error) {
      if (error instanceof LeaseLostError) {
        await this.records.requeue(
          projection.collection,
          batch.pushed.map(({ _id }) => _id),
        );
        this.deps.logger.info(
          { index: projection.indexUid, changes: changesOf(batch.pushed) },
          'search indexer: lease lost after a push; its records are pending again for the holder',
        );
      }
      throw error;
    }
  }

  /** Pushes the synonyms to the indexes that use them when they changed (by content hash). */
  async pushSynonymsIfChanged(): Promise<boolean> {
    const map = synonymMap((await this.deps.synonyms.findAllSynonymSets()).map((set) => set.terms));
    const hash = createHash('sha256').update(JSON.stringify(map)).digest('hex');
    let pushed = false;
    for (const projection of this.deps.projections.filter((candidate) => candidate.synonyms)) {
      const stateKey = synonymsStateKey(projection.indexUid);
      if ((await this.deps.state.getState(stateKey)) === hash) continue;
      await this.fence?.check();
      await this.deps
        .meili()
        .index(projection.indexUid)
        .updateSynonyms(map)
        .waitTask({ timeout: TASK_TIMEOUT_MS })
        .then(assertSucceeded);
      await this.deps.state.setState(stateKey, hash, new Date());
      this.deps.logger.info(
        { index: projection.indexUid, terms: Object.keys(map).length },
        'search indexer: synonyms pushed',
      );
      pushed = true;
    }
    return pushed;
  }

  /** Forces the next step to push the synonyms (after a reindex swapped the index). */
  forgetSynonyms(): void {
    this.lastSynonymCheck = 0;
  }

  /** Runs steps until nothing is pending (CLI and tests). @throws when a push fails. */
  async drain(): Promise<void> {
    await this.step();
    while ((await this.pushPending()) > 0) {
      // keep going: records that changed during a pass are pending again
    }
  }
}
/**
 * Creates the indexer for an app and subscribes it to the domain events that wake it: article and
 * hall changes, and synonym edits (which also make it check the synonyms at once). The caller starts
 * and stops it; stopping also unsubscribes. The events only shorten the wait: the indexer polls
 * the `searchPending` markers anyway.
 */
export function createIndexer(
  app: {
    db: Db;
    meili: Meilisearch;
    logger: Logger;
    /** The call metrics (src/app.ts), told each failed push. */
    calls?: { indexPushFailed(index: string): void } | undefined;
    services: {
      events: EventBus;
      projections: { articles: IndexProjection; halls: IndexProjection };
      indexState: IndexStateRepository;
      synonymRepo: SynonymRepository;
    };
  },
  options: IndexerOptions = {},
): SearchIndexer {
  const indexer = new SearchIndexer(
    {
      db: app.db,
      meili: () => app.meili,
      logger: app.logger,
      // Articles first: an article waiting to be searchable never queues behind a hall catch-up.
      projections: [app.services.projections.articles, app.services.projections.halls],
      state: app.services.indexState,
      synonyms: app.services.synonymRepo,
      onPushFailed: app.calls ? (index) => app.calls?.indexPushFailed(index) : undefined,
    },
    options,
  );
  const { events, projections } = app.services;
  indexer.whileRunning(() => [
    events.subscribe('ArticleChanged', () => indexer.nudge(projections.articles.name)),
    events.subscribe('HallChanged', () => indexer.nudge(projections.halls.name)),
    events.subscribe('SynonymsChanged', () => {
      indexer.forgetSynonyms();
      indexer.nudge(projections.articles.name);
    }),
  ]);
  return indexer;
}

/** `id@version` of each pushed record, for the debug log. */
function changesOf(pushed: readonly PushedVersion[]): string[] {
  return pushed.map(({ _id, version }) => `${_id.toHexString()}@${version}`);
}

/** The values of settled outcomes. @throws the first failure. */
function firstFailureOr<T>(outcomes: Array<PromiseSettledResult<T>>): T[] {
  return outcomes.map((outcome) => {
    if (outcome.status === 'fulfilled') return outcome.value;
    throw outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason));
  });
}
