import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WithId } from 'mongodb';
import { seedDatabase } from '../../seed/index.js';
import { distanceMeters } from '../../src/modules/halls/geo.js';
import type { HallDoc } from '../../src/modules/halls/hall.model.js';
import { checkSearchIndex } from '../../src/modules/indexing/maintenance.js';
import { expectData } from '../helpers/graphql.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// The hall finder served from the halls index (Meilisearch geo and text), kept in sync like articles.
let server: TestServer;
let halls: WithId<HallDoc>[];
const WUHAN = { lat: 30.5928, lng: 114.3055 };

beforeAll(async () => {
  server = await startTestServer({}, { indexer: true });
  await seedDatabase(server.app, { onlyEmpty: false });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  halls = await server.app.db.collection<HallDoc>('halls').find({}).toArray();
}, 180_000);
afterAll(async () => {
  await server.stop();
});

const NEARBY = `query ($near: GeoPointInput!, $radiusKm: Float, $filter: HallFilter, $first: Int) {
  nearbyHalls(near: $near, radiusKm: $radiusKm, filter: $filter, first: $first) { distanceMeters hall { code tier } }
}`;
type Nearby = { nearbyHalls: Array<{ distanceMeters: number; hall: { code: string; tier: string } }> };

function expectedNearest(
  near: typeof WUHAN,
  radiusKm: number,
  first: number,
  keep: (hall: HallDoc) => boolean = () => true,
) {
  return halls
    .filter(keep)
    .map((hall) => ({ code: hall.code, distanceMeters: Math.round(distanceMeters(near, hall.location)) }))
    .filter((entry) => entry.distanceMeters <= radiusKm * 1000)
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.code.localeCompare(b.code))
    .slice(0, first);
}

describe('the halls index', () => {
  it('holds every hall with no drift once the indexer caught up', async () => {
    const report = await checkSearchIndex(
      {
        db: server.app.db,
        meili: server.app.meili,
        state: server.app.services.indexState,
        synonyms: server.app.services.synonymRepo,
      },
      server.app.services.projections.halls,
    );
    expect(report).toMatchObject({ drift: false, pending: 0, indexed: halls.length });
  });

  it('answers nearbyHalls from geo search: the same halls, order and distances as computed from the data', async () => {
    const data = expectData(await server.graphql<Nearby>(NEARBY, { near: WUHAN, radiusKm: 15, first: 10 }));
    const shown = data.nearbyHalls.map((entry) => ({
      code: entry.hall.code,
      distanceMeters: entry.distanceMeters,
    }));
    expect(shown).toEqual(expectedNearest(WUHAN, 15, 10));
    expect(shown.length).toBe(10);
  });

  it("really asks the index: a hall removed from the index behind MongoDB's back is not offered", async () => {
    const [nearest] = expectedNearest(WUHAN, 15, 1);
    const hall = halls.find((candidate) => candidate.code === nearest?.code);
    if (!hall) throw new Error('no hall near Wuhan');
    const index = server.app.meili.index(server.app.services.projections.halls.indexUid);
    await index.deleteDocument(hall._id.toHexString()).waitTask({ timeout: 60_000 });
    const data = expectData(await server.graphql<Nearby>(NEARBY, { near: WUHAN, radiusKm: 15, first: 3 }));
    expect(data.nearbyHalls.map((entry) => entry.hall.code)).not.toContain(hall.code);
    // Marking it pending (what every write does) brings it back at once, and the indexer restores it.
    await server.app.db.collection('halls').updateOne({ _id: hall._id }, { $set: { searchPending: true } });
    const again = expectData(await server.graphql<Nearby>(NEARBY, { near: WUHAN, radiusKm: 15, first: 3 }));
    expect(again.nearbyHalls[0]?.hall.code).toBe(hall.code);
    server.indexer?.nudge();
    await waitForSearchSync(server.app);
  });

  it('applies the filter in the geo search: the nearest flagship halls', async () => {
    const data = expectData(
      await server.graphql<Nearby>(NEARBY, {
        near: WUHAN,
        radiusKm: 50,
        first: 3,
        filter: { tiers: ['FLAGSHIP'] },
      }),
    );
    expect(data.nearbyHalls.map((entry) => entry.hall.code)).toEqual(
      expectedNearest(WUHAN, 50, 3, (hall) => hall.tier === 'FLAGSHIP').map((entry) => entry.code),
    );
  });

  it('finds halls by a Chinese place name in their name or address', async () => {
    const data = expectData(
      await server.graphql<{ halls: { totalCount: number; nodes: Array<{ code: string }> } }>(
        '{ halls(filter: { text: "鄂州" }, first: 100) { totalCount nodes { code } } }',
      ),
    );
    const literal = halls.filter((hall) => hall.name.includes('鄂州') || hall.address.includes('鄂州'));
    expect(literal.length).toBeGreaterThan(0);
    expect(data.halls.nodes.map((node) => node.code).sort()).toEqual(literal.map((hall) => hall.code).sort());
  });

  it('never lets index lag misplace a hall: a moved hall is found at its new place at once', async () => {
    const hall = halls.find((candidate) => candidate.regionPath.includes('420100'));
    if (!hall) throw new Error('no seeded hall in Wuhan');
    const admin = { token: await server.tokenFor(['admin'], 'admin-geo') };
    // Move it to the far side of the city; the index still has the old point until the indexer runs.
    const moved = { lat: hall.location.lat + 0.05, lng: hall.location.lng + 0.05 };
    const response = await server.graphql(
      'mutation ($code: String!, $v: Int!, $lat: Float!, $lng: Float!) { updateHall(input: { hall: { code: $code }, expectedVersion: $v, location: { lat: $lat, lng: $lng } }) { hall { version } } }',
      { code: hall.code, v: hall.version, lat: moved.lat, lng: moved.lng },
      admin,
    );
    expectData(response);
    const near = await server.graphql<Nearby>(NEARBY, { near: moved, radiusKm: 1, first: 5 });
    expect(expectData(near).nearbyHalls[0]).toEqual({
      distanceMeters: 0,
      hall: { code: hall.code, tier: hall.tier },
    });
    const old = await server.graphql<Nearby>(NEARBY, { near: hall.location, radiusKm: 0.05, first: 5 });
    expect(expectData(old).nearbyHalls.map((entry) => entry.hall.code)).not.toContain(hall.code);
    await waitForSearchSync(server.app);
  });
});
