import { ObjectId } from 'mongodb';
import type { Collection, Db, WithId } from 'mongodb';
import type { CollectionIndexes } from '../../db/indexes.js';
import { keysetQuery } from '../../db/keyset.js';
import type { KeysetPage } from '../../db/keyset.js';
import type { ArticleAction, ArticleDoc, RevisionDoc } from './article.model.js';

/** The index behind the review queue: articles in review, oldest submission first. */
export const reviewQueueIndexes: CollectionIndexes[] = [
  {
    collection: 'articles',
    indexes: [{ name: 'status_submitted', key: { status: 1, submittedAt: 1, _id: 1 } }],
  },
  {
    collection: 'article_revisions',
    // The four-eyes question for a page of the queue: what did this person write, per article.
    indexes: [{ name: 'author_article_version', key: { author: 1, articleId: 1, version: 1 } }],
  },
];

/** MongoDB I/O for the review queue. Knows nothing of callers or GraphQL. */
export class ReviewQueueRepository {
  private readonly articles: Collection<ArticleDoc>;
  private readonly revisions: Collection<RevisionDoc>;

  constructor(db: Db) {
    this.articles = db.collection<ArticleDoc>('articles');
    this.revisions = db.collection<RevisionDoc>('article_revisions');
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

  /**
   * Of `articles`, the ids (hex) of those where `author` wrote a revision with one of `actions`
   * after the article's `since` version: one query for a whole page.
   */
  async articlesAuthoredSince(
    articles: ReadonlyArray<{ id: ObjectId; since: number }>,
    author: string,
    actions: readonly ArticleAction[],
  ): Promise<Set<string>> {
    if (articles.length === 0) return new Set();
    const found = await this.revisions
      .find(
        {
          author,
          action: { $in: [...actions] },
          $or: articles.map(({ id, since }) => ({ articleId: id, version: { $gt: since } })),
        },
        { projection: { articleId: 1 } },
      )
      .toArray();
    return new Set(found.map((revision) => new ObjectId(revision.articleId).toHexString()));
  }
}
