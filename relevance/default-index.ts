/**
 * The comparison: Meilisearch with its default settings over the same published articles (title,
 * summary, body as written, tags, error codes), queried with the same visibility rule. Only the
 * attributes the visibility filter needs are made filterable; nothing else is set.
 */
import type { Meilisearch } from 'meilisearch';
import type { Hit } from './metrics.js';
import type { RunAs } from './judgements.js';

export interface PublishedArticle {
  slug: string;
  locale: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  errorCodes: string[];
  audience: 'PUBLIC' | 'INTERNAL';
  validFrom: string | null;
  validTo: string | null;
}

const ARTICLES_PAGE = `query ($after: String) {
  articles(first: 100, after: $after, filter: { status: PUBLISHED }) {
    pageInfo { hasNextPage endCursor }
    nodes { slug locale title summary body tags errorCodes audience validFrom validTo }
  }
}`;

type Post = <T>(query: string, variables: Record<string, unknown>, token?: string) => Promise<T>;

/** Every published article (an editor reads them all, whatever their audience and window). */
export async function publishedArticles(post: Post, editorToken: string): Promise<PublishedArticle[]> {
  const all: PublishedArticle[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      articles: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: PublishedArticle[] };
    } = await post(ARTICLES_PAGE, { after }, editorToken);
    all.push(
      ...data.articles.nodes.map((node) => ({ ...node, locale: node.locale === 'EN' ? 'en' : 'zh-CN' })),
    );
    if (!data.articles.pageInfo.hasNextPage) return all;
    after = data.articles.pageInfo.endCursor;
  }
}

const FAR_FUTURE = 32_503_680_000; // 3000-01-01

function seconds(iso: string | null, otherwise: number): number {
  return iso ? Math.floor(Date.parse(iso) / 1000) : otherwise;
}

export interface DefaultIndex {
  search(queries: Array<{ query: string; as: RunAs }>, limit: number): Promise<Hit[][]>;
  drop(): Promise<void>;
}

/** Builds the default-settings index from the articles and waits until it is searchable. */
export async function buildDefaultIndex(
  meili: Meilisearch,
  uid: string,
  articles: PublishedArticle[],
): Promise<DefaultIndex> {
  const wait = { timeout: 600_000, interval: 100 };
  await meili.createIndex(uid, { primaryKey: 'id' }).waitTask(wait);
  // The one setting: without it the visibility rule cannot be applied.
  await meili.index(uid).updateFilterableAttributes(['audience', 'validFromTs', 'validToTs']).waitTask(wait);
  const documents = articles.map((article, i) => ({
    id: i,
    title: article.title,
    summary: article.summary,
    body: article.body,
    tags: article.tags,
    errorCodes: article.errorCodes,
    audience: article.audience,
    validFromTs: seconds(article.validFrom, 0),
    validToTs: seconds(article.validTo, FAR_FUTURE),
  }));
  const task = await meili.index(uid).addDocuments(documents).waitTask(wait);
  if (task.status !== 'succeeded') throw new Error(`the default index failed: ${JSON.stringify(task.error)}`);
  return {
    async search(queries, limit) {
      const now = Math.floor(Date.now() / 1000);
      const window = `validFromTs <= ${now} AND validToTs > ${now}`;
      const { results } = await meili.multiSearch({
        queries: queries.map(({ query, as }) => ({
          indexUid: uid,
          q: query,
          limit,
          attributesToRetrieve: ['id'],
          filter: as === 'public' ? `audience = PUBLIC AND ${window}` : window,
        })),
      });
      return results.map((result) =>
        result.hits.map((hit) => {
          const article = articles[Number(hit['id'])];
          if (!article) throw new Error(`the default index answered an unknown id ${String(hit['id'])}`);
          return { slug: article.slug, locale: article.locale };
        }),
      );
    },
    async drop() {
      await meili.deleteIndex(uid).waitTask(wait);
    },
  };
}
