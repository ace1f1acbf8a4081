import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import type { Db, MongoClient } from 'mongodb';
import { signToken } from '../../src/auth/jwt.js';
import { connectMongo } from '../../src/db/mongo.js';
import { normaliseText } from '../../src/lib/normalise-text.js';
import {
  checkSearchIndex,
  indexProjections,
  IndexStateRepository,
} from '../../src/modules/indexing/index.js';
import { SynonymRepository } from '../../src/modules/synonyms/index.js';
import { eventually } from '../helpers/eventually.js';
import { testEndpoints } from '../helpers/env.js';
import { deleteIndexesWithPrefix } from '../helpers/search.js';
import { TEST_JWT_SECRET } from '../helpers/test-server.js';

/**
 * Three API instances (processes, as `npm start` runs them) on one MongoDB-protocol server and one
 * Meilisearch. Seeding runs on one of them; the search indexer runs on one of them at a time (the
 * holder of its lease); when that one is killed with SIGKILL in the middle of writes, another takes
 * over within the stated time (lease 10 s + one renewal interval 3 s), every change is pushed by one
 * instance (a change the killed one sent but never confirmed may be pushed again by its successor),
 * and the index ends up as MongoDB, with the last written names searchable.
 */

const NPM_START = ['dev/embedded/start.mjs'];
const START_CACHE = 'node_modules/.cache/channel-kb/start';
/** The service bundle `npm start` runs (set once it is built): the instances run it directly. */
let serviceModule = '';
const DB_NAME = `t_instances_${process.pid}`;
const PREFIX = `inst${process.pid}_`;
/** The defaults (LEASE_TTL_MS, LEASE_RENEW_MS): a dead holder is taken over within their sum. */
const LEASE_MS = 10_000;
const RENEW_MS = 3_000;
/** Generous slack on top of the stated takeover time, for a loaded two-core machine. */
const SLACK_MS = 15_000;

interface LogLine {
  msg?: string;
  lease?: string;
  changes?: string[];
  seeder?: string;
  at: number;
}

interface Instance {
  id: string;
  child: ChildProcessWithoutNullStreams;
  url: string;
  logs: LogLine[];
  exited: Promise<number | null>;
}

function serviceEnv(id: string): NodeJS.ProcessEnv {
  const endpoints = testEndpoints();
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    // Debug: the indexer logs each batch it sends and confirms, by record and version.
    LOG_LEVEL: 'debug',
    MONGODB_URI: endpoints.mongoUri,
    MONGODB_DB: DB_NAME,
    MEILI_URL: endpoints.meiliUrl,
    MEILI_API_KEY: endpoints.meiliApiKey ?? '',
    MEILI_INDEX_PREFIX: PREFIX,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SEED_ON_START: 'true',
    INSTANCE_ID: id,
    RATE_LIMIT_REQUESTS_BURST: '100000',
  };
}

