/**
 * The command-line tasks beside a running `npm start` with nothing configured: the server started
 * embedded MongoDB and Meilisearch under its DATA_DIR, and a task run with the same DATA_DIR works on
 * those (instead of failing on their taken data directories), so what it writes is what the server
 * serves. Starts a second set of embedded services of its own, in a temporary DATA_DIR.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

let dataDir: string;
let server: ChildProcessWithoutNullStreams | undefined;
let serverExited: Promise<number | null>;
let url: string;

/** The environment of `npm start` and of the tasks: no MONGODB_URI or MEILI_URL, one DATA_DIR. */
function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SEED_ON_START: 'false',
  };
}

function runTask(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: env() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function graphql(query: string): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ckb-cli-server-'));
  const child = spawn(process.execPath, ['dev/embedded/start.mjs'], { env: env() });
  server = child;
  serverExited = new Promise((resolve) => child.once('exit', resolve));
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${lines.join('\n')}`)),
      90_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void serverExited.then((code) =>
      reject(new Error(`the server exited with ${code}:\n${lines.join('\n')}`)),
    );
  });
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await serverExited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('a task run while npm start runs with embedded services', () => {
  it('uses the server’s MongoDB and Meilisearch: what it writes, the server serves', async () => {
    // The launcher records where its services are, for the tasks (owner-only: it holds the master key).
    const record = JSON.parse(await readFile(path.join(dataDir, 'embedded-services.json'), 'utf8')) as {
      ownerPid: number;
      mongoUri: string;
      meiliUrl: string;
    };
    expect(record.mongoUri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
    expect(record.meiliUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const seeded = await runTask(['src/cli/seed.ts', '--verbose']);
    expect(seeded.code).toBe(0);
    expect(seeded.stderr).toContain(
      `using the embedded services of the running server (pid ${record.ownerPid})`,
    );
    // Readable output, once: one line per seeder, no JSON log lines among them.
    const lines = seeded.stdout.trim().split('\n');
    expect(lines).toContain('halls: 331 written');
    expect(lines.every((line) => /^[a-z ]+: \d+ written$/.test(line))).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
    expect(seeded.stderr).not.toMatch(/^\{/m);

    const imported = await runTask(['src/cli/import-halls.ts', 'samples/halls.csv']);
    expect(imported.stdout).toBe('3 created, 0 updated, 0 unchanged, 0 invalid; written\n');
    expect(imported.code).toBe(0);

    // The running server answers from the database the tasks wrote to.
    expect(await graphql('{ hall(code: "HB-WH-S902") { name partner } }')).toEqual({
      data: { hall: { name: '武昌中南路示例合作厅', partner: '武汉示例通信有限公司' } },
    });

    const checked = await runTask(['src/cli/search.ts', 'check']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/^halls: no drift \(\d+ change\(s\) pending/m);
  }, 180_000);

  it('leaves no record behind once the server has stopped', async () => {
    server?.kill('SIGTERM');
    expect(await serverExited).toBe(0);
    await expect(access(path.join(dataDir, 'embedded-services.json'))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
