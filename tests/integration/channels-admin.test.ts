import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { CSV_COLUMNS, parseCsv } from '../../src/modules/halls/hall-import.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { GraphQLResponse, TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: { token: string };
let agent: { token: string };

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  admin = { token: await server.tokenFor(['admin'], 'admin-1') };
  agent = { token: await server.tokenFor(['agent'], 'agent-1') };
});
afterAll(async () => {
  await server.stop();
});

const weekday = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];
const hallInput = (overrides: Record<string, unknown> = {}) => ({
  code: 'HB-EZ-T01',
  name: '鄂州太和镇测试营业厅',
  tier: 'SMALL',
  operation: 'SELF_OPERATED',
  area: 'TOWNSHIP',
  regionCode: '420702101',
  address: '湖北省鄂州市梁子湖区太和镇政府街8号',
  location: { lat: 30.08, lng: 114.66 },
  floorAreaM2: 45,
  services: ['PAYMENT', 'BUSINESS_HANDLING'],
  openingHours: { weekly: [weekday, weekday, weekday, weekday, weekday, weekday, []] },
  ...overrides,
});

const CREATE =
  'mutation ($input: CreateHallInput!) { createHall(input: $input) { hall { id code version tier region { name } } } }';
const create = (input: Record<string, unknown>, options = admin) =>
  server.graphql<{ createHall: { hall: { id: string; code: string; version: number } } }>(
    CREATE,
    { input },
    options,
  );

async function hallCount(): Promise<number> {
  return expectData(
    await server.graphql<{ halls: { totalCount: number } }>('{ halls(first: 1) { totalCount } }'),
  ).halls.totalCount;
}

function expectBadField(response: GraphQLResponse<unknown>, path: string): void {
  expect(fieldPaths(expectErrorCode(response, 'BAD_USER_INPUT'))).toContain(path);
}

describe('who may change the directory', () => {
  it('refuses the public (UNAUTHENTICATED) and agents (FORBIDDEN), and writes nothing', async () => {
    const before = await hallCount();
    expectErrorCode(await create(hallInput(), { token: '' }), 'UNAUTHENTICATED');
    expectErrorCode(await create(hallInput(), agent), 'FORBIDDEN');
    expectErrorCode(
      await server.graphql(
        'mutation { setHallStatus(input: { hall: { code: "HB-WH-A01" }, status: CLOSED }) { hall { status } } }',
        {},
        agent,
      ),
      'FORBIDDEN',
    );
    expectErrorCode(
      await server.graphql('mutation { importHalls(input: { format: JSON, data: "[]" }) { applied } }'),
      'UNAUTHENTICATED',
    );
    expect(await hallCount()).toBe(before);
  });
});

describe('the rules refuse bad halls', () => {
  it.each([
    ['a TOWNSHIP hall that is not SMALL', { tier: 'STANDARD' }, 'input.tier'],
    ['a PARTNER_OPERATED hall without partner', { operation: 'PARTNER_OPERATED' }, 'input.partner'],
    ['coordinates outside China', { location: { lat: 60.1, lng: 114.66 } }, 'input.location.lat'],
    [
      'overlapping intervals on Wednesday',
      {
        openingHours: {
          weekly: [
            weekday,
            weekday,
            [{ start: '08:00', end: '13:00' }, ...weekday],
            weekday,
            weekday,
            [],
            [],
          ],
        },
      },
      'input.openingHours.weekly.2',
    ],
    [
      'an interval ending before it starts',
      { openingHours: { weekly: [[{ start: '18:00', end: '09:00' }], [], [], [], [], [], []] } },
      'input.openingHours.weekly.0.0',
    ],
    ['an unknown region', { regionCode: '420799999' }, 'input.regionCode'],
    ['an URBAN hall in a township', { area: 'URBAN' }, 'input.area'],
  ])('refuses %s with BAD_USER_INPUT naming the field, changing nothing', async (_label, overrides, path) => {
    const before = await hallCount();
    expectBadField(await create(hallInput({ code: 'HB-EZ-BAD', ...overrides })), path);
    expect(await hallCount()).toBe(before);
  });
});

