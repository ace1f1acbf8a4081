import type { CollectionIndexes } from '../../db/indexes.js';
import { channelIndexes } from './channel.repository.js';
import { hallIndexes } from './hall.repository.js';
import { regionIndexes } from './region.repository.js';

/** The channel directory's collections and the indexes their queries rely on. */
export const channelsIndexes: CollectionIndexes[] = [regionIndexes, hallIndexes, channelIndexes];
