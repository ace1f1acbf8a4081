/** Coverage for planners in GraphQL: the Coverage report and the `coverage` query. */
import { builder } from '../../schema/builder.js';
import { RegionRef } from '../regions/schema.js';
import { allBuckets, AreaCount, OperationCount, TierCount } from '../halls/schema.js';
import { HALL_AREAS, HALL_OPERATIONS, HALL_TIERS } from '../halls/index.js';
import { ROSTER_POPULATION_THRESHOLD } from './coverage.service.js';
import type { CoverageReport } from './coverage.service.js';

const CoverageRef = builder.objectRef<CoverageReport>('Coverage').implement({
  description: 'For planners: what the halls under a region cover.',
  fields: (t) => ({
    region: t.field({ type: RegionRef, description: 'The region asked about.', resolve: (c) => c.region }),
    hallCount: t.exposeInt('hallCount', { description: 'Halls that are not permanently CLOSED.' }),
    byTier: t.field({
      type: [TierCount],
      description: 'Those halls per tier.',
      resolve: (c) => allBuckets(HALL_TIERS, c.tier),
    }),
    byOperation: t.field({
      type: [OperationCount],
      description: 'Those halls per operation.',
      resolve: (c) => allBuckets(HALL_OPERATIONS, c.operation),
    }),
    byArea: t.field({
      type: [AreaCount],
      description: 'Those halls per area.',
      resolve: (c) => allBuckets(HALL_AREAS, c.area),
    }),
    countyCount: t.int({ description: 'Counties under the region.', resolve: (c) => c.counties.length }),
    countiesWithoutOpenHall: t.field({
      type: [RegionRef],
      description: 'Counties with no OPEN hall.',
      resolve: (c) => c.countiesWithoutOpenHall,
    }),
    countiesWithoutRosterChannel: t.field({
      type: [RegionRef],
      description: 'Counties above populationThreshold people without a roster hall (the roster rule).',
      resolve: (c) => c.countiesWithoutRoster,
    }),
    populationThreshold: t.exposeInt('populationThreshold', {
      description: 'The population above which a county needs a roster hall.',
    }),
  }),
});

builder.queryFields((t) => ({
  coverage: t.field({
    type: CoverageRef,
    nullable: true,
    description:
      'Halls per tier/operation/area under a region and the counties they leave uncovered; null with NOT_FOUND for an unknown region.',
    args: {
      regionCode: t.arg.string({ required: true, description: 'The region.' }),
      populationThreshold: t.arg.int({
        defaultValue: ROSTER_POPULATION_THRESHOLD,
        description: 'Counties above this population need a roster hall.',
      }),
    },
    resolve: (_root, args, context) =>
      context.services.coverage.coverage(
        args.regionCode,
        args.populationThreshold ?? ROSTER_POPULATION_THRESHOLD,
      ),
  }),
}));
