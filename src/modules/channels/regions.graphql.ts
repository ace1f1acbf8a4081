/** The GraphQL surface of regions and coverage: the Region node, the Coverage report and their queries. */
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { RegionLevelEnum, RegionRef } from './channel-enums.graphql.js';
import { ROSTER_POPULATION_THRESHOLD } from './coverage.service.js';
import type { CoverageReport } from './coverage.service.js';
import { allBuckets, AreaCount, OperationCount, TierCount } from './hall-types.graphql.js';
import { HALL_AREAS, HALL_OPERATIONS, HALL_TIERS } from './hall.model.js';
import type { RegionDoc } from './region.model.js';

// ---- regions ------------------------------------------------------------------------------------

builder.node(RegionRef, {
  description: 'An administrative region: province > city > county/district > township.',
  id: { resolve: (region) => region.code },
  loadOne: (code, context) => context.loaders.channels.regionByCode.load(code),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The administrative code, e.g. 420700.' }),
    name: t.string({
      description: 'The name in the locale asked for, e.g. 鄂州市 / Ezhou.',
      args: { locale: t.arg(localeArg()) },
      resolve: (region, args) => (args.locale === 'en' ? region.nameEn : region.name),
    }),
    level: t.field({
      type: RegionLevelEnum,
      description: 'Province, city, county or township.',
      resolve: (region) => region.level,
    }),
    population: t.exposeInt('population', { nullable: true, description: 'Residents (counties).' }),
    parent: t.field({
      type: RegionRef,
      nullable: true,
      description: 'The region it belongs to; null for a province.',
      resolve: (region, _args, context) =>
        region.parentCode ? context.loaders.channels.regionByCode.load(region.parentCode) : null,
    }),
    ancestors: t.field({
      type: [RegionRef],
      description: 'From the province down to the parent.',
      resolve: async (region, _args, context) => {
        const loaded = await context.loaders.channels.regionByCode.loadMany(region.path.slice(0, -1));
        return loaded.filter((doc): doc is RegionDoc => doc !== null && !(doc instanceof Error));
      },
    }),
  }),
});

// ---- coverage -----------------------------------------------------------------------------------

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

// ---- queries ------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  regions: t.field({
    type: [RegionRef],
    description: 'The children of a region (the provinces without parentCode), in code order.',
    args: { parentCode: t.arg.string({ required: false, description: 'The parent region code.' }) },
    resolve: (_root, args, context) => context.services.coverage.childRegions(args.parentCode ?? null),
  }),
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
