/**
 * The search module's public surface (article and hall search, synonyms, the search log, the
 * indexer, the only writer to Meilisearch): what other modules, the app's wiring, the command-line
 * tasks and the seeders may use. Everything else in this folder is internal.
 */
export { indexProjections } from './documents.js';
export type { IndexProjection } from './documents.js';
export { HallSearch } from './hall-search.js';
export { createIndexer } from './indexer.js';
export { checkSearchIndex, recordCount, reindex, searchLag } from './maintenance.js';
export type { DriftReport } from './maintenance.js';
export { normaliseText } from './normalise.js';
export { SearchInsightsService, subscribeSearchLog } from './search-log.js';
export type { SearchInsights } from './search-log.js';
export { SearchLogRepository } from './search-log.repository.js';
export { SearchRepository, searchIndexes } from './search.repository.js';
export { SearchService } from './search.service.js';
export type { SynonymSet, SynonymSetDoc } from './synonym-set.model.js';
export { SynonymRepository } from './synonyms.repository.js';
export { SynonymService } from './synonyms.service.js';
