import type { OpenApp } from '../../src/app.js';
import { categoryPathOf } from '../../src/modules/articles/article.model.js';
import { expectData } from './graphql.js';
import type { TestServer } from './test-server.js';

/** Creates a category and any missing parents (names derived from the key unless given). */
export async function ensureCategory(
  app: OpenApp,
  key: string,
  name?: { 'zh-CN': string; en: string },
): Promise<void> {
  const path = categoryPathOf(key);
  for (const [index, each] of path.entries()) {
    const leaf = each.split('/').pop() ?? each;
    await app.services.articles.categories.updateOne(
      { key: each },
      {
        $setOnInsert: {
          key: each,
          parentKey: index === 0 ? null : (path[index - 1] ?? null),
          name: each === key && name ? name : { 'zh-CN': leaf, en: leaf },
          order: 0,
        },
      },
      { upsert: true },
    );
  }
}

export interface ArticleHandle {
  id: string;
  slug: string;
  version: number;
}

export interface ArticleOverrides {
  slug?: string;
  locale?: 'ZH_CN' | 'EN';
  title?: string;
  summary?: string;
  body?: string;
  category?: string;
  tags?: string[];
  errorCodes?: string[];
  audience?: 'PUBLIC' | 'INTERNAL';
  validFrom?: string | null;
  validTo?: string | null;
  related?: string[];
}

let counter = 0;

/** A unique slug for this test run. */
export function uniqueSlug(prefix = 'article'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

const HANDLE = 'id slug version';

/** Creates a draft through the API as an editor; the category (and its parents) is created first. */
export async function buildDraft(
  server: TestServer,
  overrides: ArticleOverrides = {},
): Promise<ArticleHandle> {
  const category = overrides.category ?? 'testing/general';
  await ensureCategory(server.app, category);
  const input = {
    slug: uniqueSlug(),
    title: '宽带测试文章',
    summary: '测试用摘要',
    body: '## 步骤\n\n1. 重启光猫\n2. 重新拨号\n',
    ...overrides,
    category,
  };
  const token = await server.tokenFor(['editor'], 'editor-factory');
  const data = expectData(
    await server.graphql<{ createArticle: { article: ArticleHandle } }>(
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { ${HANDLE} } } }`,
      { input },
      { token },
    ),
  );
  return data.createArticle.article;
}

/** Creates an article and takes it through review to PUBLISHED (editor submits, reviewer publishes). */
export async function buildPublished(
  server: TestServer,
  overrides: ArticleOverrides = {},
): Promise<ArticleHandle> {
  const draft = await buildDraft(server, overrides);
  const submitted = await submit(server, draft);
  return publish(server, submitted);
}

/** Submits as an editor. */
export async function submit(server: TestServer, article: ArticleHandle): Promise<ArticleHandle> {
  const token = await server.tokenFor(['editor'], 'editor-factory');
  const data = expectData(
    await server.graphql<{ submitArticleForReview: { article: ArticleHandle } }>(
      `mutation ($input: SubmitArticleForReviewInput!) { submitArticleForReview(input: $input) { article { ${HANDLE} } } }`,
      { input: { id: article.id, expectedVersion: article.version } },
      { token },
    ),
  );
  return data.submitArticleForReview.article;
}

/** Publishes as a reviewer who did not submit it. */
export async function publish(server: TestServer, article: ArticleHandle): Promise<ArticleHandle> {
  const token = await server.tokenFor(['reviewer'], 'reviewer-factory');
  const data = expectData(
    await server.graphql<{ publishArticle: { article: ArticleHandle } }>(
      `mutation ($input: PublishArticleInput!) { publishArticle(input: $input) { article { ${HANDLE} } } }`,
      { input: { id: article.id, expectedVersion: article.version } },
      { token },
    ),
  );
  return data.publishArticle.article;
}

/**
 * Saves `count` more changes to an article through the API as an editor (a summary numbered from
 * 1), so it gets one revision each; returns the article at its last version.
 */
export async function buildRevisions(
  server: TestServer,
  article: ArticleHandle,
  count: number,
): Promise<ArticleHandle> {
  const token = await server.tokenFor(['editor'], 'editor-factory');
  let current = article;
  for (let n = 1; n <= count; n += 1) {
    const data = expectData(
      await server.graphql<{ updateArticle: { article: ArticleHandle } }>(
        `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { ${HANDLE} } } }`,
        {
          input: {
            id: current.id,
            expectedVersion: current.version,
            summary: `修订 ${n}`,
            note: `修订 ${n}`,
          },
        },
        { token },
      ),
    );
    current = data.updateArticle.article;
  }
  return current;
}
