/**
 * The generated development JWT secret is never written to the log: the service says where it is
 * kept (DATA_DIR/dev-jwt-secret), and the line is JSON when stdout is not a terminal.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import { MongoClient } from 'mongodb';
import { testEndpoints } from '../helpers/env.js';
import { deleteIndexesWithPrefix } from '../helpers/search.js';

const DB = `t_devsecret_${process.pid}`;
const PREFIX = `ds${process.pid}_`;
let dataDir: string | undefined;

afterAll(async () => {
  const endpoints = testEndpoints();
  const client = new MongoClient(endpoints.mongoUri);
  try {
    await client.db(DB).dropDatabase();
  } finally {
    await client.close();
  }
  const meili = new Meilisearch({
    host: endpoints.meiliUrl,
    ...(endpoints.meiliApiKey ? { apiKey: endpoints.meiliApiKey } : {}),
  });
  await deleteIndexesWithPrefix(meili, PREFIX);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the development secret', () => {
  it('is kept in DATA_DIR and named by its file in the log, never printed', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ckb-devsecret-'));
    const endpoints = testEndpoints();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        SEED_ON_START: 'false',
        MONGODB_URI: endpoints.mongoUri,
        MONGODB_DB: DB,
        MEILI_URL: endpoints.meiliUrl,
        MEILI_API_KEY: endpoints.meiliApiKey ?? '',
        MEILI_INDEX_PREFIX: PREFIX,
      },
    });
    const output: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line:\n${output.join('\n')}`)), 60_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          output.push(line);
          if (line.includes('channel-kb ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('\n')}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
    const secretFile = path.join(dataDir, 'dev-jwt-secret');
    const secret = (await readFile(secretFile, 'utf8')).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const text = output.join('\n');
    expect(text).not.toContain(secret);
    // JSON lines (stdout is a pipe, not a terminal); the warning names the file.
    const warning = output
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => String(line['msg']).includes('AUTH_JWT_SECRET is not set'));
    expect(warning).toMatchObject({ level: 'warn', secretFile });
    expect(String(warning?.['msg'])).toContain(secretFile);
  }, 90_000);
});
