/**
 * The deployment files, checked where no Docker engine or GitHub runner exists: docker-compose.yml
 * and .github/workflows/ci.yml against their published JSON schemas (vendored, see
 * tests/fixtures/schemas/README.md), what they promise (authentication, a replica set, a required
 * master key, a restricted Meilisearch key, no demo data unless asked, a loopback port), the
 * compose file's Meilisearch key script run for real against the test Meilisearch (the service
 * then does its work with that key alone), and the Dockerfile's essentials read from the file.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { Meilisearch } from 'meilisearch';
import { MongoClient } from 'mongodb';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { testEndpoints } from '../helpers/env.js';
import { deleteIndexesWithPrefix } from '../helpers/search.js';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

const SCHEMAS = {
  compose: {
    file: 'tests/fixtures/schemas/compose-spec.json',
    sha256: '1f91e091f16b2dd50ab8860e02bb391d22df553d91c145eacedb1b6eff9c3f0e',
  },
  workflow: {
    file: 'tests/fixtures/schemas/github-workflow.json',
    sha256: '7a952fdb7c1b130732e40ccea9db9bced906c1198e97834f8a49ae3b411f3161',
  },
} as const;

/** What a user puts in .env for `docker compose up` (the four required secrets). */
const DOTENV = {
  AUTH_JWT_SECRET: 'Zx8q3Lr0Vt6bN1mK5pW9sD2fG7hJ4kA0cE6uY3iO8rT1',
  MEILI_MASTER_KEY: '4f1c9a7e2b6d8f03a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1',
  MONGO_ROOT_PASSWORD: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f',
  MONGO_APP_PASSWORD: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978',
};

type Json = Record<string, unknown>;

/**
 * Compose's interpolation: `$$` is a literal `$`; `${VAR}`, `${VAR:-default}` and `${VAR:?message}`
 * (refused, naming VAR, when unset or empty), applied to every string of the parsed file.
 * @throws like `docker compose` does when a required variable is missing.
 */
function interpolate(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)((?:[^{}]|\{[^{}]*\})*))?\}/g,
      (match, name: string | undefined, operator: string | undefined, operand: string | undefined) => {
        if (match === '$$' || name === undefined) return '$';
        const current = env[name];
        if (current !== undefined && current !== '') return current;
        if (operator === ':?')
          throw new Error(`required variable ${name} is missing a value: ${operand ?? ''}`);
        return operator === ':-' ? String(interpolate(operand ?? '', env)) : '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((each) => interpolate(each, env));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, interpolate(each, env)]));
  }
  return value;
}

async function loadCompose(env: Record<string, string> = DOTENV): Promise<Json> {
  const parsed = parseYaml(await readFile('docker-compose.yml', 'utf8'), { merge: true }) as unknown;
  return interpolate(parsed, env) as Json;
}

