import type { Collection, Db, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import { keysetQuery } from '../../db/keyset.js';
import type { KeysetPage } from '../../db/keyset.js';
import type { ArticleDoc } from './article.model.js';

/** The index behind the review queue: articles in review, oldest submission first. */
export const reviewQueueIndexes: CollectionIndexes[] = [
  {
    collection: 'articles',
    indexes: [{ name: 'status_submitted', key: { status: 1, submittedAt: 1, _id: 1 } }],
  },
];

/** MongoDB I/O for the review queue. Knows nothing of callers or GraphQL. */
export class ReviewQueueRepository {
  private readonly articles: Collection<ArticleDoc>;

  constructor(db: Db) {
    this.articles = db.collection<ArticleDoc>('articles');
  }

  /** A keyset page of the articles in review, oldest submission first (one extra read to tell whether more follow). */
  findInReviewPage(page: KeysetPage): Promise<WithId<ArticleDoc>[]> {
    const keyset = keysetQuery('submittedAt', false, page);
    return this.articles
      .find({ $and: [{ status: 'IN_REVIEW' }, keyset.filter] })
      .sort(keyset.sort)
      .limit(keyset.limit)
      .toArray();
  }

  /** How many articles wait for review. */
  countInReview(): Promise<number> {
    return this.articles.countDocuments({ status: 'IN_REVIEW' });
  }
}
