import { meiliErrorCode } from '../../platform/meilisearch.js';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from 'mongodb';
import type { Meilisearch, Settings } from 'meilisearch';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type { IndexedRecord, IndexProjection } from './documents.js';
import { IndexedRecordsRepository } from './indexed-records.repository.js';
import { normaliseText } from '../../lib/normalise-text.js';
import type { SynonymRepository } from '../synonyms/index.js';
import type { IndexStateRepository } from './index-state.repository.js';

/** How long the indexer waits for one Meilisearch task (indexing is slow on two cores). */
export const TASK_TIMEOUT_MS = 120_000;
const SYNONYMS_STATE = 'synonyms-hash';

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
}

export interface IndexerOptions {
  batchSize?: number;
  /** Poll interval when there is nothing to do (a change also wakes the indexer at once). */
  idleMs?: number;
  maxBackoffMs?: number;
}

/**
 * The only writer to Meilisearch. Records (articles, halls) carry `searchPending` from the write
 * that changed them; the indexer pushes pending ones in batches, waits for the task, and clears
 * the mark only if the record's version has not moved on meanwhile. It also keeps the index
 * settings and the synonyms in step with MongoDB. Failures are retried with backoff; nothing is
 * lost while Meilisearch is down, because the marks stay until a push succeeds.
 */
export class SearchIndexer {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A nudge that came while the loop was busy: the next sleep is skipped, so none is lost. */
  private nudged = false;
  private settingsApplied = false;
  private lastSynonymCheck = 0;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;
  private subscribe: (() => Array<() => void>) | undefined;
  private unsubscribe: Array<() => void> = [];
  private readonly records: IndexedRecordsRepository;

  constructor(
    private readonly deps: IndexerDeps,
    options: IndexerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.idleMs = options.idleMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.records = new IndexedRecordsRepository(deps.db);
  }

  /** Subscriptions to take on `start` and release on `stop` (e.g. the domain events that wake it). */
  whileRunning(subscribe: () => Array<() => void>): void {
    this.subscribe = subscribe;
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.subscribe?.() ?? [];
    this.loop = this.run();
  }

  /** Stops the loop after the current step and releases its subscriptions. */
  async stop(): Promise<void> {
    this.running = false;
    for (const release of this.unsubscribe.splice(0)) release();
    this.wake?.();
    await this.loop;
  }

  /** Wakes the loop now (a domain event calls it after every change). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 500;
    while (this.running) {
      let worked: boolean;
      try {
        worked = await this.step();
        backoff = 500;
      } catch (error) {
        this.deps.logger.warn(
          { err: error, retryInMs: backoff },
          'search indexer: Meilisearch push failed; the changes stay pending and will be retried',
        );
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
        continue;
      }
      if (!worked) await this.sleep(this.idleMs);
    }
  }

  private async sleep(ms: number): Promise<void> {
    // Stopped during a step, or nudged while busy: do not wait (checked in the same tick as `wake`).
    if (this.nudged || !this.running) {
      this.nudged = false;
      return;
    }
    const controller = new AbortController();
    this.wake = () => controller.abort();
    await delay(ms, undefined, { signal: controller.signal }).catch(() => undefined);
    this.wake = undefined;
    this.nudged = false;
  }

  /** One unit of work: settings, synonyms, then one batch of pending articles. Returns whether it did anything. */
  async step(): Promise<boolean> {
    if (!this.settingsApplied) {
      for (const projection of this.deps.projections) {
        await ensureIndex(this.deps.meili(), projection.indexUid, projection.settings);
      }
      this.settingsApplied = true;
    }
    let worked = false;
    if (Date.now() - this.lastSynonymCheck > 5_000) {
      worked = (await this.pushSynonymsIfChanged()) || worked;
      this.lastSynonymCheck = Date.now();
    }
    const pushed = await this.pushPendingBatches();
    return worked || pushed > 0;
  }

  /** Pushes one batch of pending records of every projection; returns how many were handled. */
  async pushPendingBatches(): Promise<number> {
    let handled = 0;
    for (const projection of this.deps.projections) handled += await this.pushPendingBatch(projection);
    return handled;
  }

