import type { ObjectId } from 'mongodb';

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

export interface RatingDoc {
  _id: ObjectId;
  articleId: ObjectId;
  helpful: boolean;
  comment: string | null;
  /** The principal id ("public" for anonymous readers). */
  by: string;
  at: Date;
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
