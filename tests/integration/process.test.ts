import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import { MongoClient } from 'mongodb';
import { deleteIndexesWithPrefix } from '../helpers/search.js';
import { testEndpoints } from '../helpers/env.js';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

const TSX = ['--import', 'tsx'];
/** What `npm start` runs: the service from its esbuild bundle (see dev/embedded/start.mjs). */
const NPM_START = ['dev/embedded/start.mjs'];
const START_MANIFEST = 'node_modules/.cache/channel-kb/start/manifest.json';

afterAll(async () => {
  // The processes wrote to databases and indexes of their own: remove them.
  const endpoints = testEndpoints();
  const client = new MongoClient(endpoints.mongoUri);
  try {
    for (const name of [`t_process_${process.pid}`, `t_cli_${process.pid}`])
      await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
  const meili = new Meilisearch({
    host: endpoints.meiliUrl,
    ...(endpoints.meiliApiKey ? { apiKey: endpoints.meiliApiKey } : {}),
  });
  await deleteIndexesWithPrefix(meili, `cli${process.pid}_`);
});

function serviceEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const endpoints = testEndpoints();
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    MONGODB_URI: endpoints.mongoUri,
    MONGODB_DB: `t_process_${process.pid}`,
    MEILI_URL: endpoints.meiliUrl,
    MEILI_API_KEY: endpoints.meiliApiKey ?? '',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    ...extra,
  };
}

/** Starts `npm start`'s entry point as its own process and resolves with its URL once it is ready. */
async function startService(): Promise<{
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
}> {
  const child = spawn(process.execPath, NPM_START, { env: serviceEnv() });
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${lines.join('\n')}`)), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}:\n${lines.join('\n')}`)));
  });
  return { child, url, lines };
}

