import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';

/** One text linted as if it were the file at `filePath` (a file the TypeScript project knows). */
interface LintCase {
  filePath: string;
  code: string;
}

interface LintResult {
  errorCount: number;
  boundary: Array<{ line: number; message: string }>;
}

const RULE = 'channel-kb/no-dev-imports';

// Runs ESLint's Node API with the project's own eslint.config.js in a child process (ESLint and
// typescript-eslint load once there, outside Jest's module registry), on texts given as files.
const LINT_SCRIPT = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push({
    errorCount: result.errorCount,
    boundary: result.messages
      .filter((m) => m.ruleId === ${JSON.stringify(RULE)})
      .map((m) => ({ line: m.line, message: m.message })),
  });
}
process.stdout.write(JSON.stringify(out));
`;

async function lintTexts(cases: LintCase[]): Promise<LintResult[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify(cases));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`eslint exited with ${String(code)}: ${stderr}`);
  return JSON.parse(stdout) as LintResult[];
}

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
    const [planted, realSeam, seamWithStaticImport, testHelper] = await lintTexts([
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
