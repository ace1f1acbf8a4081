import type { CollectionIndexes } from '../db/indexes.js';
import { keyClaimIndexes } from '../db/key-claims.js';
import { articleIndexes, reviewQueueIndexes } from './articles/index.js';
import { channelIndexes } from './channels/index.js';
import { feedbackIndexes } from './feedback/index.js';
import { hallIndexes } from './halls/index.js';
import { indexStateIndexes } from './indexing/index.js';
import { regionIndexes } from './regions/index.js';
import { searchLogIndexes } from './search-log/index.js';
import { synonymIndexes } from './synonyms/index.js';

/**
 * Every collection's index declarations, created at start-up. Each module declares its own
 * beside its repository and lists them here; `key_claims` holds the natural keys being written.
 */
export const allIndexes: readonly CollectionIndexes[] = [
  ...articleIndexes,
  ...reviewQueueIndexes,
  ...feedbackIndexes,
  regionIndexes,
  hallIndexes,
  channelIndexes,
  synonymIndexes,
  searchLogIndexes,
  indexStateIndexes,
  keyClaimIndexes,
];