describe('codes are unique', () => {
  it('refuses a code already taken with CONFLICT naming input.code, on create and on rename', async () => {
    const before = await hallCount();
    const taken = expectErrorCode(await create(hallInput({ code: 'HB-WH-A01' })), 'CONFLICT');
    expect(taken.extensions).toMatchObject({ field: 'input.code', value: 'HB-WH-A01' });
    expect(fieldPaths(taken)).toEqual(['input.code']);
    expect(await hallCount()).toBe(before);

    const renamed = await server.graphql(
      'mutation { updateHall(input: { hall: { code: "HB-WH-A02" }, expectedVersion: 1, code: "HB-WH-A01" }) { hall { code } } }',
      {},
      admin,
    );
    expect(expectErrorCode(renamed, 'CONFLICT').extensions).toMatchObject({ field: 'input.code' });
    const stored = await server.graphql<{ a: { code: string } | null; b: { code: string } | null }>(
      '{ a: hall(code: "HB-WH-A01") { code } b: hall(code: "HB-WH-A02") { code } }',
    );
    expect(expectData(stored)).toEqual({ a: { code: 'HB-WH-A01' }, b: { code: 'HB-WH-A02' } });
  });
});

describe('create, update, status', () => {
  it('creates a hall, updates it with the expected version and refuses a stale one with CONFLICT', async () => {
    const created = expectData(await create(hallInput())).createHall.hall;
    expect(created).toMatchObject({ code: 'HB-EZ-T01', version: 1, region: { name: '太和镇' } });

    const UPDATE =
      'mutation ($input: UpdateHallInput!) { updateHall(input: $input) { hall { code name version partner operation } } }';
    /** The hall named by id or by code (HallIdentifierInput is @oneOf), with the changes. */
    const change = (
      hall: { id: string } | { code: string },
      expectedVersion: number,
      fields: Record<string, unknown>,
    ) => ({ input: { hall, expectedVersion, ...fields } });
    const updated = expectData(
      await server.graphql<{ updateHall: { hall: { version: number; name: string } } }>(
        UPDATE,
        change({ id: created.id }, 1, {
          name: '太和镇营业厅',
          operation: 'PARTNER_OPERATED',
          partner: '恒通通信服务有限公司',
        }),
        admin,
      ),
    ).updateHall.hall;
    expect(updated).toMatchObject({ version: 2, name: '太和镇营业厅', operation: 'PARTNER_OPERATED' });

    const stale = expectErrorCode(
      await server.graphql(UPDATE, change({ code: 'HB-EZ-T01' }, 1, { name: '过期的修改' }), admin),
      'CONFLICT',
    );
    expect(stale.extensions).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    // A change that breaks a rule once merged: a township hall cannot become a flagship.
    expectBadField(
      await server.graphql(UPDATE, change({ code: 'HB-EZ-T01' }, 2, { tier: 'FLAGSHIP' }), admin),
      'input.tier',
    );
    const stored = expectData(
      await server.graphql<{ hall: { name: string; version: number; tier: string } }>(
        '{ hall(code: "HB-EZ-T01") { name version tier } }',
      ),
    ).hall;
    expect(stored).toEqual({ name: '太和镇营业厅', version: 2, tier: 'SMALL' });
  });

  it('closes a hall temporarily: it is no longer open, and a stale status change is refused', async () => {
    const SET =
      'mutation ($v: Int) { setHallStatus(input: { hall: { code: "HB-WH-A01" }, status: TEMPORARILY_CLOSED, expectedVersion: $v }) { hall { status version openNow isOpenAt(at: "2026-03-04T04:00:00.000Z") nextChange { at } } } }';
    const closed = expectData(
      await server.graphql<{ setHallStatus: { hall: Record<string, unknown> } }>(SET, { v: 1 }, admin),
    ).setHallStatus.hall;
    expect(closed).toEqual({
      status: 'TEMPORARILY_CLOSED',
      version: 2,
      openNow: false,
      isOpenAt: false,
      nextChange: null,
    });
    expectErrorCode(await server.graphql(SET, { v: 1 }, admin), 'CONFLICT');
    const open = await server.graphql<{ halls: { nodes: Array<{ code: string }> } }>(
      '{ halls(filter: { text: "江汉路旗舰", status: OPEN }) { nodes { code } } }',
    );
    expect(expectData(open).halls.nodes).toEqual([]);
  });
});

