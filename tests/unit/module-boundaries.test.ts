import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { lintTexts } from '../helpers/lint.js';

const RULE = 'channel-kb/module-boundaries';

// Linted as src/modules/search/search.service.ts (a file the TypeScript project knows): a service
// of the search module reaching into the articles and halls modules.
const PLANTED = [
  "import type { ArticleDoc } from '../articles/article.model.js';",
  "import { ArticleReader } from '../articles/article.reader.js';",
  "export { HallRepository } from '../halls/hall.repository.js';",
  "export const later = import('../channels/channels.service.js');",
  "import { ArticleRef } from '../articles/schema.js';",
  "import type { ArticleView } from '../articles/index.js';",
  "import { normaliseText } from './search-results.js';",
  'export type Doc = ArticleDoc | ArticleView;',
  'export { ArticleReader, ArticleRef, normaliseText };',
  '',
].join('\n');

describe('the lint rule keeping modules behind their surfaces', () => {
  it("fails imports of another module's internals, and of its GraphQL surface from a service", async () => {
    const [planted, asGraphql, realSearchGraphql] = await lintTexts(RULE, [
      { filePath: 'src/modules/search/search.service.ts', code: PLANTED },
      { filePath: 'src/modules/search/search.graphql.ts', code: PLANTED },
      {
        filePath: 'src/modules/search/search.graphql.ts',
        code: await readFile('src/modules/search/search.graphql.ts', 'utf8'),
      },
    ]);
    // Lines 1-4 reach internals; line 5 is the GraphQL surface, refused in a service; lines 6-7 are fine.
    expect(planted?.boundary.map((each) => each.line)).toEqual([1, 2, 3, 4, 5]);
    expect(planted?.boundary[0]?.message).toMatch(/internal to the module 'articles'/);
    // A GraphQL file may use another module's schema surface, never its internals.
    expect(asGraphql?.boundary.map((each) => each.line)).toEqual([1, 2, 3, 4]);
    expect(realSearchGraphql?.boundary).toEqual([]);
  }, 120_000);
});
