import type { AnyBulkWriteOperation, Db } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import type { ArticleDoc } from '../knowledge/article.model.js';
import { isIndexable } from './documents.js';
import type { ArticleSearchDocument } from './documents.js';
import { assertSucceeded, ensureArticleIndex, pushArticles, synonymMap, TASK_TIMEOUT_MS } from './indexer.js';
import type { SearchRepository } from './search.repository.js';

export interface MaintenanceDeps {
  db: Db;
  meili: Meilisearch;
  indexUid: string;
  search: SearchRepository;
}

export interface DriftReport {
  /** Articles that belong in the index (published once, not archived). */
  expected: number;
  indexed: number;
  /** Articles still marked for the indexer (normal right after a change). */
  pending: number;
  /** Seconds since the oldest change the index does not have yet (0 when none). */
  lagSeconds: number;
  /** Differences that are NOT explained by pending marks: this is drift. */
  missing: string[];
  extra: string[];
  stale: Array<{ id: string; indexedVersion: number; currentVersion: number }>;
  drift: boolean;
}

const PAGE = 1000;

/** Compares MongoDB and Meilisearch by id and version, separating pending work from real drift. */
export async function checkSearchIndex(deps: MaintenanceDeps, now = new Date()): Promise<DriftReport> {
  const articles = deps.db.collection<ArticleDoc>('articles');
  const docs = await articles
    .find({}, { projection: { _id: 1, version: 1, status: 1, live: 1, searchPending: 1, updatedAt: 1 } })
    .toArray();
  const indexed = new Map<string, number>();
  const exists = await deps.meili
    .getIndex(deps.indexUid)
    .then(() => true)
    .catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
      throw error;
    });
  for (let offset = 0; exists; offset += PAGE) {
    const page = await deps.meili
      .index<ArticleSearchDocument>(deps.indexUid)
      .getDocuments<Pick<ArticleSearchDocument, 'id' | 'version'>>({
        fields: ['id', 'version'],
        limit: PAGE,
        offset,
      });
    for (const doc of page.results) indexed.set(doc.id, doc.version);
    if (page.results.length < PAGE) break;
  }
  const report: DriftReport = {
    expected: 0,
    indexed: indexed.size,
    pending: 0,
    lagSeconds: 0,
    missing: [],
    extra: [],
    stale: [],
    drift: false,
  };
  const known = new Set<string>();
  let oldestPending: Date | null = null;
  for (const doc of docs) {
    const id = doc._id.toHexString();
    known.add(id);
    if (doc.searchPending) {
      report.pending += 1;
      if (!oldestPending || doc.updatedAt < oldestPending) oldestPending = doc.updatedAt;
      continue;
    }
    const version = indexed.get(id);
    if (isIndexable(doc)) {
      report.expected += 1;
      if (version === undefined) report.missing.push(id);
      else if (version !== doc.version)
        report.stale.push({ id, indexedVersion: version, currentVersion: doc.version });
    } else if (version !== undefined) {
      report.extra.push(id);
    }
  }
  for (const id of indexed.keys()) if (!known.has(id)) report.extra.push(id);
  report.lagSeconds = oldestPending
    ? Math.max(0, Math.round((now.getTime() - oldestPending.getTime()) / 1000))
    : 0;
  report.drift = report.missing.length + report.extra.length + report.stale.length > 0;
  return report;
}

/**
 * Rebuilds the articles index into a fresh index and swaps it in, so searches never see an empty
 * or half-built index. Articles changed while it ran stay (or become) pending for the indexer.
 */
export async function reindexArticles(
  deps: MaintenanceDeps,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ indexed: number; total: number }> {
  const startedAt = new Date();
  const articles = deps.db.collection<ArticleDoc>('articles');
  const fresh = `${deps.indexUid}_rebuild_${startedAt.getTime()}`;
  await ensureArticleIndex(deps.meili, fresh);
  const synonyms = synonymMap((await deps.search.allSynonymSets()).map((set) => set.terms));
  await deps.meili
    .index(fresh)
    .updateSynonyms(synonyms)
    .waitTask({ timeout: TASK_TIMEOUT_MS })
    .then(assertSucceeded);

  const total = await articles.countDocuments({});
  let done = 0;
  let indexed = 0;
  const cursor = articles.find({}).sort({ _id: 1 }).batchSize(500);
  let batch: ArticleDoc[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await pushArticles(
      deps.meili,
      fresh,
      batch.map((doc) => ({ ...doc })),
    );
    indexed += batch.filter(isIndexable).length;
    const confirmations: AnyBulkWriteOperation<ArticleDoc>[] = batch.map((doc) => ({
      updateOne: {
        filter: { _id: doc._id, version: doc.version },
        update: { $set: { searchPending: false, searchSyncedVersion: doc.version } },
      },
    }));
    await articles.bulkWrite(confirmations, { ordered: false });
    done += batch.length;
    onProgress(done, total);
    batch = [];
  };
  for await (const doc of cursor) {
    batch.push(doc);
    if (batch.length === 500) await flush();
  }
  await flush();

  await ensureArticleIndex(deps.meili, deps.indexUid);
  await deps.meili
    .swapIndexes([{ indexes: [deps.indexUid, fresh], rename: false }])
    .waitTask({ timeout: TASK_TIMEOUT_MS })
    .then(assertSucceeded);
  await deps.meili.deleteIndex(fresh).waitTask({ timeout: TASK_TIMEOUT_MS }).then(assertSucceeded);
  // Anything that changed while the rebuild ran may have gone to the old index: index it again.
  await articles.updateMany({ updatedAt: { $gte: startedAt } }, { $set: { searchPending: true } });
  await deps.search.setState(`synonyms-hash:${deps.indexUid}`, '', new Date());
  return { indexed, total };
}

/** How far the index is behind: changes still pending and the age of the oldest one (cheap, indexed). */
export async function searchLag(db: Db, now = new Date()): Promise<{ pending: number; lagSeconds: number }> {
  const articles = db.collection<ArticleDoc>('articles');
  const [pending, oldest] = await Promise.all([
    articles.countDocuments({ searchPending: true }),
    articles.findOne({ searchPending: true }, { sort: { updatedAt: 1 }, projection: { updatedAt: 1 } }),
  ]);
  const lagSeconds = oldest
    ? Math.max(0, Math.round((now.getTime() - oldest.updatedAt.getTime()) / 1000))
    : 0;
  return { pending, lagSeconds };
}
