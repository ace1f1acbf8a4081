import { ObjectId } from 'mongodb';
import type { Collection, Db, Filter, UpdateFilter, WithId } from 'mongodb';
import { updateVersioned } from '../../db/guards.js';
import type { CollectionIndexes } from '../../db/indexes.js';
import { KeyClaims } from '../../db/key-claims.js';
import type { ArticleAction, ArticleDoc, CategoryDoc, RevisionDoc } from './article.model.js';

const byRecency = (prefix: Record<string, 1>) => ({ ...prefix, updatedAt: -1, _id: -1 }) as const;

/** Indexes behind every article filter and sort (readers filter `live.*`, editors `current.*`). */
export const knowledgeIndexes: CollectionIndexes[] = [
  {
    collection: 'articles',
    indexes: [
      { name: 'slug_locale_unique', key: { slug: 1, locale: 1 }, options: { unique: true } },
      { name: 'recency', key: { updatedAt: -1, _id: -1 } },
      { name: 'status_recency', key: byRecency({ status: 1 }) },
      { name: 'locale_recency', key: byRecency({ locale: 1 }) },
      { name: 'live_category_recency', key: byRecency({ 'live.categoryPath': 1 }) },
      { name: 'live_tags_recency', key: byRecency({ 'live.tags': 1 }) },
      { name: 'live_error_codes_recency', key: byRecency({ 'live.errorCodes': 1 }) },
      { name: 'current_category_recency', key: byRecency({ 'current.categoryPath': 1 }) },
      { name: 'current_tags_recency', key: byRecency({ 'current.tags': 1 }) },
      { name: 'current_error_codes_recency', key: byRecency({ 'current.errorCodes': 1 }) },
      { name: 'current_valid_to', key: { 'current.validTo': 1 } },
      { name: 'revision_pending', key: { revisionPending: 1 } },
      { name: 'search_pending', key: { searchPending: 1, updatedAt: 1 } },
    ],
  },
  {
    collection: 'article_revisions',
    indexes: [
      { name: 'article_version_unique', key: { articleId: 1, version: -1 }, options: { unique: true } },
    ],
  },
  {
    collection: 'categories',
    indexes: [{ name: 'key_unique', key: { key: 1 }, options: { unique: true } }],
  },
];

/** A keyset position in the (updatedAt desc, _id desc) order. */
export interface RecencyCursor {
  updatedAt: Date;
  id: ObjectId;
}

/** MongoDB I/O for articles, their revisions and categories. Knows nothing of callers or GraphQL. */
export class ArticleRepository {
  readonly articles: Collection<ArticleDoc>;
  readonly revisions: Collection<RevisionDoc>;
  readonly categories: Collection<CategoryDoc>;
  private readonly keys: KeyClaims;

  constructor(db: Db) {
    this.articles = db.collection<ArticleDoc>('articles');
    this.revisions = db.collection<RevisionDoc>('article_revisions');
    this.categories = db.collection<CategoryDoc>('categories');
    this.keys = new KeyClaims(db);
  }

  /**
   * Runs `work` while no other writer may create an article with one of these slug and locale
   * pairs (see db/key-claims.ts): check-then-insert is safe inside.
   * @throws KeysBusyError when a pair stays held by another writer for `waitMs`.
   */
  withSlugsHeld<T>(
    pairs: ReadonlyArray<{ slug: string; locale: string }>,
    work: () => Promise<T>,
    options: { waitMs?: number } = {},
  ): Promise<T> {
    return this.keys.hold(
      pairs.map(({ slug, locale }) => `article.slug:${locale}:${slug}`),
      work,
      options,
    );
  }

  findById(id: ObjectId): Promise<WithId<ArticleDoc> | null> {
    return this.articles.findOne({ _id: id });
  }

