/**
 * The channel directory's public surface (regions, halls, opening hours, channels, coverage,
 * import): what other modules, the app's wiring, the command-line tasks and the seeders may use.
 * Everything else in this folder is internal.
 */
export type { ChannelDoc } from './channel.model.js';
export { ChannelRepository } from './channel.repository.js';
export { createChannelServices } from './channel-services.js';
export type { ChannelServices } from './channel-services.js';
export { channelsIndexes } from './channels.indexes.js';
export { createChannelLoaders } from './channels.loaders.js';
export type { ChannelLoaders } from './channels.loaders.js';
export { ChannelsService, channelContentOf } from './channels.service.js';
export { CoverageService } from './coverage.service.js';
export { HallAdmin } from './hall-admin.service.js';
export type { HallFilter } from './hall-filter.js';
export { HallFinder } from './hall-finder.service.js';
export type { HallSearchPort } from './hall-finder.service.js';
export { HallImporter } from './hall-import.service.js';
export type { ImportProgress } from './hall-import.service.js';
export type { ImportFormat } from './hall-import.js';
export { buildHallDoc, newRecordId } from './hall-rules.js';
export { SERVICE_KINDS } from './hall.model.js';
export type {
  AccessibilityFeature,
  GeoPoint,
  HallArea,
  HallDoc,
  HallOperation,
  HallStatus,
  HallTier,
  OpeningHours,
  ServiceKind,
  SpecialDate,
  TimeInterval,
} from './hall.model.js';
export { HallRepository } from './hall.repository.js';
export { channelInputSchema, hallInputSchema } from './hall.validation.js';
export type { ChannelInput } from './hall.validation.js';
export type { RegionDoc, RegionLevel } from './region.model.js';
export { RegionRepository } from './region.repository.js';
