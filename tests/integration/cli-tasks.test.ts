/**
 * The command-line tasks as a user runs them (`npm run <task>`): each as its own process, through
 * tsx as the npm scripts run them. Every task has --help; a bad argument, an unreachable server or a
 * refused key ends as one readable line on stderr (no stack trace, no JSON) and a non-zero code.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { testEndpoints } from '../helpers/env.js';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Runs an npm script's command line (`tsx src/cli/x.ts args`) the way npm would, with `extra` appended. */
function runScript(script: string, extra: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const [runner, ...args] = script.split(' ');
  expect(runner).toBe('tsx');
  return run(process.execPath, ['--import', 'tsx', ...args, ...extra], env);
}

/** The environment of a user with a configured (or no) MongoDB and Meilisearch. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    MONGODB_DB: `t_cli_tasks_${process.pid}`,
    MEILI_INDEX_PREFIX: `clitasks${process.pid}_`,
    ...extra,
  };
}

const STACK_LINE = /^\s+at /m;

async function cliScripts(): Promise<Array<[string, string]>> {
  const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
  return Object.entries(manifest.scripts).filter(([, command]) => /^tsx src\/cli\//.test(command));
}

describe('every command-line task', () => {
  it('answers --help with its usage and what it does, on stdout, exit 0', async () => {
    const scripts = await cliScripts();
    // seed, import:halls, token, search:*, backup:*, schema:*: a new task without --help fails here.
    expect(scripts.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'seed',
        'import:halls',
        'token',
        'search:reindex',
        'search:check',
        'backup:export',
      ]),
    );
    for (const [name, command] of scripts) {
      const help = await runScript(command, ['--help'], userEnv());
      expect({ name, code: help.code, stderr: help.stderr }).toEqual({ name, code: 0, stderr: '' });
      expect(help.stdout).toMatch(/^Usage: npm run (-s )?[a-z:]+/);
      expect(help.stdout).toMatch(/Exit codes: 0 /);
      expect(help.stdout).toContain('--help');
    }
  }, 120_000);

  it('refuses an unknown option with the usage line, exit 2, and no stack trace', async () => {
    for (const [name, command] of await cliScripts()) {
      const refused = await runScript(command, ['--no-such-option'], userEnv());
      expect({ name, code: refused.code }).toEqual({ name, code: 2 });
      expect(refused.stderr).toMatch(/Unknown option '--no-such-option'/);
      expect(refused.stderr).toMatch(/^Usage: npm run/m);
      expect(refused.stderr).not.toMatch(STACK_LINE);
      expect(refused.stdout).toBe('');
    }
  }, 120_000);
});

describe('a task that cannot do its work', () => {
  it('says which server it could not reach, hiding the password, in one line, exit 1', async () => {
    const failed = await runScript(
      'tsx src/cli/search.ts reindex',
      [],
      userEnv({
        MONGODB_URI: 'mongodb://backup:s3cret-pass@127.0.0.1:1/?serverSelectionTimeoutMS=300',
        MEILI_URL: 'http://127.0.0.1:2',
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
      }),
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^search:reindex: cannot reach MongoDB at mongodb:\/\/backup:\*\*\*@127\.0\.0\.1:1\/.*Is it running, and is MONGODB_URI right\?$/,
      ),
    ]);
    expect(failed.stderr).not.toContain('s3cret-pass');
  }, 60_000);

  it('names Meilisearch when it is down, and the key when Meilisearch refuses it', async () => {
    const { mongoUri, meiliUrl } = testEndpoints();
    const down = await runScript(
      'tsx src/cli/search.ts reindex',
      [],
      userEnv({ MONGODB_URI: mongoUri, MEILI_URL: 'http://127.0.0.1:2', MEILI_API_KEY: 'x'.repeat(32) }),
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^search:reindex: cannot reach Meilisearch at http:\/\/127\.0\.0\.1:2: .*Is it running, and is MEILI_URL right\?$/m,
    );
    expect(down.stderr).not.toMatch(STACK_LINE);

    const refused = await runScript(
      'tsx src/cli/search.ts check',
      [],
      userEnv({ MONGODB_URI: mongoUri, MEILI_URL: meiliUrl, MEILI_API_KEY: 'not-the-key-0123456789' }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^search:check: Meilisearch at .* refused the key \(invalid_api_key\): check MEILI_API_KEY\.$/m,
    );
  }, 60_000);

  it('names the file it cannot read', async () => {
    const missing = await runScript('tsx src/cli/import-halls.ts', ['/nonexistent/halls.csv'], userEnv());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('import:halls: cannot read /nonexistent/halls.csv: ENOENT\n');
  });
});

describe('npm run -s token', () => {
  it('prints the token and nothing else, for scripts: TOKEN="$(npm run -s token -- ...)"', async () => {
    const printed = await run('npm', ['run', '-s', 'token', '--', '--role', 'agent', '--sub', 'script'], {
      ...userEnv(),
      // npm itself needs a home for its cache and config.
      HOME: process.env['HOME'] ?? '/tmp',
    });
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(printed.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const payload = JSON.parse(
      Buffer.from(printed.stdout.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { sub: string; roles: string[] };
    expect(payload).toMatchObject({ sub: 'script', roles: ['agent'] });
  }, 60_000);
});