describe('channels', () => {
  it('upserts a channel by code; kind and ownership follow from the type', async () => {
    const UPSERT =
      'mutation ($input: UpsertChannelInput!) { upsertChannel(input: $input) { channel { code kind ownership version halls { code } access { kind value code meaning } } } }';
    const input = {
      code: 'MINI-EZ',
      name: '鄂州MINI终端',
      type: 'MINI_TERMINAL',
      services: ['PAYMENT'],
      hallCodes: ['HB-EZ-T01'],
      access: [{ kind: 'SMS', value: '10010', code: '406', meaning: '下载手机营业厅' }],
    };
    const first = expectData(
      await server.graphql<{ upsertChannel: { channel: Record<string, unknown> } }>(UPSERT, { input }, admin),
    ).upsertChannel.channel;
    expect(first).toMatchObject({
      code: 'MINI-EZ',
      kind: 'ELECTRONIC',
      ownership: 'OWNED',
      version: 1,
      halls: [{ code: 'HB-EZ-T01' }],
    });
    const same = expectData(
      await server.graphql<{ upsertChannel: { channel: { version: number } } }>(UPSERT, { input }, admin),
    ).upsertChannel.channel;
    expect(same.version).toBe(1);
    const changed = expectData(
      await server.graphql<{ upsertChannel: { channel: { version: number } } }>(
        UPSERT,
        { input: { ...input, name: '鄂州MINI终端(新)' } },
        admin,
      ),
    ).upsertChannel.channel;
    expect(changed.version).toBe(2);
    expectBadField(
      await server.graphql(UPSERT, { input: { ...input, hallCodes: ['NO-SUCH-HALL'] } }, admin),
      'input.hallCodes.0',
    );
    expectErrorCode(await server.graphql(UPSERT, { input }, agent), 'FORBIDDEN');
    const hall = expectData(
      await server.graphql<{ hall: { channels: Array<{ code: string }> } }>(
        '{ hall(code: "HB-EZ-T01") { channels { code } } }',
      ),
    ).hall;
    expect(hall.channels.map((channel) => channel.code)).toEqual(['MINI-EZ']);
  });
});