  private async pushPendingBatch(projection: IndexProjection): Promise<number> {
    const pending = await this.records.findPendingOldestFirst(projection.collection, this.batchSize);
    if (pending.length === 0) return 0;
    await pushRecords(this.deps.meili(), projection, pending);
    const confirmed = await this.records.confirmSyncedUnlessChanged(projection.collection, pending);
    this.deps.logger.debug(
      { index: projection.indexUid, pushed: pending.length, confirmed },
      'search indexer: batch synced',
    );
    return pending.length;
  }

  /** Pushes the synonyms to the indexes that use them when they changed (by content hash). */
  async pushSynonymsIfChanged(): Promise<boolean> {
    const map = synonymMap((await this.deps.synonyms.findAllSynonymSets()).map((set) => set.terms));
    const hash = createHash('sha256').update(JSON.stringify(map)).digest('hex');
    let pushed = false;
    for (const projection of this.deps.projections.filter((candidate) => candidate.synonyms)) {
      const stateKey = synonymsStateKey(projection.indexUid);
      if ((await this.deps.state.getState(stateKey)) === hash) continue;
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
    while ((await this.pushPendingBatches()) > 0) {
      // keep going
    }
  }
}

/** Fails a finished task that did not succeed, with Meilisearch's reason. */
export function assertSucceeded(task: {
  status: string;
  uid: number;
  error?: { message: string } | null;
}): void {
  if (task.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
    );
  }
}

/** The search_state key under which the synonyms last pushed to an index are remembered. */
export function synonymsStateKey(indexUid: string): string {
  return `${SYNONYMS_STATE}:${indexUid}`;
}

/** Creates the index if needed and applies its settings, waiting for both: settings before documents. */
export async function ensureIndex(meili: Meilisearch, uid: string, settings: Settings): Promise<void> {
  const exists = await meili
    .getIndex(uid)
    .then(() => true)
    .catch((error: unknown) => {
      if (meiliErrorCode(error) === 'index_not_found') return false;
      throw error;
    });
  if (!exists) {
    await meili
      .createIndex(uid, { primaryKey: 'id' })
      .waitTask({ timeout: TASK_TIMEOUT_MS })
      .then(assertSucceeded);
  }
  await meili
    .index(uid)
    .updateSettings(settings)
    .waitTask({ timeout: TASK_TIMEOUT_MS })
    .then(assertSucceeded);
}

/** Upserts the records that belong in the index and deletes the others, waiting for both tasks. */
export async function pushRecords(
  meili: Meilisearch,
  projection: IndexProjection,
  records: IndexedRecord[],
  indexUid = projection.indexUid,
): Promise<void> {
  const index = meili.index(indexUid);
  const documents = records.map((record) => projection.toDocument(record)).filter((doc) => doc !== null);
  const gone = records
    .filter((record) => projection.toDocument(record) === null)
    .map((record) => record._id.toHexString());
  if (documents.length > 0) {
    await index
      .addDocuments(documents, { primaryKey: 'id' })
      .waitTask({ timeout: TASK_TIMEOUT_MS })
      .then(assertSucceeded);
  }
  if (gone.length > 0) {
    await index.deleteDocuments(gone).waitTask({ timeout: TASK_TIMEOUT_MS }).then(assertSucceeded);
  }
}

/** Mutual synonyms as Meilisearch wants them: every term maps to all the others of its set. */
export function synonymMap(sets: string[][]): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const set of sets) {
    const terms = [
      ...new Set(set.map((term) => normaliseText(term).toLowerCase()).filter((term) => term !== '')),
    ];
    for (const term of terms) {
      map[term] ??= new Set();
      for (const other of terms) if (other !== term) map[term].add(other);
    }
  }
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map((term) => [term, [...(map[term] ?? [])].sort()]),
  );
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
      projections: Object.values(app.services.projections),
      state: app.services.indexState,
      synonyms: app.services.synonymRepo,
    },
    options,
  );
  const { events } = app.services;
  indexer.whileRunning(() => [
    events.subscribe('ArticleChanged', () => indexer.nudge()),
    events.subscribe('HallChanged', () => indexer.nudge()),
    events.subscribe('SynonymsChanged', () => {
      indexer.forgetSynonyms();
      indexer.nudge();
    }),
  ]);
  return indexer;
}
