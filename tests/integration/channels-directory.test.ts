import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedChannels } from '../../seed/data/channels.js';
import {
  ANCHOR_HALLS,
  COUNTIES_WITHOUT_HALLS,
  COUNTY_OFF_ROSTER,
  COUNTY_WITH_ONLY_CLOSED_HALL,
  seedHalls,
} from '../../seed/data/halls.js';
import type { SeedHall } from '../../seed/data/halls.js';
import { seedRegionPath, seedRegions } from '../../seed/data/regions.js';
import { seedDatabase } from '../../seed/index.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;
let agentToken: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
  agentToken = await server.tokenFor(['agent'], 'agent-1');
});
afterAll(async () => {
  await server.stop();
});

/** An instant given as Asia/Shanghai wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

interface HallNode {
  code: string;
  name: string;
  tier: string;
  operation: string;
  area: string;
  status: string;
  services: string[];
}
interface Connection {
  totalCount: number;
  nodes: HallNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const NODE = 'code name tier operation area status services';

async function page(
  filter: Record<string, unknown>,
  first = 100,
  after: string | null = null,
  orderBy = 'CODE',
) {
  return expectData(
    await server.graphql<{ halls: Connection }>(
      `query ($filter: HallFilter, $first: Int, $after: String, $orderBy: HallOrderBy) {
        halls(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
          totalCount nodes { ${NODE} } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after, orderBy },
    ),
  ).halls;
}

async function listAll(filter: Record<string, unknown>, first = 100, orderBy = 'CODE') {
  const nodes: HallNode[] = [];
  let after: string | null = null;
  let totalCount: number;
  let pages = 0;
  for (;;) {
    const result = await page(filter, first, after, orderBy);
    totalCount = result.totalCount;
    nodes.push(...result.nodes);
    pages += 1;
    if (!result.pageInfo.hasNextPage) break;
    after = result.pageInfo.endCursor;
  }
  return { nodes, totalCount, pages };
}

const codes = (halls: Array<{ code: string }>) => halls.map((hall) => hall.code).sort();
const under = (region: string) => (hall: SeedHall) => seedRegionPath(hall.regionCode).includes(region);

describe('halls: filters', () => {
  it('pages through every seeded hall by code without repeats or gaps', async () => {
    const { nodes, totalCount, pages } = await listAll({}, 50);
    expect(seedHalls.length).toBeGreaterThanOrEqual(300);
    expect(totalCount).toBe(seedHalls.length);
    expect(pages).toBe(Math.ceil(seedHalls.length / 50));
    expect(new Set(nodes.map((node) => node.code)).size).toBe(seedHalls.length);
    expect(nodes.map((node) => node.code)).toEqual(codes(seedHalls));
  });

  it('pages by name in name order, and refuses a cursor of another order', async () => {
    const wuhan = seedHalls.filter(under('420100'));
    const { nodes, totalCount } = await listAll({ regionCode: '420100' }, 7, 'NAME');
    expect(totalCount).toBe(wuhan.length);
    expect(nodes.map((node) => node.code).sort()).toEqual(codes(wuhan));
    const names = nodes.map((node) => node.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byName = await page({}, 5, null, 'NAME');
    const error = expectErrorCode(
      await server.graphql('query ($after: String) { halls(first: 5, after: $after) { totalCount } }', {
        after: byName.pageInfo.endCursor,
      }),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(error)).toEqual(['after']);
  });

  it('refuses a page larger than 100, naming first', async () => {
    const error = expectErrorCode(
      await server.graphql('{ halls(first: 101) { totalCount } }'),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(error)).toEqual(['first']);
  });

  it.each([
    ['a province, including its cities, counties and townships', { regionCode: '420000' }, under('420000')],
    ['a city', { regionCode: '420700' }, under('420700')],
    ['a county with townships', { regionCode: '420115' }, under('420115')],
    ['tiers (any of)', { tiers: ['FLAGSHIP', 'STANDARD'] }, (h: SeedHall) => h.tier !== 'SMALL'],
    ['operation', { operations: ['PARTNER_OPERATED'] }, (h: SeedHall) => h.operation === 'PARTNER_OPERATED'],
    ['area', { areas: ['TOWNSHIP'] }, (h: SeedHall) => h.area === 'TOWNSHIP'],
    [
      'services (all of)',
      { services: ['SIM_REPLACEMENT', 'BROADBAND_INSTALLATION'] },
      (h: SeedHall) =>
        h.services.includes('SIM_REPLACEMENT') && h.services.includes('BROADBAND_INSTALLATION'),
    ],
    ['status', { status: 'TEMPORARILY_CLOSED' }, (h: SeedHall) => h.status === 'TEMPORARILY_CLOSED'],
    [
      'text in the name',
      { text: '江汉路' },
      (h: SeedHall) => h.name.includes('江汉路') || h.address.includes('江汉路'),
    ],
    [
      'text in the address',
      { text: '政府街' },
      (h: SeedHall) => h.address.includes('政府街') || h.name.includes('政府街'),
    ],
    ['text with regex characters', { text: '.*' }, () => false],
    [
      'several at once',
      { regionCode: '410000', tiers: ['SMALL'], areas: ['URBAN'], operations: ['SELF_OPERATED'] },
      (h: SeedHall) =>
        under('410000')(h) && h.tier === 'SMALL' && h.area === 'URBAN' && h.operation === 'SELF_OPERATED',
    ],
  ])('filters by %s', async (_label, filter, predicate) => {
    const expected = seedHalls.filter(predicate);
    const { nodes, totalCount } = await listAll(filter);
    expect(totalCount).toBe(expected.length);
    expect(codes(nodes)).toEqual(codes(expected));
  });

  it('filters by openAt: around the lunch break of a weekday, and on Spring Festival', async () => {
    const open = seedHalls.filter((hall) => hall.status === 'OPEN');
    // Wednesday 4 March 2026, 10:00: every open hall is inside its hours.
    expect((await listAll({ openAt: cst('2026-03-04T10:00:00') })).totalCount).toBe(open.length);
    // 12:30: small halls are at lunch; flagship and standard halls are not.
    const lunch = await listAll({ openAt: cst('2026-03-04T12:30:00') });
    expect(codes(lunch.nodes)).toEqual(codes(open.filter((hall) => hall.tier !== 'SMALL')));
    // 17 February 2026 (正月初一), 11:00: only flagship halls open, on holiday hours.
    const festival = await listAll({ openAt: cst('2026-02-17T11:00:00') });
    expect(codes(festival.nodes)).toEqual(codes(open.filter((hall) => hall.tier === 'FLAGSHIP')));
    // ... and at 17:00 they are closed too (holiday hours end at 16:00).
    expect((await page({ openAt: cst('2026-02-17T17:00:00') })).totalCount).toBe(0);
  });
});

describe('halls: facets', () => {
  it('counts tier, operation, area, services and status under the current filter', async () => {
    const expected = seedHalls.filter(under('420700'));
    const data = expectData(
      await server.graphql<{
        halls: {
          totalCount: number;
          facets: Record<
            'tier' | 'operation' | 'area' | 'services' | 'status',
            Array<{ value: string; count: number }>
          >;
        };
      }>(
        `{ halls(filter: { regionCode: "420700" }, first: 1) { totalCount facets {
            tier { value count } operation { value count } area { value count } services { value count } status { value count } } } }`,
      ),
    ).halls;
    const countBy = (values: string[]) =>
      values.reduce<Record<string, number>>((acc, value) => ({ ...acc, [value]: (acc[value] ?? 0) + 1 }), {});
    const asMap = (buckets: Array<{ value: string; count: number }>) =>
      Object.fromEntries(
        buckets.filter((bucket) => bucket.count > 0).map((bucket) => [bucket.value, bucket.count]),
      );
    expect(data.totalCount).toBe(expected.length);
    expect(asMap(data.facets.tier)).toEqual(countBy(expected.map((hall) => hall.tier)));
    expect(asMap(data.facets.operation)).toEqual(countBy(expected.map((hall) => hall.operation)));
    expect(asMap(data.facets.area)).toEqual(countBy(expected.map((hall) => hall.area)));
    expect(asMap(data.facets.status)).toEqual(countBy(expected.map((hall) => hall.status)));
    expect(asMap(data.facets.services)).toEqual(countBy(expected.flatMap((hall) => hall.services)));
    // Every value is listed, zero included, for a filter panel.
    expect(data.facets.tier.map((bucket) => bucket.value)).toEqual(['FLAGSHIP', 'STANDARD', 'SMALL']);
  });

  it('narrows the facets with the filter', async () => {
    const data = expectData(
      await server.graphql<{ halls: { facets: { area: Array<{ value: string; count: number }> } } }>(
        '{ halls(filter: { tiers: [FLAGSHIP] }) { facets { area { value count } } } }',
      ),
    ).halls;
    expect(data.facets.area).toEqual([
      { value: 'URBAN', count: seedHalls.filter((hall) => hall.tier === 'FLAGSHIP').length },
      { value: 'TOWNSHIP', count: 0 },
    ]);
  });
});

describe('halls: disjunctive facets', () => {
  type Facets = Record<
    'tier' | 'operation' | 'area' | 'services' | 'status',
    Array<{ value: string; count: number }>
  >;
  const countBy = (values: string[]) =>
    values.reduce<Record<string, number>>((acc, value) => ({ ...acc, [value]: (acc[value] ?? 0) + 1 }), {});
  const asMap = (buckets: Array<{ value: string; count: number }>) =>
    Object.fromEntries(
      buckets.filter((bucket) => bucket.count > 0).map((bucket) => [bucket.value, bucket.count]),
    );

  it('counts each of tier, operation, area and status under every filter but its own; services and the total under all', async () => {
    const services = ['SIM_REPLACEMENT'];
    const inRegion = seedHalls.filter(under('420100'));
    const withServices = inRegion.filter((hall) =>
      services.every((s) => (hall.services as readonly string[]).includes(s)),
    );
    const tierOk = (hall: SeedHall) => hall.tier === 'FLAGSHIP' || hall.tier === 'STANDARD';
    const areaOk = (hall: SeedHall) => hall.area === 'URBAN';
    const statusOk = (hall: SeedHall) => hall.status === 'OPEN';
    const matching = withServices.filter((hall) => tierOk(hall) && areaOk(hall) && statusOk(hall));
    expect(matching.length).toBeGreaterThan(0);
    const data = expectData(
      await server.graphql<{ halls: { totalCount: number; facets: Facets } }>(
        `{ halls(filter: { regionCode: "420100", tiers: [FLAGSHIP, STANDARD], areas: [URBAN], status: OPEN, services: [SIM_REPLACEMENT] }, first: 1) {
            totalCount facets { tier { value count } operation { value count } area { value count }
            services { value count } status { value count } } } }`,
      ),
    ).halls;
    expect(data.totalCount).toBe(matching.length);
    // Tier: the region, services, area and status filters, not the tier one: SMALL halls are counted too.
    const tierBase = withServices.filter((hall) => areaOk(hall) && statusOk(hall));
    expect(asMap(data.facets.tier)).toEqual(countBy(tierBase.map((hall) => hall.tier)));
    expect(Object.keys(asMap(data.facets.tier)).length).toBeGreaterThan(1);
    expect(asMap(data.facets.area)).toEqual(
      countBy(withServices.filter((hall) => tierOk(hall) && statusOk(hall)).map((hall) => hall.area)),
    );
    expect(asMap(data.facets.status)).toEqual(
      countBy(withServices.filter((hall) => tierOk(hall) && areaOk(hall)).map((hall) => hall.status)),
    );
    // Operation has no filter of its own: it counts exactly the matching halls.
    expect(asMap(data.facets.operation)).toEqual(countBy(matching.map((hall) => hall.operation)));
    // Services are "all of": their counts keep the services filter (what one more service leaves).
    expect(asMap(data.facets.services)).toEqual(countBy(matching.flatMap((hall) => hall.services)));
  });

  it('with only a tier chosen, the tier facet still lists every tier as without the filter', async () => {
    const all = expectData(
      await server.graphql<{ halls: { facets: Pick<Facets, 'tier'> } }>(
        '{ halls { facets { tier { value count } } } }',
      ),
    ).halls;
    const flagship = expectData(
      await server.graphql<{ halls: { totalCount: number; facets: Pick<Facets, 'tier' | 'area'> } }>(
        '{ halls(filter: { tiers: [FLAGSHIP] }) { totalCount facets { tier { value count } area { value count } } } }',
      ),
    ).halls;
    expect(flagship.facets.tier).toEqual(all.facets.tier);
    expect(flagship.totalCount).toBe(seedHalls.filter((hall) => hall.tier === 'FLAGSHIP').length);
    expect(flagship.facets.tier.every((bucket) => bucket.count > 0)).toBe(true);
  });
});

describe('one hall', () => {
  it('finds a hall by code and as a Relay node, with its region and opening state at given times', async () => {
    const small = ANCHOR_HALLS[2];
    if (!small) throw new Error('seed anchor missing');
    const data = expectData(
      await server.graphql<{
        hall: {
          id: string;
          code: string;
          partner: string | null;
          region: { code: string; name: string; ancestors: Array<{ name: string }> };
          morning: boolean;
          lunch: boolean;
          afternoon: boolean;
          festival: boolean;
          makeUpDay: boolean;
          atLunch: { at: string; opens: boolean };
          openingHours: { weekly: Array<Array<{ start: string; end: string }>>; summary: string };
        };
      }>(
        `query ($code: String!, $m: DateTime!, $l: DateTime!, $a: DateTime!, $f: DateTime!, $mu: DateTime!) {
          hall(code: $code) { id code partner region { code name ancestors { name } }
            morning: isOpenAt(at: $m) lunch: isOpenAt(at: $l) afternoon: isOpenAt(at: $a)
            festival: isOpenAt(at: $f) makeUpDay: isOpenAt(at: $mu)
            atLunch: nextChange(at: $l) { at opens }
            openingHours { weekly { start end } summary } } }`,
        {
          code: small.code.toLowerCase(),
          m: cst('2026-03-04T11:00:00'),
          l: cst('2026-03-04T12:30:00'),
          a: cst('2026-03-04T14:30:00'),
          f: cst('2026-02-18T10:00:00'),
          // Saturday 28 February 2026 is a make-up working day: weekday hours, so open at 15:00.
          mu: cst('2026-02-28T15:00:00'),
        },
      ),
    ).hall;
    expect(data).toMatchObject({
      code: small.code,
      partner: null,
      morning: true,
      lunch: false,
      afternoon: true,
    });
    expect(data.festival).toBe(false);
    expect(data.makeUpDay).toBe(true);
    expect(data.atLunch).toEqual({ at: cst('2026-03-04T14:00:00'), opens: true });
    expect(data.region).toMatchObject({ code: '420103', name: '江汉区' });
    expect(data.region.ancestors.map((region) => region.name)).toEqual(['湖北省', '武汉市']);
    expect(data.openingHours.weekly[0]).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ]);

    const node = expectData(
      await server.graphql<{ node: { code: string; openNow: boolean } }>(
        'query ($id: ID!) { node(id: $id) { ... on Hall { code openNow } } }',
        { id: data.id },
      ),
    ).node;
    expect(node.code).toBe(small.code);
    expect(typeof node.openNow).toBe('boolean');
    expect(expectData(await server.graphql('{ hall(code: "NO-SUCH-HALL") { code } }'))).toEqual({
      hall: null,
    });
  });

  it('relates hall articles by visibility: the public gets PUBLIC ones, agents INTERNAL ones too', async () => {
    const query = '{ hall(code: "HB-WH-A01") { relatedArticles(first: 20) { slug audience } } }';
    type Related = { hall: { relatedArticles: Array<{ slug: string; audience: string }> } };
    const publicView = expectData(await server.graphql<Related>(query)).hall.relatedArticles;
    const agentView = expectData(await server.graphql<Related>(query, {}, { token: agentToken })).hall
      .relatedArticles;
    expect(publicView.length).toBeGreaterThan(0);
    expect(publicView.every((article) => article.audience === 'PUBLIC')).toBe(true);
    expect(agentView.some((article) => article.audience === 'INTERNAL')).toBe(true);
  });
});

describe('near me', () => {
  const anchor = ANCHOR_HALLS[0];
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const haversine = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
    const h =
      Math.sin(toRad(b.lat - a.lat) / 2) ** 2 +
      Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(toRad(b.lng - a.lng) / 2) ** 2;
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
  };

  it('returns halls within the radius, nearest first, with their distance', async () => {
    if (!anchor) throw new Error('seed anchor missing');
    const near = { lat: anchor.location.lat + 0.001, lng: anchor.location.lng };
    const data = expectData(
      await server.graphql<{ nearbyHalls: Array<{ distanceMeters: number; hall: { code: string } }> }>(
        'query ($near: GeoPointInput!) { nearbyHalls(near: $near, radiusKm: 5, first: 100) { distanceMeters hall { code } } }',
        { near },
      ),
    ).nearbyHalls;
    const expected = seedHalls
      .map((hall) => ({ code: hall.code, distance: haversine(near, hall.location) }))
      .filter((entry) => entry.distance <= 5000)
      .sort((a, b) => a.distance - b.distance);
    expect(data.map((entry) => entry.hall.code)).toEqual(expected.map((entry) => entry.code));
    expect(data[0]?.hall.code).toBe(anchor.code);
    expect(data[0]?.distanceMeters).toBe(111); // 0.001° of latitude
    data.forEach((entry, index) => {
      expect(Math.abs(entry.distanceMeters - (expected[index]?.distance ?? 0))).toBeLessThanOrEqual(1);
      if (index > 0)
        expect(entry.distanceMeters).toBeGreaterThanOrEqual(data[index - 1]?.distanceMeters ?? 0);
    });
  });

  it('answers "the nearest open flagship hall that can replace a SIM" in one query', async () => {
    const data = expectData(
      await server.graphql<{
        nearbyHalls: Array<{
          distanceMeters: number;
          hall: { code: string; tier: string; services: string[] };
        }>;
      }>(
        `query ($at: DateTime!) { nearbyHalls(near: { lat: 30.60, lng: 114.30 }, radiusKm: 50, first: 3,
          filter: { tiers: [FLAGSHIP], services: [SIM_REPLACEMENT], openAt: $at }) {
            distanceMeters hall { code tier services } } }`,
        { at: cst('2026-03-04T20:00:00') },
      ),
    ).nearbyHalls;
    expect(data.length).toBe(3);
    for (const entry of data) {
      expect(entry.hall.tier).toBe('FLAGSHIP');
      expect(entry.hall.services).toContain('SIM_REPLACEMENT');
    }
    // At 20:00 only flagship halls (09:00-21:00) are open; all seeded flagships offer SIM replacement.
    const flagships = seedHalls
      .filter((hall) => hall.tier === 'FLAGSHIP' && hall.status === 'OPEN')
      .map((hall) => ({ code: hall.code, distance: haversine({ lat: 30.6, lng: 114.3 }, hall.location) }))
      .filter((entry) => entry.distance <= 50_000)
      .sort((a, b) => a.distance - b.distance);
    expect(data.map((entry) => entry.hall.code)).toEqual(flagships.slice(0, 3).map((entry) => entry.code));
  });

  it('refuses a bad radius and a bad point with their names', async () => {
    const radius = expectErrorCode(
      await server.graphql(
        '{ nearbyHalls(near: { lat: 30.6, lng: 114.3 }, radiusKm: 0) { distanceMeters } }',
      ),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(radius)).toEqual(['radiusKm']);
    const point = expectErrorCode(
      await server.graphql('{ nearbyHalls(near: { lat: 130.6, lng: 114.3 }) { distanceMeters } }'),
      'BAD_USER_INPUT',
    );
    expect(fieldPaths(point)).toEqual(['near.lat']);
  });
});

describe('channels', () => {
  type ChannelsData = {
    channels: {
      totalCount: number;
      nodes: Array<{
        code: string;
        kind: string;
        ownership: string;
        type: string;
        access: Array<{ kind: string; value: string; code: string | null; meaning: string | null }>;
      }>;
    };
  };
  const channels = async (filter: Record<string, unknown>) =>
    expectData(
      await server.graphql<ChannelsData>(
        'query ($filter: ChannelFilter) { channels(filter: $filter, first: 100) { totalCount nodes { code kind ownership type access { kind value code meaning } } } }',
        { filter },
      ),
    ).channels.nodes;

  it('lists the whole taxonomy and filters by kind, ownership, type and service', async () => {
    expect((await channels({})).length).toBe(seedChannels.length);
    const social = await channels({ ownerships: ['SOCIAL'] });
    expect(social.map((channel) => channel.type).sort()).toEqual([
      'AGENT_POINT',
      'COOPERATIVE_HALL',
      'FRANCHISE_STORE',
    ]);
    const direct = await channels({ kinds: ['DIRECT_SALES'] });
    expect(direct).toHaveLength(4);
    const hotlines = await channels({ types: ['HOTLINE'] });
    expect(
      hotlines
        .flatMap((channel) => channel.access.filter((a) => a.kind === 'PHONE').map((a) => a.value))
        .sort(),
    ).toEqual(['10000', '10010', '10086']);
    const passwords = await channels({ kinds: ['ELECTRONIC'], services: ['PASSWORD_SERVICE'] });
    const sms = passwords.find((channel) => channel.type === 'SMS_HALL');
    expect(sms?.access.map((access) => access.code)).toEqual(['401', '405', '406']);
    expect(passwords.flatMap((channel) => channel.access).some((access) => access.code === '1001031')).toBe(
      true,
    );
  });

  it('knows where terminals stand, and what stands in a hall', async () => {
    const data = expectData(
      await server.graphql<{
        channel: { halls: Array<{ code: string }> };
        hall: { channels: Array<{ code: string }> };
      }>(
        '{ channel(code: "SELF-SERVICE-TERMINAL") { halls { code } } hall(code: "HB-WH-A01") { channels { code } } }',
      ),
    );
    expect(data.channel.halls.length).toBe(
      seedHalls.filter((hall) => hall.tier !== 'SMALL' && hall.status !== 'CLOSED').length,
    );
    expect(data.hall.channels.map((channel) => channel.code)).toEqual(['SELF-SERVICE-TERMINAL']);
  });

  it('answers whereCanI with electronic channels and the nearest halls open now', async () => {
    const data = expectData(
      await server.graphql<{
        whereCanI: {
          channels: Array<{ code: string; kind: string }>;
          halls: Array<{ distanceMeters: number; hall: { services: string[]; openNow: boolean } }>;
        };
      }>(
        '{ whereCanI(service: PAYMENT, near: { lat: 30.58, lng: 114.287 }, radiusKm: 30) { channels { code kind } halls { distanceMeters hall { services openNow } } } }',
      ),
    ).whereCanI;
    expect(data.channels.map((channel) => channel.code)).toEqual(
      expect.arrayContaining(['WEB-HALL', 'MOBILE-HALL-APP', 'SELF-SERVICE-TERMINAL']),
    );
    expect(data.channels.every((channel) => channel.kind === 'ELECTRONIC')).toBe(true);
    for (const entry of data.halls) {
      expect(entry.hall.services).toContain('PAYMENT');
      expect(entry.hall.openNow).toBe(true);
    }
    const distances = data.halls.map((entry) => entry.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
});

describe('coverage', () => {
  type CoverageData = {
    coverage: {
      hallCount: number;
      countyCount: number;
      byTier: Array<{ value: string; count: number }>;
      byArea: Array<{ value: string; count: number }>;
      countiesWithoutOpenHall: Array<{ code: string }>;
      countiesWithoutRosterChannel: Array<{ code: string; population: number }>;
    };
  };
  const coverage = async (regionCode: string, populationThreshold = 30_000) =>
    expectData(
      await server.graphql<CoverageData>(
        `query ($r: String!, $p: Int) { coverage(regionCode: $r, populationThreshold: $p) {
          hallCount countyCount byTier { value count } byArea { value count }
          countiesWithoutOpenHall { code } countiesWithoutRosterChannel { code population } } }`,
        { r: regionCode, p: populationThreshold },
      ),
    ).coverage;

  /** What coverage should say, worked out from the seed data. */
  function expected(regionCode: string, threshold: number) {
    const counties = seedRegions.filter(
      (r) => r.level === 'COUNTY' && seedRegionPath(r.code).includes(regionCode),
    );
    const halls = seedHalls.filter(under(regionCode));
    const inCounty = (county: string) => halls.filter((hall) => hall.regionCode.startsWith(county));
    return {
      hallCount: halls.filter((hall) => hall.status !== 'CLOSED').length,
      countyCount: counties.length,
      withoutOpen: counties
        .filter((c) => !inCounty(c.code).some((h) => h.status === 'OPEN'))
        .map((c) => c.code),
      withoutRoster: counties
        .filter((c) => (c.population ?? 0) > threshold)
        .filter((c) => !inCounty(c.code).some((h) => h.roster && h.status !== 'CLOSED'))
        .map((c) => c.code),
      flagships: halls.filter((hall) => hall.status !== 'CLOSED' && hall.tier === 'FLAGSHIP').length,
    };
  }

  it('counts halls and finds uncovered counties in Liaoning (two counties without any hall)', async () => {
    const data = await coverage('210000');
    const want = expected('210000', 30_000);
    expect(data.hallCount).toBe(want.hallCount);
    expect(data.countyCount).toBe(8);
    expect(data.byTier.find((bucket) => bucket.value === 'FLAGSHIP')?.count).toBe(want.flagships);
    expect(data.countiesWithoutOpenHall.map((county) => county.code)).toEqual(want.withoutOpen);
    expect(data.countiesWithoutOpenHall.map((county) => county.code)).toEqual(
      expect.arrayContaining([...COUNTIES_WITHOUT_HALLS]),
    );
    expect(data.countiesWithoutRosterChannel.map((county) => county.code)).toEqual(want.withoutRoster);
    expect(data.countiesWithoutRosterChannel.map((county) => county.code)).toContain('210224');
    // 长海县 has 71,000 people: above a 100,000 threshold it no longer counts.
    const strict = await coverage('210000', 100_000);
    expect(strict.countiesWithoutRosterChannel.map((county) => county.code)).toEqual(
      expected('210000', 100_000).withoutRoster,
    );
    expect(strict.countiesWithoutRosterChannel.map((county) => county.code)).not.toContain('210224');
  });

  it('tells a county with only a closed hall from one whose halls are off the roster (Henan)', async () => {
    const data = await coverage('410000');
    const want = expected('410000', 30_000);
    expect(data.hallCount).toBe(want.hallCount);
    expect(data.countyCount).toBe(want.countyCount);
    const withoutOpen = data.countiesWithoutOpenHall.map((county) => county.code);
    const withoutRoster = data.countiesWithoutRosterChannel.map((county) => county.code);
    expect(withoutOpen).toEqual(want.withoutOpen);
    expect(withoutRoster).toEqual(want.withoutRoster);
    expect(withoutOpen).toContain(COUNTY_WITH_ONLY_CLOSED_HALL);
    expect(withoutRoster).not.toContain(COUNTY_WITH_ONLY_CLOSED_HALL);
    expect(withoutRoster).toContain(COUNTY_OFF_ROSTER);
    expect(withoutOpen).not.toContain(COUNTY_OFF_ROSTER);
  });

  it('answers NOT_FOUND for an unknown region', async () => {
    expectErrorCode(await server.graphql('{ coverage(regionCode: "999999") { hallCount } }'), 'NOT_FOUND');
  });
});

describe('seeding', () => {
  it('is idempotent: a second run writes no region, hall or channel', async () => {
    const report = await seedDatabase(server.app, { onlyEmpty: false });
    const written = Object.fromEntries(report.map((line) => [line.name, line.written]));
    expect(written).toMatchObject({ regions: 0, halls: 0, channels: 0 });
    expect((await page({}, 1)).totalCount).toBe(seedHalls.length);
  });
});
