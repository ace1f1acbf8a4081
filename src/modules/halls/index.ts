/**
 * The halls module's public surface (business halls: reads, nearby, opening hours, admin changes,
 * import and export, `whereCanI`): what other modules, the app's wiring, the command-line tasks and
 * the seeders may use. Everything else in this folder is internal.
 */
export { HallAdmin } from './hall-admin.service.js';
export type { Bucket } from './hall-counts.js';
export type { HallFilter } from './hall-filter.js';
export { HallFinder } from './hall-finder.service.js';
export type { HallSearchPort } from './hall-finder.service.js';
export { HallImporter } from './hall-import.service.js';
export type { ImportProgress } from './hall-import.service.js';
export type { ImportFormat } from './hall-import.js';
export { buildHallDoc } from './hall-rules.js';
export { HALL_AREAS, HALL_OPERATIONS, HALL_TIERS } from './hall.model.js';
export type {
  AccessibilityFeature,
  GeoPoint,
  HallArea,
  HallDoc,
  HallOperation,
  HallStatus,
  HallTier,
  OpeningHours,
  SpecialDate,
  TimeInterval,
} from './hall.model.js';
export { HallRepository, hallIndexes } from './hall.repository.js';
export { hallInputSchema } from './hall.validation.js';
export { createHallLoaders } from './halls.loaders.js';
export type { HallLoaders } from './halls.loaders.js';