describe('importHalls', () => {
  const header =
    'code,name,tier,operation,partner,area,regionCode,address,lat,lng,floorAreaM2,services,openingHours,status,phone,accessibility,roster';
  const hours = '"mon-fri 08:30-12:00,14:00-17:30; sat 09:00-12:00; 2026-02-17 closed"';
  const csv = [
    header,
    `HE-BD-T01,安新端村镇营业厅,SMALL,SELF_OPERATED,,TOWNSHIP,130632101,河北省保定市安新县端村镇1号,38.90,115.90,40,PAYMENT|BUSINESS_HANDLING,${hours},,,,yes`,
    `HE-BD-T02,保定竞秀合作营业厅,STANDARD,PARTNER_OPERATED,"华信通讯连锁有限公司",URBAN,130602,"河北省保定市竞秀区朝阳路12号",38.88,115.46,260,PAYMENT|SIM_REPLACEMENT|HANDSET_SALES,${hours},OPEN,0312-5550000,STEP_FREE_ENTRANCE,true`,
    `HB-WH-A03,武汉民众乐园营业厅(改),SMALL,SELF_OPERATED,,URBAN,420103,湖北省武汉市江汉区六渡桥民众乐园旁,30.5735,114.2905,60,BUSINESS_HANDLING|PAYMENT|CONSULTATION|SIM_REPLACEMENT,${hours},OPEN,,,true`,
    `HE-BD-T03,圈头乡营业厅,STANDARD,SELF_OPERATED,,TOWNSHIP,130632102,河北省保定市安新县圈头乡2号,38.91,115.95,300,PAYMENT,${hours},,,,`,
    `HE-BD-T04,错位营业厅,SMALL,SELF_OPERATED,,URBAN,130602,河北省保定市竞秀区某路,115.46,38.88,50,PAYMENT,${hours},,,,`,
    `he-bd-t01,重复营业厅,SMALL,SELF_OPERATED,,TOWNSHIP,130632101,河北省保定市安新县端村镇3号,38.90,115.90,40,PAYMENT,${hours},,,,`,
    `HE-BD-T05,时间错误营业厅,SMALL,SELF_OPERATED,,URBAN,130602,河北省保定市竞秀区某路,38.88,115.46,50,PAYMENT,"mon-fri 9-17",,,,`,
  ].join('\r\n');

  const IMPORT = `mutation ($format: ImportFormat!, $data: String!, $dryRun: Boolean, $skip: Boolean) {
    importHalls(input: { format: $format, data: $data, dryRun: $dryRun, skipInvalid: $skip }) {
      dryRun applied created updated unchanged invalid rows { row line code action errors { path message } } } }`;
  type Report = {
    importHalls: {
      dryRun: boolean;
      applied: boolean;
      created: number;
      updated: number;
      unchanged: number;
      invalid: number;
      rows: Array<{
        row: number;
        line: number | null;
        code: string | null;
        action: string;
        errors: Array<{ path: string }>;
      }>;
    };
  };
  const run = async (variables: Record<string, unknown>) =>
    expectData(await server.graphql<Report>(IMPORT, { format: 'CSV', data: csv, ...variables }, admin))
      .importHalls;
  const exists = async (code: string) =>
    expectData(
      await server.graphql<{ hall: { name: string; version: number } | null }>(
        'query ($c: String!) { hall(code: $c) { name version } }',
        { c: code },
      ),
    ).hall;

  it('reports every row on a dry run and writes nothing', async () => {
    const before = await hallCount();
    const report = await run({ dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      created: 2,
      updated: 1,
      unchanged: 0,
      invalid: 4,
    });
    expect(report.rows.map((row) => [row.row, row.line, row.code, row.action])).toEqual([
      [0, 2, 'HE-BD-T01', 'CREATED'],
      [1, 3, 'HE-BD-T02', 'CREATED'],
      [2, 4, 'HB-WH-A03', 'UPDATED'],
      [3, 5, 'HE-BD-T03', 'INVALID'],
      [4, 6, 'HE-BD-T04', 'INVALID'],
      [5, 7, 'HE-BD-T01', 'INVALID'],
      [6, 8, 'HE-BD-T05', 'INVALID'],
    ]);
    expect(report.rows.map((row) => row.errors.map((error) => error.path))).toEqual([
      [],
      [],
      [],
      ['rows[3].tier'],
      ['rows[4].location.lat', 'rows[4].location.lng'],
      ['rows[5].code'],
      ['rows[6].openingHours'],
    ]);
    expect(await hallCount()).toBe(before);
    expect(await exists('HE-BD-T01')).toBeNull();
  });

  it('writes nothing when a row fails, unless asked to skip bad rows; then it is idempotent', async () => {
    const before = await hallCount();
    const refused = await run({});
    expect(refused).toMatchObject({ dryRun: false, applied: false, invalid: 4 });
    expect(await hallCount()).toBe(before);
    expect((await exists('HB-WH-A03'))?.name).toBe('武汉民众乐园便民营业厅');

    const applied = await run({ skip: true });
    expect(applied).toMatchObject({ applied: true, created: 2, updated: 1, invalid: 4 });
    expect(await hallCount()).toBe(before + 2);
    expect(await exists('HB-WH-A03')).toEqual({ name: '武汉民众乐园营业厅(改)', version: 2 });
    const imported = expectData(
      await server.graphql<{
        hall: {
          partner: string;
          region: { name: string };
          openingHours: { special: Array<{ date: string; closed: boolean }> };
        };
      }>('{ hall(code: "HE-BD-T02") { partner region { name } openingHours { special { date closed } } } }'),
    ).hall;
    expect(imported).toEqual({
      partner: '华信通讯连锁有限公司',
      region: { name: '竞秀区' },
      openingHours: { special: [{ date: '2026-02-17', closed: true }] },
    });

    const again = await run({ skip: true });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3, invalid: 4 });
    expect(await hallCount()).toBe(before + 2);
  });

  it('imports JSON with the same rules, and refuses an unreadable file naming data', async () => {
    const rows = [
      hallInput({ code: 'HB-EZ-J01' }),
      hallInput({ code: 'HB-EZ-J02', operation: 'PARTNER_OPERATED' }),
    ];
    const report = expectData(
      await server.graphql<Report>(IMPORT, { format: 'JSON', data: JSON.stringify(rows) }, admin),
    ).importHalls;
    expect(report).toMatchObject({ applied: false, created: 1, invalid: 1 });
    expect(report.rows[1]?.errors.map((error) => error.path)).toEqual(['rows[1].partner']);
    expect(await exists('HB-EZ-J01')).toBeNull();
    expectBadField(await server.graphql(IMPORT, { format: 'JSON', data: '{not json' }, admin), 'input.data');
    expectBadField(
      await server.graphql(IMPORT, { format: 'CSV', data: 'code,name,colour\nA,b,c' }, admin),
      'input.data',
    );
  });
});

