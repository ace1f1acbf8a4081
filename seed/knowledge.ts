import type { AppDeps } from '../src/context.js';
import { categoryPathOf, contentFromInput } from '../src/modules/articles/index.js';
import type { ArticleContent, ArticleDoc } from '../src/modules/articles/index.js';
import { createArticleSchema } from '../src/modules/articles/index.js';
import { seedArticles } from './data/articles.js';
import type { SeedArticle } from './data/articles.js';
import { seedCategories } from './data/categories.js';
import type { Seeder } from './index.js';

const SEED_AUTHOR = 'seed';

/** Inserts the category tree by key (one bulk write); existing categories are left as editors made them. */
export const categorySeeder: Seeder = {
  name: 'categories',
  collection: 'categories',
  async run(app: AppDeps) {
    const written = await app.services.articles.insertCategoriesIfNew(
      seedCategories.map((category) => {
        const path = categoryPathOf(category.key);
        return {
          key: category.key,
          parentKey: path.length > 1 ? (path[path.length - 2] ?? null) : null,
          name: category.name,
          order: category.order,
        };
      }),
    );
    return { written };
  },
};

/**
 * Loads the seed articles, validated by the same schema as `createArticle`, through the article
 * repository in three bulk writes. Idempotent: an article is inserted (with its first revision)
 * only when its slug and locale are new, so running it again, or after editors changed seeded
 * articles, changes nothing.
 */
export const articleSeeder: Seeder = {
  name: 'articles',
  collection: 'articles',
  async run(app: AppDeps) {
    const repo = app.services.articles;
    // The slugs are held like createArticle holds them, so concurrent seeding (two instances
    // starting on an empty database) cannot insert an article twice where unique indexes are not enforced.
    const inserted = await repo.withSlugsHeld(
      seedArticles,
      async () => {
        const key = (slug: string, locale: string) => `${locale}:${slug}`;
        const existing = await repo.findIdsOfSlugs(seedArticles.map((article) => article.slug));
        const ids = new Map(existing.map((doc) => [key(doc.slug, doc.locale), doc._id]));
        for (const article of seedArticles) {
          if (!ids.has(key(article.slug, article.locale)))
            ids.set(key(article.slug, article.locale), repo.newArticleId());
        }

        // Seeded records carry the time they were written, like any other change (the index lag reads it).
        const seededAt = new Date();
        const docs = seedArticles.map((article) => toDoc(article, ids, key, seededAt));
        const created = await repo.insertIfSlugIsNew(docs);
        await repo.storeRevisions(created);
        return created;
      },
      { waitMs: 60_000 },
    );
    return { written: inserted.length };
  },
};

function toDoc(
  article: SeedArticle,
  ids: Map<string, ArticleDoc['_id']>,
  key: (slug: string, locale: string) => string,
  seededAt: Date,
): ArticleDoc {
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
