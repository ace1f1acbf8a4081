/** The region tree in GraphQL: the Region node and the `regions` query. */
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { RegionLevelEnum, RegionRef } from './region.refs.graphql.js';
import type { RegionDoc } from './region.model.js';

// ---- regions ------------------------------------------------------------------------------------

builder.node(RegionRef, {
  description: 'An administrative region: province > city > county/district > township.',
  id: { resolve: (region) => region.code },
  loadOne: (code, context) => context.loaders.regions.regionByCode.load(code),
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
        region.parentCode ? context.loaders.regions.regionByCode.load(region.parentCode) : null,
    }),
    ancestors: t.field({
      type: [RegionRef],
      description: 'From the province down to the parent.',
      resolve: async (region, _args, context) => {
        const loaded = await context.loaders.regions.regionByCode.loadMany(region.path.slice(0, -1));
        return loaded.filter((doc): doc is RegionDoc => doc !== null && !(doc instanceof Error));
      },
    }),
  }),
});

// ---- queries ------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  regions: t.field({
    type: [RegionRef],
    description: 'The children of a region (the provinces without parentCode), in code order.',
    args: { parentCode: t.arg.string({ required: false, description: 'The parent region code.' }) },
    resolve: (_root, args, context) => context.services.regionReader.childRegions(args.parentCode ?? null),
  }),
}));