function service(compose: Json, name: string): Json {
  const services = compose['services'] as Record<string, Json>;
  const found = services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

async function schemaValidator(which: keyof typeof SCHEMAS) {
  const text = await readFile(SCHEMAS[which].file, 'utf8');
  const schema = JSON.parse(text) as Json;
  // Both are draft-07; Ajv knows that meta-schema under its own id, not every spelling of it.
  delete schema['$schema'];
  const ajv = new Ajv({ allErrors: true, strict: false });
  return { validate: ajv.compile(schema), sha256: createHash('sha256').update(text).digest('hex') };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the vendored schemas', () => {
  it('are the published files, byte for byte', async () => {
    for (const which of ['compose', 'workflow'] as const) {
      expect((await schemaValidator(which)).sha256).toBe(SCHEMAS[which].sha256);
    }
  });
});

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema, with and without the demo profile’s settings', async () => {
    const { validate } = await schemaValidator('compose');
    for (const env of [
      DOTENV,
      { ...DOTENV, API_BIND: '0.0.0.0', SEED_ON_START: 'true', WITH_GRAPHIQL: 'true' },
    ]) {
      const valid = validate(await loadCompose(env));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    // The schema does catch mistakes: a port given as a number where a mapping is wanted, say.
    const broken = await loadCompose();
    (service(broken, 'api')['ports'] as unknown[]).push({ published: 'eighty' });
    service(broken, 'api')['restart'] = 'sometimes-maybe';
    delete service(broken, 'mongo')['image'];
    service(broken, 'mongo')['healthcheck'] = { test: 42 };
    expect(validate(broken)).toBe(false);
  });

  it('refuses to start without each secret, naming it', async () => {
    for (const name of Object.keys(DOTENV)) {
      const env: Record<string, string> = { ...DOTENV };
      delete env[name];
      await expect(loadCompose(env)).rejects.toThrow(new RegExp(`required variable ${name} is missing`));
      await expect(loadCompose({ ...env, [name]: '' })).rejects.toThrow(
        new RegExp(`required variable ${name}`),
      );
    }
  });

  it('runs MongoDB with authentication as a replica set, and the service as its own user', async () => {
    const compose = await loadCompose();
    const mongo = service(compose, 'mongo');
    expect(mongo['command']).toEqual([
      '--replSet',
      'rs0',
      '--keyFile',
      '/keyfile/mongo.key',
      '--bind_ip_all',
    ]);
    expect(mongo['environment']).toMatchObject({
      MONGO_INITDB_ROOT_USERNAME: 'root',
      MONGO_INITDB_ROOT_PASSWORD: DOTENV.MONGO_ROOT_PASSWORD,
    });
    expect(mongo['ports']).toBeUndefined();

    // mongo-init: valid JavaScript for mongosh, initiating rs0 and a readWrite user; passwords from env.
    const init = service(compose, 'mongo-init');
    const args = init['command'] as string[];
    const script = args[args.indexOf('--eval') + 1] ?? '';
    expect(() => new vm.Script(script)).not.toThrow();
    expect(script).toMatch(
      /rs\.initiate\(\{ _id: 'rs0', members: \[\{ _id: 0, host: 'mongo:27017' \}\] \}\)/,
    );
    expect(script).toMatch(/role: 'readWrite', db: dbName/);
    expect(args.join(' ')).not.toContain(DOTENV.MONGO_ROOT_PASSWORD);

    // The service connects as channel_kb to the replica set, never as root, and its settings load.
    const api = service(compose, 'api');
    const environment = api['environment'] as Record<string, string>;
    const uri = new URL(environment['MONGODB_URI'] ?? '');
    expect(uri.username).toBe('channel_kb');
    expect(uri.password).toBe(DOTENV.MONGO_APP_PASSWORD);
    expect(uri.searchParams.get('replicaSet')).toBe('rs0');
    expect(uri.searchParams.get('authSource')).toBe('channel_kb');
    expect(JSON.stringify(environment)).not.toContain(DOTENV.MONGO_ROOT_PASSWORD);
    const config = loadConfig({ ...environment, MEILI_API_KEY: 'the key meili-init writes' });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      seedOnStart: false,
      mongo: { dbName: 'channel_kb' },
    });
    expect(api['depends_on']).toMatchObject({
      'mongo-init': { condition: 'service_completed_successfully' },
      'meili-init': { condition: 'service_completed_successfully' },
    });
  });

  it('gives the service a Meilisearch key of its own, never the master key', async () => {
    const compose = await loadCompose();
    expect(service(compose, 'meilisearch')['environment']).toMatchObject({
      MEILI_MASTER_KEY: DOTENV.MEILI_MASTER_KEY,
      MEILI_ENV: 'production',
    });
    for (const name of ['api', 'seed']) {
      const each = service(compose, name);
      expect(JSON.stringify(each)).not.toContain(DOTENV.MEILI_MASTER_KEY);
      expect(each['entrypoint']).toEqual([
        'sh',
        '-c',
        expect.stringContaining('cat /run/meili-key/api-key'),
        'with-meili-key',
      ]);
      expect(each['volumes']).toEqual(['meili-key:/run/meili-key:ro']);
    }
  });

  it('seeds demo data only when asked, and publishes the API on loopback unless configured', async () => {
    const compose = await loadCompose();
    const api = service(compose, 'api');
    expect((api['environment'] as Record<string, string>)['SEED_ON_START']).toBe('false');
    expect(service(compose, 'seed')['profiles']).toEqual(['demo']);
    expect(service(compose, 'seed')['command']).toEqual(['node', 'dist/src/cli/seed.js']);
    expect(api['ports']).toEqual(['127.0.0.1:4000:4000']);
    expect(
      service(await loadCompose({ ...DOTENV, API_BIND: '0.0.0.0', API_PORT: '8080' }), 'api')['ports'],
    ).toEqual(['0.0.0.0:8080:4000']);
    for (const name of ['mongo', 'meilisearch', 'mongo-init', 'meili-init']) {
      expect({ name, ports: service(compose, name)['ports'] }).toEqual({ name, ports: undefined });
    }
  });
});

