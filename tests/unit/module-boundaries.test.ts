import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { lintTexts } from '../helpers/lint.js';

const RULE = 'channel-kb/module-boundaries';

// Linted as src/modules/search/search.service.ts (a file the TypeScript project knows): a service
// of the search module reaching into the knowledge and channels modules.
const PLANTED = [
  "import type { ArticleDoc } from '../knowledge/article.model.js';",
  "import { KnowledgeService } from '../knowledge/knowledge.service.js';",
  "export { HallRepository } from '../channels/hall.repository.js';",
  "export const later = import('../channels/channels.service.js');",
  "import { ArticleRef } from '../knowledge/schema.js';",
  "import type { ArticleView } from '../knowledge/index.js';",
  "import { normaliseText } from './normalise.js';",
  'export type Doc = ArticleDoc | ArticleView;',
  'export { KnowledgeService, ArticleRef, normaliseText };',
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
    expect(planted?.boundary[0]?.message).toMatch(/internal to the module 'knowledge'/);
    // A GraphQL file may use another module's schema surface, never its internals.
    expect(asGraphql?.boundary.map((each) => each.line)).toEqual([1, 2, 3, 4]);
    expect(realSearchGraphql?.boundary).toEqual([]);
  }, 120_000);
});
