import { spawn } from 'node:child_process';

/** One text linted as if it were the file at `filePath` (a file the TypeScript project knows). */
export interface LintCase {
  filePath: string;
  code: string;
}

export interface LintResult {
  errorCount: number;
  boundary: Array<{ line: number; message: string }>;
}

// Runs ESLint's Node API with the project's own eslint.config.js in a child process (ESLint and
// typescript-eslint load once there, outside Jest's module registry), on texts given as files.
const LINT_SCRIPT = (rule: string): string => `
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
      .filter((m) => m.ruleId === ${JSON.stringify(rule)})
      .map((m) => ({ line: m.line, message: m.message })),
  });
}
process.stdout.write(JSON.stringify(out));
`;

/**
 * Lints texts as if they were the given files, with the project's own eslint.config.js, and returns
 * each one's error count and the messages of `rule`. @throws when ESLint itself fails.
 */
export async function lintTexts(rule: string, cases: LintCase[]): Promise<LintResult[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT(rule)], {
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
