/**
 * The regions module's public surface (the administrative region tree: province > city > county >
 * township): what other modules, the app's wiring and the seeders may use.
 */
export type { RegionDoc, RegionLevel } from './region.model.js';
export { RegionRepository, regionIndexes } from './region.repository.js';
export { RegionReader } from './region.reader.js';
export { createRegionLoaders } from './regions.loaders.js';
export type { RegionLoaders } from './regions.loaders.js';