  /** One query for many ids (the DataLoader's batch); order is not guaranteed. */
  findByIds(ids: readonly ObjectId[]): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ _id: { $in: [...ids] } }).toArray();
  }

  findBySlug(slug: string, locale: string): Promise<WithId<ArticleDoc> | null> {
    return this.articles.findOne({ slug, locale: locale as ArticleDoc['locale'] });
  }

  /** Every locale of one slug (the article and its translations). */
  findAllLocalesOfSlugs(slugs: readonly string[]): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ slug: { $in: [...slugs] } }).toArray();
  }

  /** A page in recency order after `cursor`, fetching one extra to tell whether more follow. */
  findPage(
    filter: Filter<ArticleDoc>,
    after: RecencyCursor | null,
    limit: number,
  ): Promise<WithId<ArticleDoc>[]> {
    const keyset: Filter<ArticleDoc> = after
      ? {
          $or: [
            { updatedAt: { $lt: after.updatedAt } },
            { updatedAt: after.updatedAt, _id: { $lt: after.id } },
          ],
        }
      : {};
    return this.articles
      .find({ $and: [filter, keyset] })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
  }

  count(filter: Filter<ArticleDoc>): Promise<number> {
    return this.articles.countDocuments(filter);
  }

  async insert(doc: ArticleDoc): Promise<void> {
    await this.articles.insertOne(doc);
  }

  /** Applies `update` only at `expectedVersion` and bumps the version. @throws NOT_FOUND, CONFLICT. */
  updateAtVersion(
    id: ObjectId,
    expectedVersion: number,
    update: UpdateFilter<ArticleDoc>,
  ): Promise<WithId<ArticleDoc>> {
    return updateVersioned(this.articles, { _id: id }, expectedVersion, update, 'Article');
  }

  /** Writes the revision of the article's last change (idempotent) and clears its pending mark. */
  async storeRevision(article: ArticleDoc): Promise<void> {
    const change = article.lastChange;
    const revision: Omit<RevisionDoc, '_id'> = {
      articleId: article._id,
      version: change.version,
      action: change.action,
      author: change.author,
      at: change.at,
      note: change.note,
      status: article.status,
      slug: article.slug,
      locale: article.locale,
      content: article.current,
    };
    await this.revisions.updateOne(
      { articleId: article._id, version: change.version },
      { $setOnInsert: { _id: new ObjectId(), ...revision } },
      { upsert: true },
    );
    await this.articles.updateOne(
      { _id: article._id, version: change.version, revisionPending: true },
      { $set: { revisionPending: false } },
    );
  }

  /** Articles whose last revision was not stored (the process stopped between the two writes). */
  findWithPendingRevision(limit: number): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ revisionPending: true }).limit(limit).toArray();
  }

  /** Revisions newest first, below `beforeVersion` when given. */
  findRevisions(articleId: ObjectId, beforeVersion: number | null, limit: number): Promise<RevisionDoc[]> {
    return this.revisions
      .find({ articleId, ...(beforeVersion !== null ? { version: { $lt: beforeVersion } } : {}) })
      .sort({ version: -1 })
      .limit(limit + 1)
      .toArray();
  }

  /**
   * Whether `author` wrote any of the revisions after `afterVersion` with one of `actions` (the
   * four-eyes rule asks this of the reviewer about the revision under review).
   */
  async hasRevisionBy(
    articleId: ObjectId,
    afterVersion: number,
    author: string,
    actions: readonly ArticleAction[],
  ): Promise<boolean> {
    const found = await this.revisions.findOne(
      { articleId, version: { $gt: afterVersion }, author, action: { $in: [...actions] } },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  findRevision(articleId: ObjectId, version: number): Promise<RevisionDoc | null> {
    return this.revisions.findOne({ articleId, version });
  }

  allCategories(): Promise<CategoryDoc[]> {
    return this.categories.find({}).sort({ key: 1 }).toArray();
  }

  findCategory(key: string): Promise<CategoryDoc | null> {
    return this.categories.findOne({ key });
  }
}