describe('hallsCsv: an export in the import format, safe to open in a spreadsheet', () => {
  const EXPORT = '{ hallsCsv(filter: { regionCode: "420702101" }) }';
  const formulaLike = {
    code: 'HB-EZ-CSV1',
    name: '=HYPERLINK("http://evil.example","点我")',
    operation: 'PARTNER_OPERATED',
    partner: '@SUM(1+1)',
    address: "'=地址本来就以撇号开头",
    phone: '+86 711 555 0000',
  };

  it('neutralises formula cells with one apostrophe, and the import takes exactly that apostrophe off', async () => {
    expectData(await create(hallInput(formulaLike)));
    expectErrorCode(await server.graphql(EXPORT, {}, agent), 'FORBIDDEN');
    const csv = expectData(await server.graphql<{ hallsCsv: string }>(EXPORT, {}, admin)).hallsCsv;

    const [header, ...records] = parseCsv(csv);
    expect(header?.fields).toEqual([...CSV_COLUMNS]);
    const row = records.find((record) => record.fields[0] === 'HB-EZ-CSV1')?.fields ?? [];
    const cell = (column: string) => row[CSV_COLUMNS.indexOf(column as (typeof CSV_COLUMNS)[number])];
    expect(cell('name')).toBe(`'${formulaLike.name}`);
    expect(cell('partner')).toBe("'@SUM(1+1)");
    expect(cell('address')).toBe(`'${formulaLike.address}`);
    expect(cell('phone')).toBe("'+86 711 555 0000");
    for (const record of records) {
      for (const field of record.fields) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    }

    // Round trip: importing the export changes nothing of this hall.
    const IMPORT =
      'mutation ($data: String!, $dryRun: Boolean) { importHalls(input: { format: CSV, data: $data, dryRun: $dryRun }) { applied invalid rows { code action } } }';
    type Report = {
      importHalls: { applied: boolean; invalid: number; rows: Array<{ code: string; action: string }> };
    };
    const dryRun = expectData(await server.graphql<Report>(IMPORT, { data: csv, dryRun: true }, admin));
    expect(dryRun.importHalls.invalid).toBe(0);
    expect(dryRun.importHalls.rows.find((each) => each.code === 'HB-EZ-CSV1')?.action).toBe('UNCHANGED');

    // An admin copies the line as a new hall: the stored values are the originals, not the guarded cells.
    const copy = csv
      .split('\r\n')
      .filter((line, index) => index === 0 || line.startsWith('HB-EZ-CSV1,'))
      .join('\r\n')
      .replace('HB-EZ-CSV1,', 'HB-EZ-CSV2,');
    expect(expectData(await server.graphql<Report>(IMPORT, { data: copy }, admin)).importHalls.applied).toBe(
      true,
    );
    const stored = await server.app.db.collection('halls').findOne({ code: 'HB-EZ-CSV2' });
    expect(stored).toMatchObject({
      name: formulaLike.name,
      partner: '@SUM(1+1)',
      address: formulaLike.address,
      phone: '+86 711 555 0000',
    });
  });
});