describe('meili-init (the compose file’s key script, run against the test Meilisearch)', () => {
  const prefix = `dk${process.pid}_`;
  const dbName = `t_deploy_key_${process.pid}`;
  let keyDir: string | undefined;
  let keyUid: string | undefined;

  function master(): Meilisearch {
    const { meiliUrl, meiliApiKey } = testEndpoints();
    return new Meilisearch({ host: meiliUrl, ...(meiliApiKey ? { apiKey: meiliApiKey } : {}) });
  }

  afterAll(async () => {
    if (keyUid)
      await master()
        .deleteKey(keyUid)
        .catch(() => undefined);
    await deleteIndexesWithPrefix(master(), prefix);
    const client = new MongoClient(testEndpoints().mongoUri);
    await client
      .db(dbName)
      .dropDatabase()
      .finally(() => client.close());
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('creates a key limited to the service’s actions, with which the service does all its work', async () => {
    const { meiliUrl, meiliApiKey, mongoUri } = testEndpoints();
    if (!meiliApiKey) throw new Error('the test Meilisearch has no master key: meili-init needs one');
    const init = service(await loadCompose({ ...DOTENV, MEILI_INDEX_PREFIX: prefix }), 'meili-init');
    const [shell, ...shellArgs] = init['entrypoint'] as string[];
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'ckb-meili-key-'));
    const keyFile = path.join(keyDir, 'api-key');
    const environment = init['environment'] as Record<string, string>;
    keyUid = environment['MEILI_API_KEY_UID'];
    const runInit = () =>
      run(shell ?? 'sh', shellArgs, {
        PATH: process.env['PATH'],
        ...environment,
        // Where the test's Meilisearch is, instead of the compose network's.
        MEILI_URL: meiliUrl,
        MEILI_MASTER_KEY: meiliApiKey,
        MEILI_API_KEY_FILE: keyFile,
      });

    const first = await runInit();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`meili-init: key ${keyUid} ready\n`);
    const key = await readFile(keyFile, 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(meiliApiKey);
    // Idempotent: run again (every `docker compose up`), the same key, still restricted.
    expect((await runInit()).code).toBe(0);
    expect(await readFile(keyFile, 'utf8')).toBe(key);
    const stored = await master().getKey(keyUid ?? '');
    expect(stored.indexes).toEqual(['*']);
    expect([...stored.actions].sort()).toEqual(
      (JSON.parse(environment['MEILI_API_KEY_ACTIONS'] ?? '[]') as string[]).sort(),
    );

    // The service with that key alone: seed, rebuild both indexes (create, settings, documents,
    // swap, delete, tasks), compare them (documents.get), search.
    const taskEnv = {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      MONGODB_URI: mongoUri,
      MONGODB_DB: dbName,
      MEILI_URL: meiliUrl,
      MEILI_API_KEY: key,
      MEILI_INDEX_PREFIX: prefix,
    };
    expect((await run(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], taskEnv)).code).toBe(0);
    const rebuilt = await run(process.execPath, ['--import', 'tsx', 'src/cli/search.ts', 'reindex'], taskEnv);
    expect(rebuilt.stderr).not.toMatch(/^search:reindex: /m);
    expect(rebuilt.code).toBe(0);
    const checked = await run(process.execPath, ['--import', 'tsx', 'src/cli/search.ts', 'check'], taskEnv);
    expect(checked.stdout).toMatch(new RegExp(`^${prefix}halls: no drift \\(0 change\\(s\\) pending`, 'm'));
    const restricted = new Meilisearch({ host: meiliUrl, apiKey: key });
    const hits = await restricted.index(`${prefix}halls`).search('江汉路旗舰营业厅', { limit: 3 });
    expect(hits.hits.length).toBeGreaterThan(0);

    // And nothing more: no key management (it cannot make itself a better key), no dumps.
    await expect(restricted.getKeys()).rejects.toThrow(/is invalid|not allowed|authoriz/i);
    await expect(restricted.createDump()).rejects.toThrow(/is invalid|not allowed|authoriz/i);
  }, 240_000);
});

