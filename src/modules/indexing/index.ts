/**
 * The indexing module's public surface: the indexer (the only writer to Meilisearch, woken by domain
 * events), the index projections of articles and halls, and index maintenance (reindex, check, lag).
 */
export { indexProjections } from './documents.js';
export type { ArticleCardFacts, ArticleSearchDocument, IndexProjection } from './documents.js';
export { cardFactsOf } from './documents.js';
export { IndexStateRepository, indexStateIndexes } from './index-state.repository.js';
export { createIndexer } from './indexer.js';
export { findIndexerLease, INDEXER_LEASE, indexerLeaseKeeper } from './indexer-lease.js';
export { checkSearchIndex, recordCount, reindex, searchLag } from './maintenance.js';
export type { DriftReport, MaintenanceDeps } from './maintenance.js';
