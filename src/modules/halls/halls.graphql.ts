/** The GraphQL queries of halls: the CSV export, keyset pages with facets, one hall, nearby halls. */
import { builder } from '../../schema/builder.js';
import { connectionNodeFields, selectsField } from '../../schema/selection.js';
import { connectionPage, pageRequestOf } from '../../schema/paging.js';
import { HallOrderByEnum, HallRef } from './hall.refs.graphql.js';
import { encodeHallCursor } from './hall-cursor.js';
import type { HallFilter } from './hall-filter.js';
import {
  GeoPointInput,
  hallReadsOf,
  HallFacets,
  HallFilterInput,
  NearbyHallRef,
} from './hall-types.graphql.js';

/** Halls per page at most (the service refuses more). */
const MAX_HALL_PAGE = 100;

// ---- queries ------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  hallsCsv: t.string({
    nullable: true,
    description:
      'The halls matching the filter (at most 5,000) as CSV in the importHalls format, in code order (admins; null with an error for others). Cells starting with = + - @, tab or CR get a leading apostrophe, which importHalls removes.',
    args: { filter: t.arg({ type: HallFilterInput, required: false, description: 'Which halls.' }) },
    resolve: (_root, args, context) =>
      context.services.hallFinder.exportHallsCsv(context.principal, (args.filter ?? {}) as HallFilter),
  }),
  halls: t.connection(
    {
      type: HallRef,
      description: `Halls matching the filter, in keyset pages of at most ${MAX_HALL_PAGE}, with totalCount and facets.`,
      args: {
        filter: t.arg({ type: HallFilterInput, required: false, description: 'Which halls.' }),
        orderBy: t.arg({ type: HallOrderByEnum, defaultValue: 'CODE', description: 'The order.' }),
      },
      resolve: async (_root, args, context, info) => {
        const page = await context.services.hallFinder.listHalls(
          args.filter ?? {},
          args.orderBy ?? 'CODE',
          pageRequestOf(args),
          { withFacets: selectsField(info, 'facets'), reads: hallReadsOf(connectionNodeFields(info)) },
        );
        return {
          ...connectionPage(page.items, (hall) => encodeHallCursor(page.order, hall), page),
          totalCount: page.totalCount,
          facets: page.facets,
        };
      },
    },
    {
      name: 'HallConnection',
      description: 'A page of halls, with counts for the whole filter.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many halls match the filter (all pages).',
          resolve: (page) => page.totalCount(),
        }),
        facets: c.field({
          type: HallFacets,
          description:
            "Counts per tier, operation, area, service and status, disjunctive: each of tier, operation, area and status is counted under every filter except its own (with `tiers: [FLAGSHIP]` the tier counts still show what STANDARD or SMALL would give; the other facets count FLAGSHIP halls only). Services are 'all of', so their counts keep the services filter: how many halls would remain with that service added. `totalCount` is always under the whole filter.",
          resolve: (page) => page.facets(),
        }),
      }),
    },
    { name: 'HallEdge', description: 'One hall and its cursor.' },
  ),
  hall: t.field({
    type: HallRef,
    nullable: true,
    description: 'One hall by code; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'The hall code.' }) },
    resolve: (_root, args, context) => context.services.hallFinder.hallByCode(args.code),
  }),
  nearbyHalls: t.field({
    type: [NearbyHallRef],
    nullable: true,
    description:
      'Halls within radiusKm of a point, nearest first, at most 50, with the same filter as halls; null with an error when the search engine cannot answer.',
    args: {
      near: t.arg({ type: GeoPointInput, required: true, description: 'The point.' }),
      radiusKm: t.arg.float({ defaultValue: 10, description: 'The radius in kilometres.' }),
      filter: t.arg({ type: HallFilterInput, required: false, description: 'Which halls.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many at most.' }),
    },
    resolve: (_root, args, context) =>
      context.services.hallFinder.nearbyHalls(
        args.near,
        args.radiusKm ?? 10,
        (args.filter ?? {}) as HallFilter,
        args.first,
      ),
  }),
}));