describe('Dockerfile', () => {
  async function dockerfile(): Promise<string> {
    return readFile('Dockerfile', 'utf8');
  }

  it('builds on a Node LTS pinned by digest, the version package.json and CI name', async () => {
    const text = await dockerfile();
    const image = /^ARG NODE_IMAGE=(node:(\d+)\.(\d+)\.(\d+)-bookworm-slim@sha256:[0-9a-f]{64})$/m.exec(text);
    expect(image).not.toBeNull();
    const major = Number(image?.[2]);
    expect([22, 24]).toContain(major);
    // Every stage starts from that image.
    const froms = [...text.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(froms).toEqual(['${NODE_IMAGE}', '${NODE_IMAGE}', '${NODE_IMAGE}']);
    // engines admits it (">=MAJOR.MINOR").
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { engines: { node: string } };
    const engines = /^>=(\d+)\.(\d+)$/.exec(manifest.engines.node);
    expect(engines).not.toBeNull();
    expect(major * 1000 + Number(image?.[3])).toBeGreaterThanOrEqual(
      Number(engines?.[1]) * 1000 + Number(engines?.[2]),
    );
    // The CI's Node is the image's.
    const workflow = parseYaml(await readFile('.github/workflows/ci.yml', 'utf8')) as Json;
    const jobs = workflow['jobs'] as Record<string, Json>;
    expect(JSON.stringify(jobs['real-servers'])).toContain(`"node-version":${major}`);
    expect(jobs['debian']?.['container']).toBe(`node:${major}-bookworm`);
  });

  it('runs the compiled entry point as the unprivileged node user, with a health check on /readyz', async () => {
    const text = await dockerfile();
    const runtime = text.slice(text.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
    expect(runtime).toMatch(/^USER node$/m);
    // No later USER switches back to root.
    expect(runtime.match(/^USER .*$/gm)).toEqual(['USER node']);
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD \["node", "-e", ".*\/readyz/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
    expect(runtime).not.toMatch(/tsx/);
    // dist/src/main.js is what the build makes of src/main.ts: tsc into dist/, keeping src/ and seed/.
    const build = JSON.parse(await readFile('tsconfig.build.json', 'utf8')) as { include: string[] };
    const base = JSON.parse(await readFile('tsconfig.json', 'utf8')) as {
      compilerOptions: { outDir: string };
    };
    expect(base.compilerOptions.outDir.replace(/^\.\//, '')).toBe('dist');
    expect(build.include).toEqual(['src', 'seed']);
    expect(existsSync('src/main.ts')).toBe(true);
    // The compose file's tasks name compiled CLIs that exist as sources.
    expect(existsSync('src/cli/seed.ts')).toBe(true);
  });

  it('installs production dependencies only, and GraphiQL’s bundle only when asked', async () => {
    const text = await dockerfile();
    const deps = text.slice(text.indexOf('AS deps'), text.indexOf('AS runtime'));
    expect(deps).toMatch(/^ARG WITH_GRAPHIQL=false$/m);
    for (const install of deps.match(/npm (ci|install) [^;\\]*/g) ?? []) {
      expect(install).toMatch(/--omit=dev --omit=optional --workspaces=false --ignore-scripts/);
    }
    // The packages the GraphiQL page serves (src/http/graphiql.ts) are the ones dropped.
    const graphiql = await readFile('src/http/graphiql.ts', 'utf8');
    const served = [...graphiql.matchAll(/packageDir\('([^']+)'\)/g)].map((match) => match[1]).sort();
    expect(served).toEqual(['graphiql', 'react', 'react-dom']);
    expect(deps).toContain(`npm pkg delete ${served.map((name) => `dependencies.${name}`).join(' ')}`);
    // dev/ (the embedded services) never reaches the build context.
    expect((await readFile('.dockerignore', 'utf8')).split('\n')).toEqual(
      expect.arrayContaining(['dev', 'tests', '.env']),
    );
  });
});

describe('.github/workflows/ci.yml', () => {
  it('is a valid GitHub Actions workflow (SchemaStore’s schema)', async () => {
    const { validate } = await schemaValidator('workflow');
    const workflow = parseYaml(await readFile('.github/workflows/ci.yml', 'utf8')) as Json;
    const valid = validate(workflow);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const broken = structuredClone(workflow);
    (broken['jobs'] as Record<string, Json>)['real-servers'] = { steps: [{ run: 'npm test' }] };
    expect(validate(broken)).toBe(false);
  });

  it('runs check and the tests on MongoDB 8 as a replica set and Meilisearch v1.21, and .ci/run on Debian', async () => {
    const workflow = parseYaml(await readFile('.github/workflows/ci.yml', 'utf8')) as Json;
    const jobs = workflow['jobs'] as Record<string, Json>;
    const real = jobs['real-servers'] ?? {};
    const runs = (real['steps'] as Array<{ run?: string }>).flatMap((step) => (step.run ? [step.run] : []));
    expect(runs).toEqual(
      expect.arrayContaining([
        'npm ci --no-audit --no-fund',
        'npm run check',
        expect.stringMatching(/^npm test\b/),
        expect.stringContaining('docker run -d --name mongo -p 27017:27017 mongo:8 --replSet rs0'),
      ]),
    );
    expect(runs.join('\n')).toContain('rs.initiate(');
    const services = real['services'] as Record<string, { image: string }>;
    expect(services['meilisearch']?.image).toBe('getmeili/meilisearch:v1.21');
    // The variables the tests' global setup reads to use these servers instead of embedded ones.
    const setup = await readFile('tests/helpers/global-setup.mjs', 'utf8');
    for (const name of ['MONGODB_URI', 'MEILI_URL', 'MEILI_API_KEY'])
      expect(setup).toContain(`process.env.${name}`);
    expect(real['env']).toMatchObject({
      MONGODB_URI: expect.stringContaining('replicaSet=rs0') as unknown as string,
      MEILI_URL: 'http://127.0.0.1:7700',
    });

    const debian = jobs['debian'] ?? {};
    const debianRuns = (debian['steps'] as Array<{ run?: string }>).flatMap((step) =>
      step.run ? [step.run] : [],
    );
    expect(debianRuns).toEqual(
      expect.arrayContaining([
        expect.stringContaining('apt-get install -y --no-install-recommends chromium fonts-noto-cjk'),
        'bash .ci/run',
      ]),
    );
  });
});
