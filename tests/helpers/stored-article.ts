import { expectData } from './graphql.js';
import type { TestServer } from './test-server.js';

/** An article as the API stores it now (its working copy), as e2e tests check what a page did. */
export interface StoredArticle {
  status: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  publishedVersion: number | null;
  rejection: { reason: string; by: string } | null;
  related: Array<{ id: string; title: string }>;
  translations: Array<{ id: string; locale: string; title: string }>;
}

/** Reads article `id` through the API as an editor (who sees drafts and every status). */
export async function storedArticle(server: TestServer, id: string): Promise<StoredArticle> {
  const token = await server.tokenFor(['editor'], 'e2e-check');
  const data = expectData(
    await server.graphql<{ node: StoredArticle }>(
      `query ($id: ID!) { node(id: $id) { ... on Article {
        status version title summary body publishedVersion rejection { reason by }
        related { id title } translations { id locale title }
      } } }`,
      { id },
      { token },
    ),
  );
  return data.node;
}
