/** The search-log module's public surface (every search logged from its event; insights for editors). */
export { SearchLogRepository, searchLogIndexes, SEARCH_LOG_TTL_SECONDS } from './search-log.repository.js';
export { SearchInsightsService, subscribeSearchLog } from './search-log.service.js';
export type { SearchInsights } from './search-log.service.js';
export { SearchLogWriter } from './search-log.writer.js';
