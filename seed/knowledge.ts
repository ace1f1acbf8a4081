import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, WithId } from 'mongodb';
import type { AppDeps } from '../src/context.js';
import { categoryPathOf, contentFromInput } from '../src/modules/knowledge/index.js';
import type { ArticleContent, ArticleDoc, CategoryDoc, RevisionDoc } from '../src/modules/knowledge/index.js';
import { createArticleSchema } from '../src/modules/knowledge/index.js';
import { seedArticles } from './data/articles.js';
import type { SeedArticle } from './data/articles.js';
import { seedCategories } from './data/categories.js';
import type { Seeder } from './index.js';

const SEED_AUTHOR = 'seed';

/** Upserts the category tree by key; existing categories are left as editors made them. */
export const categorySeeder: Seeder = {
  name: 'categories',
  collection: 'categories',
  async run(app: AppDeps) {
    const operations: AnyBulkWriteOperation<CategoryDoc>[] = seedCategories.map((category) => {
      const path = categoryPathOf(category.key);
      return {
        updateOne: {
          filter: { key: category.key },
          update: {
            $setOnInsert: {
              _id: new ObjectId(),
              key: category.key,
              parentKey: path.length > 1 ? (path[path.length - 2] ?? null) : null,
              name: category.name,
              order: category.order,
            },
          },
          upsert: true,
        },
      };
    });
    const result = await app.services.articles.categories.bulkWrite(operations, { ordered: true });
    return { written: result.upsertedCount };
  },
};

/**
 * Loads the seed articles, validated by the same schema as `createArticle`. Idempotent: an
 * article is inserted (with its first revision) only when its slug and locale are new, so running
 * it again, or after editors changed seeded articles, changes nothing.
 */
export const articleSeeder: Seeder = {
  name: 'articles',
  collection: 'articles',
  async run(app: AppDeps) {
    const repo = app.services.articles;
    // The slugs are held like createArticle holds them, so concurrent seeding (two instances
    // starting on an empty database) cannot insert an article twice where unique indexes are not enforced.
    const written = await repo.withSlugsHeld(
      seedArticles,
      async () => {
        const key = (slug: string, locale: string) => `${locale}:${slug}`;
        const existing = await repo.articles
          .find(
            { slug: { $in: seedArticles.map((article) => article.slug) } },
            { projection: { slug: 1, locale: 1 } },
          )
          .toArray();
        const ids = new Map(existing.map((doc) => [key(doc.slug, doc.locale), doc._id]));
        for (const article of seedArticles) {
          if (!ids.has(key(article.slug, article.locale)))
            ids.set(key(article.slug, article.locale), new ObjectId());
        }

        // Seeded records carry the time they were written, like any other change (the index lag reads it).
        const seededAt = new Date();
        const docs = seedArticles.map((article) => toDoc(article, ids, key, seededAt));
        const operations: AnyBulkWriteOperation<ArticleDoc>[] = docs.map((doc) => ({
          updateOne: {
            filter: { slug: doc.slug, locale: doc.locale },
            update: { $setOnInsert: doc },
            upsert: true,
          },
        }));
        const result = await repo.articles.bulkWrite(operations, { ordered: true });
        const inserted = new Set(Object.values(result.upsertedIds).map((id) => String(id)));
        const revisions: AnyBulkWriteOperation<RevisionDoc>[] = docs
          .filter((doc) => inserted.has(doc._id.toHexString()))
          .map((doc) => ({
            updateOne: {
              filter: { articleId: doc._id, version: 1 },
              update: {
                $setOnInsert: {
                  _id: new ObjectId(),
                  articleId: doc._id,
                  version: 1,
                  action: 'create',
                  author: SEED_AUTHOR,
                  at: seededAt,
                  note: 'seed',
                  status: doc.status,
                  slug: doc.slug,
                  locale: doc.locale,
                  content: doc.current,
                },
              },
              upsert: true,
            },
          }));
        if (revisions.length > 0) await repo.revisions.bulkWrite(revisions, { ordered: false });
        if (revisions.length > 0) {
          await repo.articles.updateMany(
            { _id: { $in: docs.map((doc) => doc._id) }, revisionPending: true },
            { $set: { revisionPending: false } },
          );
        }
        return result;
      },
      { waitMs: 60_000 },
    );
    return { written: written.upsertedCount };
  },
};

function toDoc(
  article: SeedArticle,
  ids: Map<string, ObjectId>,
  key: (slug: string, locale: string) => string,
  seededAt: Date,
): WithId<ArticleDoc> {
  const parsed = createArticleSchema.safeParse({ ...article, related: [] });
  if (!parsed.success) {
    throw new Error(`seed article ${article.locale}:${article.slug} is invalid: ${parsed.error.message}`);
  }
  const input = parsed.data;
  const related = article.related.map((slug) => {
    const id = ids.get(key(slug, article.locale));
    if (!id) throw new Error(`seed article ${article.slug} relates to unknown ${article.locale}:${slug}`);
    return id;
  });
  const content: ArticleContent = contentFromInput(input, related);
  const wasPublished = article.status === 'PUBLISHED' || article.status === 'ARCHIVED';
  const id = ids.get(key(article.slug, article.locale));
  if (!id) throw new Error('unreachable: every seed article has an id');
  return {
    _id: id,
    slug: input.slug,
    locale: input.locale,
    status: article.status,
    version: 1,
    current: content,
    live: wasPublished ? content : null,
    liveVersion: wasPublished ? 1 : null,
    publishedAt: wasPublished ? seededAt : null,
    publishedBy: wasPublished ? SEED_AUTHOR : null,
    owner: article.owner,
    createdAt: seededAt,
    createdBy: SEED_AUTHOR,
    updatedAt: seededAt,
    updatedBy: SEED_AUTHOR,
    submittedAt: article.status === 'IN_REVIEW' ? seededAt : null,
    submittedBy: article.status === 'IN_REVIEW' ? article.owner : null,
    rejection: null,
    counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
    lastChange: { version: 1, action: 'create', author: SEED_AUTHOR, at: seededAt, note: 'seed' },
    revisionPending: true,
    searchPending: true,
    searchSyncedVersion: null,
  };
}
