import { createHash } from 'node:crypto';
import { ObjectId } from 'mongodb';

export const USE_CHANNELS = [
  'HOTLINE',
  'HALL',
  'ONLINE_CHAT',
  'SOCIAL',
  'ACCOUNT_MANAGER',
  'WEB',
  'APP',
  'SMS',
  'OTHER',
] as const;
/** Where an agent used an answer. */
export type UseChannel = (typeof USE_CHANNELS)[number];

export const FLAG_REASONS = ['OUTDATED', 'WRONG_FEE', 'WRONG_STEPS', 'WRONG_REGION', 'OTHER'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** One client's rating of one article: its `_id` is `ratingId(client, articleId)`, so a client has one. */
export interface RatingDoc {
  _id: ObjectId;
  articleId: ObjectId;
  helpful: boolean;
  comment: string | null;
  /** The principal id ("public" for anonymous readers). */
  by: string;
  /** Who rated: `sub:<token subject>` or `ip:<keyed hash>` (never a raw address). */
  client: string;
  /** When the client last rated it. */
  at: Date;
}

/** Marks that a client's view of an article was counted in one window (expires by TTL). */
export interface ViewMarkDoc {
  _id: ObjectId;
  at: Date;
}

/** A view is counted at most once per client and article in a window this long. */
export const VIEW_WINDOW_MS = 60 * 60 * 1000;

/**
 * A deterministic ObjectId for a tuple of strings (sha256, first 12 bytes), so that "at most one
 * document per tuple" is an insert or upsert by `_id`: atomic on a real MongoDB and on the emulator.
 */
export function idFor(...parts: string[]): ObjectId {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return new ObjectId(digest.subarray(0, 12));
}

/** The id of `client`'s rating of an article. */
export function ratingId(client: string, articleId: ObjectId): ObjectId {
  return idFor('rating', client, articleId.toHexString());
}

/** The id of the mark that counts `client`'s view of an article in the window holding `at`. */
export function viewMarkId(client: string, articleId: ObjectId, at: Date): ObjectId {
  return idFor('view', client, articleId.toHexString(), String(Math.floor(at.getTime() / VIEW_WINDOW_MS)));
}

export interface UseDoc {
  _id: ObjectId;
  articleId: ObjectId;
  channel: UseChannel;
  by: string;
  at: Date;
}

export interface FlagDoc {
  _id: ObjectId;
  articleId: ObjectId;
  reason: FlagReason;
  comment: string | null;
  status: FlagStatus;
  by: string;
  at: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
}
