import DataLoader from 'dataloader';
import type { ChannelDoc } from './channel.model.js';
import type { ChannelRepository } from './channel.repository.js';

/** The channels module's batching loaders for one request (one query per batch). */
export interface ChannelLoaders {
  /** The channels present in a hall (terminals and the like), by hall code. */
  channelsByHallCode: DataLoader<string, ChannelDoc[]>;
}

/** Builds fresh loaders for one request. */
export function createChannelLoaders(channels: ChannelRepository): ChannelLoaders {
  return {
    channelsByHallCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await channels.findPresentInHalls(codes);
      return codes.map((code) => docs.filter((doc) => doc.hallCodes.includes(code)));
    }),
  };
}
