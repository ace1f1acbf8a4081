import { ObjectId } from 'mongodb';
import type { Collection, Db, Filter, WithId } from 'mongodb';
import { isDuplicateKeyError } from '../../db/guards.js';
import type { CollectionIndexes } from '../../db/indexes.js';
import { keysetQuery } from '../../db/keyset.js';
import type { KeysetPage } from '../../db/keyset.js';
import type { ArticleCounters, ArticleDoc } from '../articles/index.js';
import { VIEW_WINDOW_MS } from './feedback.model.js';
import type { FlagDoc, FlagStatus, RatingDoc, UseChannel, UseDoc, ViewMarkDoc } from './feedback.model.js';

export const feedbackIndexes: CollectionIndexes[] = [
  { collection: 'article_ratings', indexes: [{ name: 'article_at', key: { articleId: 1, at: -1 } }] },
  {
    // One mark per (client, article, hour): kept two windows, then expired by MongoDB's TTL monitor.
    collection: 'article_view_marks',
    indexes: [
      { name: 'at_ttl', key: { at: 1 }, options: { expireAfterSeconds: (2 * VIEW_WINDOW_MS) / 1000 } },
    ],
  },
  {
    collection: 'article_uses',
    indexes: [
      { name: 'at', key: { at: -1 } },
      { name: 'channel_at', key: { channel: 1, at: -1 } },
    ],
  },
  {
    collection: 'article_flags',
    indexes: [
      { name: 'status_at', key: { status: 1, at: -1, _id: -1 } },
      { name: 'article_status', key: { articleId: 1, status: 1 } },
    ],
  },
];

/** MongoDB I/O for ratings, recorded uses and flags, and the counters they keep on articles. */
export class FeedbackRepository {
  readonly ratings: Collection<RatingDoc>;
  readonly uses: Collection<UseDoc>;
  readonly flags: Collection<FlagDoc>;
  readonly viewMarks: Collection<ViewMarkDoc>;
  private readonly articles: Collection<ArticleDoc>;

  constructor(db: Db) {
    this.ratings = db.collection<RatingDoc>('article_ratings');
    this.uses = db.collection<UseDoc>('article_uses');
    this.flags = db.collection<FlagDoc>('article_flags');
    this.viewMarks = db.collection<ViewMarkDoc>('article_view_marks');
    this.articles = db.collection<ArticleDoc>('articles');
  }

  /** Adds to an article's counters (counters are not content: the version does not move). */
  async bumpCounters(
    articleId: ObjectId,
    delta: Partial<Record<keyof ArticleCounters, number>>,
  ): Promise<void> {
    const inc = Object.fromEntries(Object.entries(delta).map(([key, value]) => [`counters.${key}`, value]));
    await this.articles.updateOne({ _id: articleId }, { $inc: inc });
  }

  /**
   * Stores a client's rating, replacing their earlier one in the same atomic write (an upsert by
   * the rating's deterministic `_id`). Returns the rating it replaced, or null for a first rating.
   */
  async replaceRating(rating: RatingDoc): Promise<WithId<RatingDoc> | null> {
    const { _id, ...fields } = rating;
    const write = () =>
      this.ratings.findOneAndUpdate({ _id }, { $set: fields }, { upsert: true, returnDocument: 'before' });
    try {
      return await write();
    } catch (error) {
      // Two first ratings raced and this insert lost: the other now exists, so replace it.
      if (isDuplicateKeyError(error)) return write();
      throw error;
    }
  }

  /** Claims the mark with this id; false when it exists already (the view was counted). */
  async claimViewMark(mark: ViewMarkDoc): Promise<boolean> {
    try {
      await this.viewMarks.insertOne(mark);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Records a use under a fresh id. */
  async insertUse(use: Omit<UseDoc, '_id'>): Promise<void> {
    await this.uses.insertOne({ _id: new ObjectId(), ...use });
  }

  /** Article ids by number of recorded uses since `since`, most used first. */
  async mostUsed(
    since: Date,
    channel: UseChannel | null,
    limit: number,
  ): Promise<Array<{ articleId: ObjectId; uses: number }>> {
    const match: Filter<UseDoc> = { at: { $gte: since }, ...(channel ? { channel } : {}) };
    const rows = await this.uses
      .aggregate<{ _id: ObjectId; uses: number }>([
        { $match: match },
        { $group: { _id: '$articleId', uses: { $sum: 1 } } },
        { $sort: { uses: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
    return rows.map((row) => ({ articleId: row._id, uses: row.uses }));
  }

  /** Stores a new flag under a fresh id and returns it. */
  async insertNewFlag(flag: Omit<FlagDoc, '_id'>): Promise<FlagDoc> {
    const doc: FlagDoc = { _id: new ObjectId(), ...flag };
    await this.flags.insertOne(doc);
    return doc;
  }

  /** One flag by its id (24 hex). */
  findFlag(id: string): Promise<WithId<FlagDoc> | null> {
    return this.flags.findOne({ _id: ObjectId.createFromHexString(id) });
  }

  /** The flags with these ids (24 hex), in any order (one query for a node batch). */
  findFlagsByIds(ids: readonly string[]): Promise<WithId<FlagDoc>[]> {
    return this.flags.find({ _id: { $in: ids.map((id) => ObjectId.createFromHexString(id)) } }).toArray();
  }

  /** A keyset page of the flags with `status`, newest first (at desc, _id desc). */
  findFlags(status: FlagStatus, page: KeysetPage): Promise<WithId<FlagDoc>[]> {
    const keyset = keysetQuery('at', true, page);
    return this.flags
      .find({ $and: [{ status }, keyset.filter] })
      .sort(keyset.sort)
      .limit(keyset.limit)
      .toArray();
  }

  countFlags(status: FlagStatus): Promise<number> {
    return this.flags.countDocuments({ status });
  }

  /** Resolves an open flag; returns null when it was not open (already resolved, or unknown). */
  resolveFlag(id: string, by: string, at: Date, resolution: string | null): Promise<WithId<FlagDoc> | null> {
    return this.flags.findOneAndUpdate(
      { _id: ObjectId.createFromHexString(id), status: 'OPEN' },
      { $set: { status: 'RESOLVED', resolvedBy: by, resolvedAt: at, resolution } },
      { returnDocument: 'after' },
    );
  }
}
