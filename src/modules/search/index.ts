/**
 * The search module's public surface (article search; hall search over the halls index): what the
 * app's wiring may use. Everything else in this folder is internal.
 */
export { HallSearch } from './hall-search.js';
export { SearchService } from './search.service.js';
export { PopularQueries } from './popular-queries.js';
export { SuggestService } from './suggest.js';
