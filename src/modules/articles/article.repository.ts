import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, Filter, WithId } from 'mongodb';
import { updateVersioned } from '../../db/guards.js';
import type { CollectionIndexes } from '../../db/indexes.js';
import { keysetQuery } from '../../db/keyset.js';
import type { KeysetPage } from '../../db/keyset.js';
import { KeyClaims } from '../../db/key-claims.js';
import type { ArticleAction, ArticleDoc, ArticleId, CategoryDoc, RevisionDoc } from './article.model.js';
import { articleListFilter } from './article.list-query.js';
import { liveRevisionFilter } from './article.visibility.js';
import type { ArticleListQuery } from './article.list-query.js';

const byRecency = (prefix: Record<string, 1>) => ({ ...prefix, updatedAt: -1, _id: -1 }) as const;

/** Indexes behind every article filter and sort (readers filter `live.*`, editors `current.*`). */
export const articleIndexes: CollectionIndexes[] = [
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
      // The editors' "my work" lists: mine by status (drafts, in review, rejected), flagged, expiring.
      { name: 'owner_recency', key: byRecency({ owner: 1 }) },
      { name: 'owner_status_recency', key: byRecency({ owner: 1, status: 1 }) },
      { name: 'rejection_recency', key: byRecency({ 'rejection.at': 1 }) },
      { name: 'open_flags_recency', key: byRecency({ 'counters.openFlags': 1 }) },
      { name: 'current_valid_to_recency', key: byRecency({ 'current.validTo': 1 }) },
      { name: 'revision_pending', key: { revisionPending: 1 } },
      { name: 'search_pending', key: { searchPending: 1, updatedAt: 1 } },
    ],
  },
  {
    collection: 'article_revisions',
    indexes: [
      { name: 'article_version_unique', key: { articleId: 1, version: -1 }, options: { unique: true } },
      // The four-eyes question (`articlesAuthoredSince`): what did this person write, per article.
      { name: 'author_article_version', key: { author: 1, articleId: 1, version: 1 } },
    ],
  },
  {
    collection: 'categories',
    indexes: [{ name: 'key_unique', key: { key: 1 }, options: { unique: true } }],
  },
];

/** An article id as services pass it (hex) or as documents hold it. */
type AnyArticleId = ArticleId | ObjectId;

function toObjectId(id: AnyArticleId): ObjectId {
  return typeof id === 'string' ? ObjectId.createFromHexString(id) : id;
}

