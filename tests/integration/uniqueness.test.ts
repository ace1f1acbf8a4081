/**
 * Natural keys stay unique under concurrent writers (issue 8, item 3): N concurrent creates of
 * one key give one document and N-1 CONFLICT naming the field, for articles, halls, channels and
 * the hall import, on the emulator (which enforces no unique index) as on a real MongoDB.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import type { CommandStartedEvent } from 'mongodb';
import { regionSeeder } from '../../seed/channels.js';
import { claimIdOf, KEY_CLAIMS_COLLECTION } from '../../src/db/key-claims.js';
import { ensureCategory, uniqueSlug } from '../helpers/factories.js';
import { expectData, expectErrorCode } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: { token: string };
let editor: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  await regionSeeder.run(server.app);
  await ensureCategory(server.app, 'broadband/dial-up-errors');
  admin = { token: await server.tokenFor(['admin'], 'admin-1') };
  editor = { token: await server.tokenFor(['editor'], 'editor-1') };
});
afterAll(async () => {
  await server.stop();
});

const count = (collection: string, filter: Record<string, unknown>) =>
  server.app.db.collection(collection).countDocuments(filter);

/** Splits concurrent answers into successes and errors, failing on any error but CONFLICT. */
function outcomes(responses: Array<GraphQLResponse<unknown>>): {
  succeeded: number;
  conflicts: Array<Record<string, unknown>>;
} {
  const conflicts: Array<Record<string, unknown>> = [];
  let succeeded = 0;
  for (const response of responses) {
    if (!response.body.errors?.length) {
      expectData(response);
      succeeded += 1;
      continue;
    }
    conflicts.push(expectErrorCode(response, 'CONFLICT').extensions ?? {});
    expect(response.body.errors).toHaveLength(1);
  }
  return { succeeded, conflicts };
}

const weekday = [{ start: '09:00', end: '17:00' }];
const hallInput = (code: string, name = '鄂州太和镇并发营业厅') => ({
  code,
  name,
  tier: 'SMALL',
  operation: 'SELF_OPERATED',
  area: 'TOWNSHIP',
  regionCode: '420702101',
  address: '湖北省鄂州市梁子湖区太和镇政府街9号',
  location: { lat: 30.08, lng: 114.66 },
  floorAreaM2: 45,
  services: ['PAYMENT'],
  openingHours: { weekly: [weekday, weekday, weekday, weekday, weekday, [], []] },
});
const CREATE_HALL = 'mutation ($input: CreateHallInput!) { createHall(input: $input) { hall { id code } } }';

describe('concurrent creates of one key give one document', () => {
  it('createArticle x20 with one slug and locale: one article, 19 CONFLICT on input.slug', async () => {
    const slug = uniqueSlug('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        server.graphql(
          'mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
          {
            input: { slug, title: `并发创建 ${index}`, body: '正文', category: 'broadband/dial-up-errors' },
          },
          editor,
        ),
      ),
    );
    const { succeeded, conflicts } = outcomes(responses);
    expect(succeeded).toBe(1);
    expect(conflicts).toHaveLength(19);
    for (const extensions of conflicts)
      expect(extensions).toMatchObject({ field: 'input.slug', value: slug });
    expect(await count('articles', { slug })).toBe(1);
    expect(await count('article_revisions', { slug })).toBe(1);
  });

  it('createHall x20 with one code: one hall, 19 CONFLICT on input.code', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.graphql(CREATE_HALL, { input: hallInput('HB-EZ-RACE1') }, admin),
      ),
    );
    const { succeeded, conflicts } = outcomes(responses);
    expect(succeeded).toBe(1);
    expect(conflicts).toHaveLength(19);
    for (const extensions of conflicts) {
      expect(extensions).toMatchObject({ field: 'input.code', value: 'HB-EZ-RACE1' });
    }
    expect(await count('halls', { code: 'HB-EZ-RACE1' })).toBe(1);
  });

  it('upsertChannel x10 with one code: one channel; each upsert succeeds or gets CONFLICT', async () => {
    const UPSERT =
      'mutation ($input: UpsertChannelInput!) { upsertChannel(input: $input) { channel { code version } } }';
    const input = { code: 'RACE-HOTLINE', name: '并发热线', type: 'HOTLINE', services: ['CONSULTATION'] };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => server.graphql(UPSERT, { input }, admin)),
    );
    const { succeeded, conflicts } = outcomes(responses);
    expect(succeeded + conflicts.length).toBe(10);
    expect(succeeded).toBeGreaterThanOrEqual(1);
    for (const extensions of conflicts) expect(extensions).toMatchObject({ field: 'input.code' });
    expect(await count('channels', { code: 'RACE-HOTLINE' })).toBe(1);
  });

  it('two renames and a create racing for one code leave one hall with it', async () => {
    const UPDATE =
      'mutation ($code: String!, $to: String!) { updateHall(input: { hall: { code: $code }, expectedVersion: 1, code: $to }) { hall { code } } }';
    expectData(await server.graphql(CREATE_HALL, { input: hallInput('HB-EZ-REN1') }, admin));
    expectData(await server.graphql(CREATE_HALL, { input: hallInput('HB-EZ-REN2') }, admin));
    const responses = await Promise.all([
      server.graphql(UPDATE, { code: 'HB-EZ-REN1', to: 'HB-EZ-RACE2' }, admin),
      server.graphql(UPDATE, { code: 'HB-EZ-REN2', to: 'HB-EZ-RACE2' }, admin),
      server.graphql(CREATE_HALL, { input: hallInput('HB-EZ-RACE2') }, admin),
    ]);
    const { succeeded, conflicts } = outcomes(responses);
    expect(succeeded).toBe(1);
    for (const extensions of conflicts) expect(extensions).toMatchObject({ field: 'input.code' });
    expect(await count('halls', { code: 'HB-EZ-RACE2' })).toBe(1);
  });
});

