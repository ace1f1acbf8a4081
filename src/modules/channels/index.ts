/**
 * The channels module's public surface (the service-channel taxonomy and its channels; the service
 * kinds every channel and hall offers): what other modules, the app's wiring and the seeders may use.
 */
export { CHANNEL_TYPES, SERVICE_KINDS } from './channel.model.js';
export type { ChannelDoc, ChannelType, ServiceKind } from './channel.model.js';
export { ChannelRepository, channelIndexes } from './channel.repository.js';
export { channelInputSchema } from './channel.validation.js';
export type { ChannelInput } from './channel.validation.js';
export { ChannelsService, channelContentOf } from './channels.service.js';
export type { KnownHallCodes } from './channels.service.js';
export { createChannelLoaders } from './channels.loaders.js';
export type { ChannelLoaders } from './channels.loaders.js';
