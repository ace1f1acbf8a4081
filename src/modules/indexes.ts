import type { CollectionIndexes } from '../db/indexes.js';
import { keyClaimIndexes } from '../db/key-claims.js';
import { feedbackIndexes, knowledgeIndexes } from './knowledge/index.js';
import { searchIndexes } from './search/index.js';
import { channelsIndexes } from './channels/index.js';

/**
 * Every collection's index declarations, created at start-up. Each module declares its own
 * beside its repository and lists them here; `key_claims` holds the natural keys being written.
 */
export const allIndexes: readonly CollectionIndexes[] = [
  ...knowledgeIndexes,
  ...feedbackIndexes,
  ...searchIndexes,
  ...channelsIndexes,
  keyClaimIndexes,
];
