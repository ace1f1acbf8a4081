import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getNamedType, isObjectType } from 'graphql';
import { hallReadsOf } from '../../src/modules/halls/hall-types.graphql.js';
import { buildSchema } from '../../src/schema/index.js';
import { seedDatabase } from '../../seed/index.js';
import { expectData } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
});
afterAll(async () => {
  await server.stop();
});

// Every Hall field, nested ones with what they resolve from the hall.
const HALL_FIELDS = `
  __typename id code name(locale: EN) tier operation partner area regionCode address
  region { code name } location { lat lng } floorAreaM2 services
  openingHours { timeZone summary weekly { start end } special { date closed note intervals { start end } } }
  status phone accessibility roster version updatedAt
  openNow isOpenAt(at: "2026-02-16T03:00:00.000Z") nextChange(at: "2026-02-16T03:00:00.000Z") { at opens }
  channels { code } relatedArticles { slug }`;

describe('a page of halls reads only what its selection resolves', () => {
  it('answers every Hall field as the whole stored hall does', async () => {
    type Page = { halls: { nodes: Array<Record<string, unknown> & { id: string }> } };
    const page = expectData(await server.graphql<Page>(`{ halls(first: 30) { nodes { ${HALL_FIELDS} } } }`))
      .halls.nodes;
    expect(page).toHaveLength(30);
    // `nodes(ids:)` loads whole halls (the DataLoader reads them unprojected).
    const whole = expectData(
      await server.graphql<{ nodes: unknown[] }>(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Hall { ${HALL_FIELDS} } } }`,
        { ids: page.map((hall) => hall.id) },
      ),
    ).nodes;
    expect(page).toEqual(whole);
  });

  it('reads a few fields for a narrow selection, and everything for a field it does not know', () => {
    expect(hallReadsOf(new Set(['code', 'openNow', 'region']))?.sort()).toEqual(
      ['code', 'openingHours', 'regionCode', 'status'].sort(),
    );
    expect(hallReadsOf(new Set(['code', 'someNewField']))).toBeUndefined();
  });

  it('knows what every Hall field of the schema reads', () => {
    const hall = buildSchema().getType('Hall');
    if (!isObjectType(hall)) throw new Error('no Hall type');
    const unknown = Object.values(hall.getFields())
      .filter((field) => hallReadsOf(new Set([field.name])) === undefined)
      .map((field) => `${field.name}: ${String(getNamedType(field.type))}`);
    // A new field works without an entry (the listing then reads whole halls): give it one.
    expect(unknown).toEqual([]);
  });
});
