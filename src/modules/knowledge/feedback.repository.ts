import type { Collection, Db, Filter, ObjectId, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import type { ArticleCounters, ArticleDoc } from './article.model.js';
import type { FlagDoc, FlagStatus, RatingDoc, UseChannel, UseDoc } from './feedback.model.js';

export const feedbackIndexes: CollectionIndexes[] = [
  { collection: 'article_ratings', indexes: [{ name: 'article_at', key: { articleId: 1, at: -1 } }] },
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
  private readonly articles: Collection<ArticleDoc>;

  constructor(db: Db) {
    this.ratings = db.collection<RatingDoc>('article_ratings');
    this.uses = db.collection<UseDoc>('article_uses');
    this.flags = db.collection<FlagDoc>('article_flags');
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

  async insertRating(rating: RatingDoc): Promise<void> {
    await this.ratings.insertOne(rating);
  }

  async insertUse(use: UseDoc): Promise<void> {
    await this.uses.insertOne(use);
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

  async insertFlag(flag: FlagDoc): Promise<void> {
    await this.flags.insertOne(flag);
  }

  findFlag(id: ObjectId): Promise<WithId<FlagDoc> | null> {
    return this.flags.findOne({ _id: id });
  }

  /** Flags with `status`, newest first, after the keyset position (at, id). */
  findFlags(
    status: FlagStatus,
    after: { at: Date; id: ObjectId } | null,
    limit: number,
  ): Promise<WithId<FlagDoc>[]> {
    const keyset: Filter<FlagDoc> = after
      ? { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] }
      : {};
    return this.flags
      .find({ $and: [{ status }, keyset] })
      .sort({ at: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
  }

  countFlags(status: FlagStatus): Promise<number> {
    return this.flags.countDocuments({ status });
  }

  /** Resolves an open flag; returns null when it was not open (already resolved, or unknown). */
  resolveFlag(
    id: ObjectId,
    by: string,
    at: Date,
    resolution: string | null,
  ): Promise<WithId<FlagDoc> | null> {
    return this.flags.findOneAndUpdate(
      { _id: id, status: 'OPEN' },
      { $set: { status: 'RESOLVED', resolvedBy: by, resolvedAt: at, resolution } },
      { returnDocument: 'after' },
    );
  }
}