describe('importHalls under concurrency', () => {
  const header =
    'code,name,tier,operation,partner,area,regionCode,address,lat,lng,floorAreaM2,services,openingHours';
  const row = (code: string) =>
    `${code},${code}营业厅,SMALL,SELF_OPERATED,,TOWNSHIP,130632101,河北省保定市安新县端村镇1号,38.90,115.90,40,PAYMENT,"mon-fri 08:30-17:30"`;
  const csv = (codes: string[]) => [header, ...codes.map(row)].join('\n');
  const IMPORT = `mutation ($data: String!) { importHalls(input: { format: CSV, data: $data }) { applied created unchanged invalid } }`;
  type Report = { importHalls: { applied: boolean; created: number; unchanged: number; invalid: number } };

  it('the same rows imported 10 times at once: one hall per code, each import whole or refused', async () => {
    const codes = ['HE-BD-RACE1', 'HE-BD-RACE2', 'HE-BD-RACE3'];
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => server.graphql<Report>(IMPORT, { data: csv(codes) }, admin)),
    );
    const { succeeded } = outcomes(responses);
    expect(succeeded).toBeGreaterThanOrEqual(1);
    const reports = responses.flatMap((response) =>
      response.body.data ? [response.body.data.importHalls] : [],
    );
    // Each import that was applied either created all three halls or found all three in place.
    for (const report of reports) {
      expect(report.applied).toBe(true);
      expect([report.created, report.unchanged].sort()).toEqual([0, 3]);
    }
    expect(reports.filter((report) => report.created === 3)).toHaveLength(1);
    for (const code of codes) expect(await count('halls', { code })).toBe(1);
  });

  it('writes nothing and answers CONFLICT naming the row when a code stays held by another writer', async () => {
    // Another instance in the middle of writing hall HE-BD-HELD2 holds its code (a live lease).
    const claim = {
      _id: claimIdOf('hall.code:HE-BD-HELD2'),
      key: 'hall.code:HE-BD-HELD2',
      holder: 'another-instance',
      expiresAt: new Date(Date.now() + 60_000),
    };
    await server.app.db.collection(KEY_CLAIMS_COLLECTION).insertOne(claim);
    try {
      const response = await server.graphql(IMPORT, { data: csv(['HE-BD-HELD1', 'HE-BD-HELD2']) }, admin);
      const error = expectErrorCode(response, 'CONFLICT');
      expect(error.extensions).toMatchObject({ field: 'rows[1].code' });
      expect(error.message).toMatch(/nothing was imported/);
      expect(await count('halls', { code: { $in: ['HE-BD-HELD1', 'HE-BD-HELD2'] } })).toBe(0);
    } finally {
      await server.app.db.collection(KEY_CLAIMS_COLLECTION).deleteOne({ _id: claim._id });
    }
  });

  it('claims the codes of a large import in a few commands, not one per row', async () => {
    const codes = Array.from({ length: 600 }, (_, index) => `HE-BD-BULK${String(index).padStart(4, '0')}`);
    const commands: string[] = [];
    const listener = (event: CommandStartedEvent) => {
      const command = event.command as Record<string, unknown>;
      if (['insert', 'update', 'delete', 'find', 'aggregate'].includes(event.commandName)) {
        commands.push(`${event.commandName}:${String(command[event.commandName])}`);
      }
    };
    server.app.mongo.on('commandStarted', listener);
    try {
      const report = expectData(
        await server.graphql<Report>(IMPORT, { data: csv(codes) }, admin),
      ).importHalls;
      expect(report).toMatchObject({ applied: true, created: 600 });
    } finally {
      server.app.mongo.off('commandStarted', listener);
    }
    const claims = commands.filter((command) => command.endsWith(`:${KEY_CLAIMS_COLLECTION}`));
    // claim all (one insertMany), renew before and between the write chunks, release all
    expect(claims.length).toBeGreaterThanOrEqual(2);
    expect(claims.length).toBeLessThanOrEqual(5);
    expect(commands.length).toBeLessThanOrEqual(20);
    expect(await count('halls', { code: { $in: codes } })).toBe(600);
  });

  it('takes over a code whose holder crashed (its lease ran out), and leaves no claim behind', async () => {
    await server.app.db.collection(KEY_CLAIMS_COLLECTION).insertOne({
      _id: claimIdOf('hall.code:HB-EZ-CRASH'),
      key: 'hall.code:HB-EZ-CRASH',
      holder: 'crashed-instance',
      expiresAt: new Date(Date.now() - 1_000),
    });
    expectData(await server.graphql(CREATE_HALL, { input: hallInput('HB-EZ-CRASH') }, admin));
    expect(await count('halls', { code: 'HB-EZ-CRASH' })).toBe(1);
    expect(await count(KEY_CLAIMS_COLLECTION, { _id: claimIdOf('hall.code:HB-EZ-CRASH') })).toBe(0);
    expect(await count(KEY_CLAIMS_COLLECTION, {})).toBe(0);
  });
});

it('derives one claim id per key (an ObjectId, which every server keeps unique)', () => {
  expect(claimIdOf('hall.code:A')).toBeInstanceOf(ObjectId);
  expect(claimIdOf('hall.code:A').equals(claimIdOf('hall.code:A'))).toBe(true);
  expect(claimIdOf('hall.code:A').equals(claimIdOf('hall.code:B'))).toBe(false);
});
