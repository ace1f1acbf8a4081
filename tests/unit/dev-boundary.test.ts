import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { lintTexts } from '../helpers/lint.js';

const RULE = 'channel-kb/no-dev-imports';

// The planted file names a production file, so typescript-eslint's project service has it.
const PLANTED = [
  "import { provideInfrastructure } from '../../dev/embedded/launcher.js';",
  "import type { EmbeddedMongo } from '../../dev/embedded/mongodb.js';",
  "export const processes = import('../../dev/embedded/processes.js');",
  "export const supervisor = new URL('../../dev/embedded/supervise.mjs', import.meta.url);",
  "export * from '../../dev/embedded/meilisearch.js';",
  "export const notDev = '../modules/dev/notes.md';",
  'export type Mongo = EmbeddedMongo;',
  'export { provideInfrastructure };',
  '',
].join('\n');

describe('the lint rule keeping production code out of dev/', () => {
  it('fails a src/ file that imports or names dev/, and lets the seam and the tests be', async () => {
    const seam = await readFile('src/infrastructure.ts', 'utf8');
    const [planted, realSeam, seamWithStaticImport, testHelper] = await lintTexts(RULE, [
      { filePath: 'src/cli/cli-app.ts', code: PLANTED },
      { filePath: 'src/infrastructure.ts', code: seam },
      {
        filePath: 'src/infrastructure.ts',
        code: `${seam}\nexport { provideInfrastructure as viaStaticImport } from '../dev/embedded/launcher.js';\n`,
      },
      { filePath: 'tests/helpers/env.ts', code: PLANTED },
    ]);

    // Static, type-only, dynamic and re-export imports, and a path string: lines 1-5, not line 6.
    expect(planted?.boundary.map((each) => each.line)).toEqual([1, 2, 3, 4, 5]);
    expect(planted?.errorCount).toBeGreaterThanOrEqual(5);
    expect(planted?.boundary[0]?.message).toMatch(/reach it only through src\/infrastructure\.ts/);

    // The seam may name the launcher's path (its run-time import), but not import dev/ statically.
    expect(realSeam?.boundary).toEqual([]);
    expect(seamWithStaticImport?.boundary).toHaveLength(1);

    // Tests and dev/ itself may use the embedded services directly.
    expect(testHelper?.boundary).toEqual([]);
  }, 120_000);
});