/** The revision that records an article's last saved change. */
function revisionOf(article: ArticleDoc): Omit<RevisionDoc, '_id'> {
  const change = article.lastChange;
  return {
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

  /** A fresh id for an article about to be inserted (seeding links new articles before inserting). */
  newArticleId(): ObjectId {
    return new ObjectId();
  }

  findById(id: AnyArticleId): Promise<WithId<ArticleDoc> | null> {
    return this.articles.findOne({ _id: toObjectId(id) });
  }

  /** One query for many ids (the DataLoader's batch); order is not guaranteed. */
  findByIds(ids: readonly AnyArticleId[]): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ _id: { $in: ids.map(toObjectId) } }).toArray();
  }

  findBySlug(slug: string, locale: string): Promise<WithId<ArticleDoc> | null> {
    return this.articles.findOne({ slug, locale: locale as ArticleDoc['locale'] });
  }

  /** Every locale of one slug (the article and its translations). */
  findAllLocalesOfSlugs(slugs: readonly string[]): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ slug: { $in: [...slugs] } }).toArray();
  }

  /** The ids, slugs and locales of the articles with these slugs (no content). */
  async findIdsOfSlugs(
    slugs: readonly string[],
  ): Promise<Array<Pick<ArticleDoc, '_id' | 'slug' | 'locale'>>> {
    return this.articles
      .find({ slug: { $in: [...slugs] } }, { projection: { _id: 1, slug: 1, locale: 1 } })
      .toArray();
  }

  /** A page of the list in recency order after `cursor`, fetching one extra to tell whether more follow. */
  findListPage(query: ArticleListQuery, page: KeysetPage): Promise<WithId<ArticleDoc>[]> {
    return this.findPage(articleListFilter(query), page);
  }

  /**
   * How many articles the list holds (all pages); with `limit`, the count stops after `limit`
   * (a real MongoDB and the emulator both stop reading there).
   */
  countList(query: ArticleListQuery, limit?: number): Promise<number> {
    return this.articles.countDocuments(articleListFilter(query), limit === undefined ? {} : { limit });
  }

  /** A keyset page in recency order (updatedAt desc, _id desc), read in the page's direction. */
  private findPage(filter: Filter<ArticleDoc>, page: KeysetPage): Promise<WithId<ArticleDoc>[]> {
    const keyset = keysetQuery('updatedAt', true, page);
    return this.articles
      .find({ $and: [filter, keyset.filter] })
      .sort(keyset.sort)
      .limit(keyset.limit)
      .toArray();
  }

  /** Inserts a new article under a fresh id and returns it. @throws the driver's duplicate-key error. */
  async insertNew(article: Omit<ArticleDoc, '_id'>): Promise<WithId<ArticleDoc>> {
    const doc: WithId<ArticleDoc> = { _id: new ObjectId(), ...article };
    await this.articles.insertOne(doc);
    return doc;
  }

  /**
   * Inserts those of `docs` whose slug and locale are new (one bulk write; existing ones are left
   * as they are) and returns the inserted ones.
   */
  async insertIfSlugIsNew(docs: readonly ArticleDoc[]): Promise<ArticleDoc[]> {
    if (docs.length === 0) return [];
    const operations: AnyBulkWriteOperation<ArticleDoc>[] = docs.map((doc) => ({
      updateOne: {
        filter: { slug: doc.slug, locale: doc.locale },
        update: { $setOnInsert: doc },
        upsert: true,
      },
    }));
    const result = await this.articles.bulkWrite(operations, { ordered: true });
    const inserted = new Set(Object.values(result.upsertedIds).map((id) => String(id)));
    return docs.filter((doc) => inserted.has(doc._id.toHexString()));
  }

  /**
   * Sets `fields` (and bumps the version) only while the article is at `expectedVersion`.
   * @throws NOT_FOUND, CONFLICT.
   */
  saveChangeAtVersion(
    id: AnyArticleId,
    expectedVersion: number,
    fields: Partial<ArticleDoc>,
  ): Promise<WithId<ArticleDoc>> {
    return updateVersioned(
      this.articles,
      { _id: toObjectId(id) },
      expectedVersion,
      { $set: fields },
      'Article',
    );
  }

  /** Writes the revision of the article's last change (idempotent) and clears its pending mark. */
  async storeRevision(article: ArticleDoc): Promise<void> {
    const revision = revisionOf(article);
    await this.revisions.updateOne(
      { articleId: article._id, version: revision.version },
      { $setOnInsert: { _id: new ObjectId(), ...revision } },
      { upsert: true },
    );
    await this.articles.updateOne(
      { _id: article._id, version: revision.version, revisionPending: true },
      { $set: { revisionPending: false } },
    );
  }

  /**
   * Published articles (a live revision, not archived) in `category` or below, or tagged with any
   * of `tags`, newest change first, at most `limit`: one query for a DataLoader batch of halls.
   * Each reader's own rule is applied by whoever reads them (ArticleReader.view).
   */
  findPublishedInCategoryOrTagged(
    category: string,
    tags: readonly string[],
    limit: number,
  ): Promise<WithId<ArticleDoc>[]> {
    return this.articles
      .find({
        $and: [
          liveRevisionFilter(),
          { $or: [{ 'live.categoryPath': category }, { 'live.tags': { $in: [...tags] } }] },
        ],
      })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }

  /** `storeRevision` for many articles in two writes (seeding). */
  async storeRevisions(articles: readonly ArticleDoc[]): Promise<void> {
    if (articles.length === 0) return;
    const operations: AnyBulkWriteOperation<RevisionDoc>[] = articles.map((article) => {
      const revision = revisionOf(article);
      return {
        updateOne: {
          filter: { articleId: article._id, version: revision.version },
          update: { $setOnInsert: { _id: new ObjectId(), ...revision } },
          upsert: true,
        },
      };
    });
    await this.revisions.bulkWrite(operations, { ordered: false });
    await this.articles.updateMany(
      { _id: { $in: articles.map((article) => article._id) }, revisionPending: true },
      { $set: { revisionPending: false } },
    );
  }

  /** Articles whose last revision was not stored (the process stopped between the two writes). */
  findWithPendingRevision(limit: number): Promise<WithId<ArticleDoc>[]> {
    return this.articles.find({ revisionPending: true }).limit(limit).toArray();
  }

  /** A keyset page of an article's revisions, newest first (backward pages read oldest first). */
  findRevisions(articleId: AnyArticleId, page: KeysetPage): Promise<RevisionDoc[]> {
    // An article's versions are unique, so the version alone bounds and orders the page: the
    // index article_version_unique serves filter and sort (no in-memory sort however long the history).
    const version: { $lt?: number; $gt?: number } = {};
    if (page.after) version.$lt = Number(page.after.value);
    if (page.before) version.$gt = Number(page.before.value);
    return this.revisions
      .find({ articleId: toObjectId(articleId), ...(page.after || page.before ? { version } : {}) })
      .sort({ version: page.backward ? 1 : -1 })
      .limit(page.size + 1)
      .toArray();
  }

  /** How many revisions an article has. */
  countRevisions(articleId: AnyArticleId): Promise<number> {
    return this.revisions.countDocuments({ articleId: toObjectId(articleId) });
  }

  /**
   * Of `articles`, the ids (hex) of those where `author` wrote a revision with one of `actions`
   * after the article's `since` version: one query for any number of articles (the four-eyes rule
   * asks it of one article when publishing, of a page of the review queue; index author_article_version).
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

  findRevision(articleId: AnyArticleId, version: number): Promise<RevisionDoc | null> {
    return this.revisions.findOne({ articleId: toObjectId(articleId), version });
  }

  allCategories(): Promise<CategoryDoc[]> {
    return this.categories.find({}).sort({ key: 1 }).toArray();
  }

  findCategory(key: string): Promise<CategoryDoc | null> {
    return this.categories.findOne({ key });
  }

  /** Inserts the categories whose key is new (one bulk write); existing ones stay as editors made them. Returns how many were inserted. */
  async insertCategoriesIfNew(categories: readonly Omit<CategoryDoc, '_id'>[]): Promise<number> {
    if (categories.length === 0) return 0;
    const operations: AnyBulkWriteOperation<CategoryDoc>[] = categories.map((category) => ({
      updateOne: {
        filter: { key: category.key },
        update: { $setOnInsert: { _id: new ObjectId(), ...category } },
        upsert: true,
      },
    }));
    const result = await this.categories.bulkWrite(operations, { ordered: true });
    return result.upsertedCount;
  }
}