describe('the service process', () => {
  it('finishes an in-flight request after SIGTERM, then exits 0', async () => {
    const { child, url, lines } = await startService();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ query: '{ viewer { id } }' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(
        `${url}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 500);
      }, 200);
    });

    const response = await answer;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { viewer: { id: 'public' } } });
    expect(await exited).toBe(0);
    expect(lines.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });

  it('serves the console and the public finder from the bundled service', async () => {
    const { child, url } = await startService();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      for (const page of ['/', '/finder']) {
        const response = await fetch(url + page);
        expect({ page, status: response.status }).toEqual({ page, status: 200 });
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(await response.text()).toContain('<div id="root">');
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to start on a bad variable, naming it', async () => {
    const child = spawn(process.execPath, NPM_START, { env: serviceEnv({ PORT: 'eighty' }) });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT: /);
  });
});

describe('npm start', () => {
  /** The build `npm start` would run now (bringing it up to date first), as its manifest names it. */
  async function currentBuild(): Promise<{ dir: string; inputs: Record<string, unknown> }> {
    const child = spawn(process.execPath, [...NPM_START, '--build'], { env: serviceEnv() });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(0);
    expect(stderr).toBe('');
    return JSON.parse(await readFile(START_MANIFEST, 'utf8')) as {
      dir: string;
      inputs: Record<string, unknown>;
    };
  }

  it('runs the service from a bundle that is rebuilt when a source file changed, and only then', async () => {
    const first = await currentBuild();
    // Everything the service runs is in it, the development launcher and the seed included.
    for (const file of ['src/main.ts', 'src/server.ts', 'seed/index.ts', 'dev/embedded/launcher.ts'])
      expect(Object.keys(first.inputs)).toContain(file);
    // Packages are bundled too: npm's record of node_modules stands for them.
    expect(Object.keys(first.inputs)).toContain('node_modules/.package-lock.json');
    expect((await currentBuild()).dir).toBe(first.dir);

    // A saved file (here: only its mtime moves) makes the next start rebuild.
    const file = 'seed/index.ts';
    const before = await stat(file);
    try {
      await utimes(file, before.atime, new Date(before.mtimeMs + 2000));
      const rebuilt = await currentBuild();
      expect(rebuilt.dir).not.toBe(first.dir);
      await stat(`node_modules/.cache/channel-kb/start/${rebuilt.dir}/src/main.mjs`);
    } finally {
      await utimes(file, before.atime, before.mtime);
    }
  });
});

/** Runs one of the package's CLIs as its own process, as `npm run` would. */
async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...TSX, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

describe('npm run seed, search:reindex and search:check', () => {
  it('seed the database, rebuild the index, and report pending work and then nothing left', async () => {
    const env = serviceEnv({
      MONGODB_DB: `t_cli_${process.pid}`,
      MEILI_INDEX_PREFIX: `cli${process.pid}_`,
      LOG_LEVEL: 'warn',
    });
    const seeded = await runCli(['src/cli/seed.ts'], env);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/articles: \d+ written/);

    // Freshly seeded articles wait for the indexer: pending, which is not drift.
    const pending = await runCli(['src/cli/search.ts', 'check'], env);
    expect(pending.code).toBe(0);
    expect(pending.stdout).toMatch(/cli\d+_articles: no drift \([1-9]\d* change\(s\) pending/);
    expect(pending.stdout).toMatch(/cli\d+_halls: no drift \([1-9]\d* change\(s\) pending/);

    const rebuilt = await runCli(['src/cli/search.ts', 'reindex'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilt cli\d+_articles: \d+ searchable of \d+ articles, swapped in/);
    expect(rebuilt.stdout).toMatch(/Rebuilt cli\d+_halls: \d+ searchable of \d+ halls, swapped in/);

    const checked = await runCli(['src/cli/search.ts', 'check'], env);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/cli\d+_articles: no drift \(0 change\(s\) pending/);
    expect(checked.stdout).toMatch(/cli\d+_halls: no drift \(0 change\(s\) pending/);
  }, 180_000);
});

describe('npm run import:halls', () => {
  it('dry-runs, then imports a CSV file with a per-row report, refusing a bad row by line', async () => {
    const env = serviceEnv({
      MONGODB_DB: `t_cli_${process.pid}`,
      MEILI_INDEX_PREFIX: `cli${process.pid}_`,
      LOG_LEVEL: 'warn',
    });
    const seeded = await runCli(['src/cli/seed.ts'], env);
    expect(seeded.code).toBe(0);
    const hours = '"mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00"';
    const header =
      'code,name,tier,operation,partner,area,regionCode,address,lat,lng,floorAreaM2,services,openingHours';
    const good = `HE-BD-T91,安新圈头乡营业厅,SMALL,SELF_OPERATED,,TOWNSHIP,130632101,河北省保定市安新县圈头乡1号,38.90,115.90,40,PAYMENT|BUSINESS_HANDLING,${hours}`;
    const bad = `HE-BD-T92,安新大王镇营业厅,FLAGSHIP,SELF_OPERATED,,TOWNSHIP,130632101,河北省保定市安新县大王镇2号,38.90,115.91,40,PAYMENT,${hours}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ckb-import-'));
    const file = path.join(dir, 'halls.csv');
    await writeFile(file, [header, good, bad].join('\n'));

    const refused = await runCli(['src/cli/import-halls.ts', file, '--dry-run'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/line 3 HE-BD-T92: rows\[1\]\.tier: /);
    expect(refused.stdout).toMatch(/dry run: 1 created, 0 updated, 0 unchanged, 1 invalid; nothing written/);

    const imported = await runCli(['src/cli/import-halls.ts', file, '--skip-invalid'], env);
    expect(imported.stdout).toMatch(/1 created, 0 updated, 0 unchanged, 1 invalid; written/);
    expect(imported.stderr).toMatch(/write\s+\[#+\] 1\/1/);
    const again = await runCli(['src/cli/import-halls.ts', file, '--skip-invalid'], env);
    expect(again.stdout).toMatch(/0 created, 0 updated, 1 unchanged, 1 invalid; written/);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('npm run token', () => {
  it('prints a token that the service accepts with the given subject and roles', async () => {
    const child = spawn(
      process.execPath,
      [...TSX, 'src/cli/token.ts', '--role', 'editor', '--role', 'reviewer', '--sub', 'alice'],
      {
        env: serviceEnv(),
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    const token = stdout.trim();

    const { child: service, url } = await startService();
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { id roles } }' }),
      });
      expect(await response.json()).toEqual({
        data: { viewer: { id: 'alice', roles: ['EDITOR', 'REVIEWER'] } },
      });
    } finally {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
  });

  it('refuses an unknown role', async () => {
    const child = spawn(process.execPath, [...TSX, 'src/cli/token.ts', '--role', 'superuser', '--sub', 'x'], {
      env: serviceEnv(),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/Unknown role\(s\): superuser/);
  });
});