/** Starts one instance and resolves once it listens (after seeding, its own or another's). */
async function startInstance(id: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--enable-source-maps', serviceModule], { env: serviceEnv(id) });
  const logs: LogLine[] = [];
  const raw: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => raw.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${id} did not start:\n${raw.slice(-30).join('\n')}`)),
      60_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      raw.push(line);
      try {
        logs.push({ ...(JSON.parse(line) as Omit<LogLine, 'at'>), at: Date.now() });
      } catch {
        // not a log line
      }
      const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`${id} exited with ${code}:\n${raw.slice(-30).join('\n')}`)));
  });
  return { id, child, url, logs, exited };
}

/** A synchronous check in the form `eventually` takes. */
const now =
  <T>(check: () => T) =>
  (): Promise<T> =>
    Promise.resolve().then(check);

const holdsIndexer = (instance: Instance) =>
  instance.logs.filter((line) => line.lease === 'search-indexer' && line.msg?.startsWith('lease acquired'));

let instances: Instance[] = [];
let db: Db;
let mongo: MongoClient;
let meili: Meilisearch;
let adminToken: string;

beforeAll(async () => {
  const endpoints = testEndpoints();
  // Bring the start bundle up to date once and run it directly, so the three processes do not each
  // build it (another test file may touch a source file meanwhile).
  const build = spawn(process.execPath, [...NPM_START, '--build'], { env: serviceEnv('build') });
  expect(await new Promise((resolve) => build.once('exit', resolve))).toBe(0);
  const manifest = JSON.parse(await readFile(path.join(START_CACHE, 'manifest.json'), 'utf8')) as {
    dir: string;
  };
  serviceModule = path.join(START_CACHE, manifest.dir, 'src', 'main.mjs');
  ({ client: mongo, db } = await connectMongo(endpoints.mongoUri, DB_NAME));
  meili = new Meilisearch({
    host: endpoints.meiliUrl,
    ...(endpoints.meiliApiKey ? { apiKey: endpoints.meiliApiKey } : {}),
  });
  adminToken = await signToken({ secret: TEST_JWT_SECRET }, { sub: 'ops', roles: ['admin'] });
}, 120_000);

afterAll(async () => {
  for (const instance of instances) instance.child.kill('SIGKILL');
  await Promise.all(instances.map((instance) => instance.exited));
  await db?.dropDatabase().catch(() => undefined);
  await mongo?.close();
  if (meili) await deleteIndexesWithPrefix(meili, PREFIX).catch(() => undefined);
});

async function graphql<T>(instance: Instance, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const UPDATE_HALL = `mutation ($input: UpdateHallInput!) { updateHall(input: $input) { hall { name version } } }`;

describe('three instances on one MongoDB and one Meilisearch', () => {
  it('seed once, index on one at a time, take over from a killed leader, and converge', async () => {
    instances = await Promise.all(['inst-a', 'inst-b', 'inst-c'].map(startInstance));

    // Seeding ran on one instance; the others waited for it and found nothing to seed.
    const seeders = instances.filter((instance) => instance.logs.some((line) => line.msg === 'seeded'));
    expect(seeders.map((instance) => instance.id)).toHaveLength(1);
    const halls = db.collection<{ code: string; name: string; version: number }>('halls');
    const codes = await halls.distinct('code');
    expect(await halls.countDocuments({})).toBe(codes.length);

    // One instance holds the indexer lease.
    const leader = await eventually(
      now(() => {
        const holders = instances.filter((instance) => holdsIndexer(instance).length > 0);
        expect(holders).toHaveLength(1);
        return holders[0] as Instance;
      }),
      30_000,
    );

    // Writes through every instance: each round renames some halls, through the instances in turn;
    // the leader is killed after the second round.
    const targets = await halls
      .find({}, { projection: { code: 1, version: 1 } })
      .sort({ code: 1 })
      .limit(6)
      .toArray();
    const versions = new Map(targets.map((hall) => [hall.code, hall.version]));
    const lastName = new Map<string, string>();
    let alive = [...instances];
    let killedAt = 0;
    for (let round = 1; round <= 4; round += 1) {
      let killed: Promise<unknown> = Promise.resolve();
      if (round === 3) {
        // Killed while this round's writes go through the other instances.
        alive = alive.filter((instance) => instance !== leader);
        killed = new Promise((resolve) => setTimeout(resolve, 50)).then(() => {
          leader.child.kill('SIGKILL');
          killedAt = Date.now();
          return leader.exited;
        });
      }
      await Promise.all([
        killed,
        ...targets.map(async ({ code }, at) => {
          const through = alive[(at + round) % alive.length] as Instance;
          const name = `多实例测试 ${code} 第${round}轮`;
          const { updateHall } = await graphql<{ updateHall: { hall: { version: number } } }>(
            through,
            UPDATE_HALL,
            { input: { hall: { code }, expectedVersion: versions.get(code), name } },
          );
          versions.set(code, updateHall.hall.version);
          lastName.set(code, name);
        }),
      ]);
    }

    // Another instance takes over within the stated time (with slack for a loaded machine).
    const successor = await eventually(
      now(() => {
        const holders = alive.filter((instance) =>
          holdsIndexer(instance).some((line) => line.at >= killedAt),
        );
        expect(holders).toHaveLength(1);
        return holders[0] as Instance;
      }),
      LEASE_MS + RENEW_MS + SLACK_MS,
      200,
    );
    const takeoverMs = (holdsIndexer(successor).find((line) => line.at >= killedAt)?.at ?? 0) - killedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS + RENEW_MS + SLACK_MS);
    process.stdout.write(`[several instances] takeover after SIGKILL: ${takeoverMs} ms\n`);

    // The index converges: nothing pending, no drift, the last names searchable.
    const projections = indexProjections(PREFIX);
    const deps = { db, meili, state: new IndexStateRepository(db), synonyms: new SynonymRepository(db) };
    await eventually(
      async () => {
        for (const projection of [projections.halls, projections.articles]) {
          const report = await checkSearchIndex(deps, projection);
          expect({ index: projection.name, pending: report.pending, drift: report.drift }).toEqual({
            index: projection.name,
            pending: 0,
            drift: false,
          });
        }
      },
      60_000,
      1_000,
    );
    const hallIds = new Map(
      (await halls.find({ code: { $in: [...versions.keys()] } }, { projection: { code: 1 } }).toArray()).map(
        (hall) => [hall.code, hall._id.toHexString()],
      ),
    );
    for (const [code, version] of versions) {
      const document = await meili
        .index(projections.halls.indexUid)
        .getDocument<{ name: string; version: number }>(hallIds.get(code) ?? '');
      expect(document).toMatchObject({ name: normaliseText(lastName.get(code) ?? ''), version });
    }

    // Each change (record at a version) was pushed by one instance; only a change the killed
    // leader sent without confirming it may have been pushed again, by its successor.
    const sentBy = new Map<string, Set<string>>();
    for (const instance of instances) {
      for (const line of instance.logs) {
        if (line.msg !== 'search indexer: batch sent') continue;
        for (const change of line.changes ?? []) {
          const senders = sentBy.get(change) ?? new Set<string>();
          senders.add(instance.id);
          sentBy.set(change, senders);
        }
      }
    }
    const confirmedByLeader = new Set(
      leader.logs
        .filter((line) => line.msg === 'search indexer: batch synced')
        .flatMap((line) => line.changes ?? []),
    );
    const pushedTwice = [...sentBy].filter(
      ([change, senders]) =>
        senders.size > 1 && !(senders.size === 2 && senders.has(leader.id) && !confirmedByLeader.has(change)),
    );
    expect(pushedTwice).toEqual([]);
    // Pushes came only from the leaders: the killed one and its successor.
    const pushers = new Set([...sentBy.values()].flatMap((senders) => [...senders]));
    expect([...pushers].every((id) => id === leader.id || id === successor.id)).toBe(true);
    // The written changes were pushed (by the successor, for those made after the kill).
    for (const [code, version] of versions) {
      expect(sentBy.get(`${hallIds.get(code)}@${version}`)).toEqual(new Set([successor.id]));
    }

    // Operators see who runs the indexer on /readyz (the instance ids for admins only).
    for (const instance of alive) {
      const readiness = (await (
        await fetch(`${instance.url}/readyz`, { headers: { authorization: `Bearer ${adminToken}` } })
      ).json()) as { indexer: { thisInstance: string; holder: string; instance: string } };
      expect(readiness.indexer).toMatchObject({
        thisInstance: instance === successor ? 'holder' : 'standby',
        holder: successor.id,
        instance: instance.id,
      });
    }

    // A graceful stop releases the lease: the remaining instance takes over at once (within a
    // renewal interval, not a lease).
    const standby = alive.find((instance) => instance !== successor) as Instance;
    const stoppedAt = Date.now();
    successor.child.kill('SIGTERM');
    expect(await successor.exited).toBe(0);
    expect(
      successor.logs.some((line) => line.msg === 'lease released' && line.lease === 'search-indexer'),
    ).toBe(true);
    await eventually(
      now(() => expect(holdsIndexer(standby).some((line) => line.at >= stoppedAt)).toBe(true)),
      RENEW_MS + SLACK_MS,
      200,
    );
    standby.child.kill('SIGTERM');
    expect(await standby.exited).toBe(0);
  }, 180_000);
});
