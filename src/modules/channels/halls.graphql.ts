/**
 * The GraphQL surface of regions, halls, coverage. Over 350 lines because every field, argument and input field
 * carries a description (a test requires it); to be split into types / queries / mutations files.
 */
import type { WithId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { connectionPage, forwardPage, given, objectIdOf, underInput } from '../../schema/paging.js';
import { ArticleRef } from '../knowledge/schema.js';
import type { ArticleView } from '../knowledge/index.js';
import {
  AccessibilityEnum,
  ChannelRef,
  HallAreaEnum,
  HallOperationEnum,
  HallOrderByEnum,
  HallRef,
  HallStatusEnum,
  HallTierEnum,
  ImportActionEnum,
  ImportFormatEnum,
  RegionLevelEnum,
  RegionRef,
  ServiceKindEnum,
} from './channel-enums.graphql.js';
import { encodeHallCursor, ROSTER_POPULATION_THRESHOLD } from './channels.service.js';
import type {
  CoverageReport,
  HallFilter,
  HallRef as HallKey,
  ImportReport,
  ImportRowReport,
  NearbyHall,
} from './channels.service.js';
import { HALL_AREAS, HALL_OPERATIONS, HALL_STATUSES, HALL_TIERS, SERVICE_KINDS } from './hall.model.js';
import type { GeoPoint, HallDoc, OpeningHours, SpecialDate, TimeInterval } from './hall.model.js';
import type { Bucket, HallFacetCounts } from './hall.repository.js';
import { formatHoursSpec, HALL_TIME_ZONE } from './opening-hours.js';
import type { RegionDoc } from './region.model.js';

/** Halls per page at most (the service refuses more). */
const MAX_HALL_PAGE = 100;

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

// ---- halls --------------------------------------------------------------------------------------

const GeoPointRef = builder.objectRef<GeoPoint>('GeoPoint').implement({
  description: 'A position in WGS84 degrees.',
  fields: (t) => ({
    lat: t.exposeFloat('lat', { description: 'Latitude, -90 to 90.' }),
    lng: t.exposeFloat('lng', { description: 'Longitude, -180 to 180.' }),
  }),
});
const TimeIntervalRef = builder.objectRef<TimeInterval>('TimeInterval').implement({
  description: 'Local time (Asia/Shanghai), HH:MM; start inclusive, end exclusive; end may be 24:00.',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'Opens, HH:MM.' }),
    end: t.exposeString('end', { description: 'Closes, HH:MM (24:00 allowed).' }),
  }),
});
const SpecialDateRef = builder.objectRef<SpecialDate>('SpecialDate').implement({
  description: 'A holiday or make-up working day with other hours than the weekly schedule.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD (Asia/Shanghai).' }),
    closed: t.exposeBoolean('closed', { description: 'Closed all day.' }),
    intervals: t.field({
      type: [TimeIntervalRef],
      description: 'The hours that day (empty when closed).',
      resolve: (entry) => entry.intervals,
    }),
    note: t.exposeString('note', { nullable: true, description: 'Why, e.g. 春节.' }),
  }),
});
const OpeningHoursRef = builder.objectRef<OpeningHours>('OpeningHours').implement({
  description: 'When a hall is open: a weekly schedule and dates that override it.',
  fields: (t) => ({
    timeZone: t.string({ description: 'Always Asia/Shanghai.', resolve: () => HALL_TIME_ZONE }),
    weekly: t.field({
      type: t.listRef(t.listRef(TimeIntervalRef)),
      description: 'Seven days, Monday first; several intervals a day for a lunch break; empty = closed.',
      resolve: (hours) => hours.weekly,
    }),
    special: t.field({
      type: [SpecialDateRef],
      description: 'Dates that override the weekly schedule.',
      resolve: (hours) => hours.special,
    }),
    summary: t.string({
      description: 'The compact notation, e.g. "mon 08:30-12:00,14:00-17:30; 2026-02-17 closed".',
      resolve: (hours) => formatHoursSpec(hours),
    }),
  }),
});
const HallChangeRef = builder.objectRef<{ at: Date; opens: boolean }>('HallChange').implement({
  description: 'The next time a hall opens or closes.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    opens: t.exposeBoolean('opens', { description: 'true: the hall opens then; false: it closes.' }),
  }),
});

builder.node(HallRef, {
  description: 'A business hall (营业厅).',
  id: { resolve: (hall) => hall._id.toHexString() },
  loadOne: (id, context) =>
    /^[0-9a-f]{24}$/i.test(id) ? context.loaders.channels.hallById.load(id.toLowerCase()) : null,
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Unique, e.g. HB-SJZ-001.' }),
    name: t.string({
      description: 'The name. Halls are named in Chinese only: every locale gets that name.',
      args: { locale: t.arg(localeArg()) },
      resolve: (hall) => hall.name,
    }),
    tier: t.field({ type: HallTierEnum, description: 'By function.', resolve: (hall) => hall.tier }),
    operation: t.field({
      type: HallOperationEnum,
      description: 'Who runs the business.',
      resolve: (hall) => hall.operation,
    }),
    partner: t.exposeString('partner', { nullable: true, description: 'Who runs a PARTNER_OPERATED hall.' }),
    area: t.field({ type: HallAreaEnum, description: 'Urban or township.', resolve: (hall) => hall.area }),
    regionCode: t.exposeString('regionCode', { description: 'The code of its county or township.' }),
    region: t.field({
      type: RegionRef,
      nullable: true,
      description: 'Its county or township; null if the region is unknown.',
      resolve: (hall, _args, context) => context.loaders.channels.regionByCode.load(hall.regionCode),
    }),
    address: t.exposeString('address', { description: 'The street address.' }),
    location: t.field({ type: GeoPointRef, description: 'Where it is.', resolve: (hall) => hall.location }),
    floorAreaM2: t.exposeFloat('floorAreaM2', { description: 'Floor area in square metres.' }),
    services: t.field({
      type: [ServiceKindEnum],
      description: 'What customers can get done there.',
      resolve: (hall) => hall.services,
    }),
    openingHours: t.field({
      type: OpeningHoursRef,
      description: 'When it is open.',
      resolve: (hall) => hall.openingHours,
    }),
    status: t.field({
      type: HallStatusEnum,
      description: 'Open, temporarily closed or closed.',
      resolve: (hall) => hall.status,
    }),
    phone: t.exposeString('phone', { nullable: true, description: 'A phone number customers may call.' }),
    accessibility: t.field({
      type: [AccessibilityEnum],
      description: 'What it offers customers with disabilities.',
      resolve: (hall) => hall.accessibility,
    }),
    roster: t.exposeBoolean('roster', { description: 'On the roster of listed channels (名单制渠道).' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    openNow: t.boolean({
      description: 'Status OPEN and inside its hours now (Asia/Shanghai, special dates first).',
      resolve: (hall, _args, context) => context.app.services.channels.isHallOpenAt(hall, new Date()),
    }),
    isOpenAt: t.boolean({
      description: 'Status OPEN and inside its hours at an instant.',
      args: { at: t.arg({ type: 'DateTime', required: true, description: 'The instant.' }) },
      resolve: (hall, args, context) => context.app.services.channels.isHallOpenAt(hall, args.at),
    }),
    nextChange: t.field({
      type: HallChangeRef,
      nullable: true,
      description:
        'When it next opens or closes (from `at`, default now); null if not OPEN or no change within 31 days.',
      args: { at: t.arg({ type: 'DateTime', required: false, description: 'From when (default now).' }) },
      resolve: (hall, args, context) =>
        context.app.services.channels.hallNextChange(hall, args.at ?? new Date()),
    }),
    channels: t.field({
      type: [ChannelRef],
      description: 'Channels present in this hall (self-service and MINI terminals ...).',
      resolve: (hall, _args, context) => context.loaders.channels.channelsByHallCode.load(hall.code),
    }),
    relatedArticles: t.field({
      type: [ArticleRef],
      description:
        "Published articles about halls (category halls, or tagged with the hall's tier) you may read; at most 20.",
      args: { first: t.arg.int({ defaultValue: 5, description: 'How many (0-20).' }) },
      resolve: async (hall, args, context) => {
        const docs = await context.loaders.channels.hallArticlesByTier.load(hall.tier);
        return docs
          .map((doc) => context.app.services.knowledge.view(context.principal, doc))
          .filter((view): view is ArticleView => view !== null)
          .slice(0, Math.max(0, Math.min(args.first ?? 5, 20)));
      },
    }),
  }),
});

/** Counts for every value of an enum (zero included), so a filter panel can list them all. */
function allBuckets<T extends string>(
  values: readonly T[],
  counts: Bucket[],
): Array<{ value: T; count: number }> {
  const byValue = new Map(counts.map((bucket) => [bucket.value, bucket.count]));
  return values.map((value) => ({ value, count: byValue.get(value) ?? 0 }));
}
type CountedEnum =
  | typeof HallTierEnum
  | typeof HallOperationEnum
  | typeof HallAreaEnum
  | typeof ServiceKindEnum
  | typeof HallStatusEnum;
function countType<T extends string>(name: string, valueType: CountedEnum, what: string) {
  return builder.objectRef<{ value: T; count: number }>(name).implement({
    description: `How many halls have one ${what}.`,
    fields: (t) => ({
      value: t.field({
        type: valueType,
        description: `The ${what}.`,
        resolve: (bucket) => bucket.value as never,
      }),
      count: t.exposeInt('count', { description: 'Halls with it (zero included).' }),
    }),
  });
}
const TierCount = countType<(typeof HALL_TIERS)[number]>('HallTierCount', HallTierEnum, 'tier');
const OperationCount = countType<(typeof HALL_OPERATIONS)[number]>(
  'HallOperationCount',
  HallOperationEnum,
  'operation',
);
const AreaCount = countType<(typeof HALL_AREAS)[number]>('HallAreaCount', HallAreaEnum, 'area');
const ServiceCount = countType<(typeof SERVICE_KINDS)[number]>(
  'ServiceKindCount',
  ServiceKindEnum,
  'service',
);
const StatusCount = countType<(typeof HALL_STATUSES)[number]>('HallStatusCount', HallStatusEnum, 'status');

const HallFacets = builder.objectRef<HallFacetCounts>('HallFacets').implement({
  description: 'Counts under the current filter, every value listed (zero included).',
  fields: (t) => ({
    tier: t.field({
      type: [TierCount],
      description: 'Per tier.',
      resolve: (f) => allBuckets(HALL_TIERS, f.tier),
    }),
    operation: t.field({
      type: [OperationCount],
      description: 'Per operation.',
      resolve: (f) => allBuckets(HALL_OPERATIONS, f.operation),
    }),
    area: t.field({
      type: [AreaCount],
      description: 'Per area.',
      resolve: (f) => allBuckets(HALL_AREAS, f.area),
    }),
    services: t.field({
      type: [ServiceCount],
      description: 'Per service offered.',
      resolve: (f) => allBuckets(SERVICE_KINDS, f.services),
    }),
    status: t.field({
      type: [StatusCount],
      description: 'Per status.',
      resolve: (f) => allBuckets(HALL_STATUSES, f.status),
    }),
  }),
});

export const NearbyHallRef = builder.objectRef<NearbyHall>('NearbyHall').implement({
  description: 'A hall and how far it is.',
  fields: (t) => ({
    hall: t.field({ type: HallRef, description: 'The hall.', resolve: (entry) => entry.hall }),
    distanceMeters: t.exposeInt('distanceMeters', { description: 'Great-circle distance from `near`.' }),
  }),
});

const HallFilterInput = builder.inputType('HallFilter', {
  description: 'Every field narrows the result; lists match any of their values, except services (all of).',
  fields: (t) => ({
    regionCode: t.string({ description: 'A region code: halls in it and everything under it.' }),
    tiers: t.field({ type: [HallTierEnum], description: 'Any of these tiers.' }),
    operations: t.field({ type: [HallOperationEnum], description: 'Any of these operations.' }),
    areas: t.field({ type: [HallAreaEnum], description: 'Any of these areas.' }),
    services: t.field({ type: [ServiceKindEnum], description: 'Halls offering all of these.' }),
    status: t.field({ type: HallStatusEnum, description: 'Only halls with this status.' }),
    openAt: t.field({ type: 'DateTime', description: 'Only halls open at this instant.' }),
    text: t.string({ description: 'Part of the name or address (Chinese or not, case-insensitive).' }),
  }),
});
export const GeoPointInput = builder.inputType('GeoPointInput', {
  description: 'A position in WGS84 degrees.',
  fields: (t) => ({
    lat: t.float({ required: true, description: 'Latitude, -90 to 90.' }),
    lng: t.float({ required: true, description: 'Longitude, -180 to 180.' }),
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
  hallsCsv: t.string({
    nullable: true,
    description:
      'The halls matching the filter (at most 5,000) as CSV in the importHalls format, in code order (admins; null with an error for others). Cells starting with = + - @, tab or CR get a leading apostrophe, which importHalls removes.',
    args: { filter: t.arg({ type: HallFilterInput, required: false, description: 'Which halls.' }) },
    resolve: (_root, args, context) =>
      context.app.services.channels.exportHallsCsv(context.principal, (args.filter ?? {}) as HallFilter),
  }),
  halls: t.connection(
    {
      type: HallRef,
      description: `Halls matching the filter, in keyset pages of at most ${MAX_HALL_PAGE}, with totalCount and facets.`,
      args: {
        filter: t.arg({ type: HallFilterInput, required: false, description: 'Which halls.' }),
        orderBy: t.arg({ type: HallOrderByEnum, defaultValue: 'CODE', description: 'The order.' }),
      },
      resolve: async (_root, args, context) => {
        const { first, after } = forwardPage(args);
        const page = await context.app.services.channels.listHalls(
          args.filter ?? {},
          args.orderBy ?? 'CODE',
          first,
          after,
        );
        return {
          ...connectionPage(
            page.items,
            (hall) => encodeHallCursor(page.order, hall),
            page.hasNextPage,
            after,
          ),
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
          description: 'Counts per tier, operation, area, service and status under the filter.',
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
    resolve: (_root, args, context) => context.app.services.channels.hallByCode(args.code),
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
      context.app.services.channels.nearbyHalls(
        args.near,
        args.radiusKm ?? 10,
        (args.filter ?? {}) as HallFilter,
        args.first,
      ),
  }),
  regions: t.field({
    type: [RegionRef],
    description: 'The children of a region (the provinces without parentCode), in code order.',
    args: { parentCode: t.arg.string({ required: false, description: 'The parent region code.' }) },
    resolve: (_root, args, context) => context.app.services.regions.findChildren(args.parentCode ?? null),
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
      context.app.services.channels.coverage(
        args.regionCode,
        args.populationThreshold ?? ROSTER_POPULATION_THRESHOLD,
      ),
  }),
}));

// ---- mutations ----------------------------------------------------------------------------------

const TimeIntervalInput = builder.inputType('TimeIntervalInput', {
  description: 'Local time (Asia/Shanghai); start inclusive, end exclusive.',
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM' }),
    end: t.string({ required: true, description: 'HH:MM, after start; 24:00 allowed' }),
  }),
});
const SpecialDateInput = builder.inputType('SpecialDateInput', {
  description: 'A date with other hours than the weekly schedule.',
  fields: (t) => ({
    date: t.string({ required: true, description: 'YYYY-MM-DD' }),
    closed: t.boolean({ defaultValue: false, description: 'Closed all day.' }),
    intervals: t.field({ type: [TimeIntervalInput], description: 'The hours that day.' }),
    note: t.string({ description: 'Why, e.g. 春节.' }),
  }),
});
const OpeningHoursInput = builder.inputType('OpeningHoursInput', {
  description: 'A weekly schedule and the dates that override it.',
  fields: (t) => ({
    weekly: t.field({
      type: t.listRef(t.listRef(TimeIntervalInput)),
      required: true,
      description: 'Seven lists, Monday first; an empty list is a closed day.',
    }),
    special: t.field({ type: [SpecialDateInput], description: 'Dates that override it.' }),
  }),
});

const HallIdentifierInput = builder.inputType('HallIdentifierInput', {
  description: 'Names one hall: by global id or by code (exactly one).',
  isOneOf: true,
  fields: (t) => ({
    id: t.id({ description: 'The global id of the hall.' }),
    code: t.string({ description: 'The hall code, e.g. HB-SJZ-001.' }),
  }),
});

/** The hall a HallIdentifierInput names. @throws BAD_USER_INPUT naming `field.id`. */
function hallKey(identifier: { id?: string | null; code?: string | null }, field: string): HallKey {
  if (identifier.code) return { code: identifier.code };
  if (identifier.id) return { id: objectIdOf(identifier.id, 'Hall', `${field}.id`) };
  throw badField(field, 'give the id or the code of the hall');
}

const hallFieldDescriptions = {
  code: 'Unique, e.g. HB-SJZ-001.',
  name: 'The name (Chinese).',
  tier: 'By function.',
  operation: 'Who runs the business.',
  partner: 'Required for PARTNER_OPERATED.',
  area: 'URBAN or TOWNSHIP (a TOWNSHIP hall is SMALL).',
  regionCode: 'A county/district (URBAN) or a township (TOWNSHIP).',
  address: 'The street address.',
  location: 'Where it is.',
  floorAreaM2: 'Floor area in square metres.',
  services: 'What customers can get done there.',
  openingHours: 'When it is open.',
  status: 'Default OPEN.',
  phone: 'A phone number customers may call.',
  accessibility: 'What it offers customers with disabilities.',
  roster: 'On the roster of listed channels.',
} as const;

const CreateHallInput = builder.inputType('CreateHallInput', {
  description: 'A whole hall.',
  fields: (t) => ({
    code: t.string({ required: true, description: hallFieldDescriptions.code }),
    name: t.string({ required: true, description: hallFieldDescriptions.name }),
    tier: t.field({ type: HallTierEnum, required: true, description: hallFieldDescriptions.tier }),
    operation: t.field({
      type: HallOperationEnum,
      required: true,
      description: hallFieldDescriptions.operation,
    }),
    partner: t.string({ description: hallFieldDescriptions.partner }),
    area: t.field({ type: HallAreaEnum, required: true, description: hallFieldDescriptions.area }),
    regionCode: t.string({ required: true, description: hallFieldDescriptions.regionCode }),
    address: t.string({ required: true, description: hallFieldDescriptions.address }),
    location: t.field({ type: GeoPointInput, required: true, description: hallFieldDescriptions.location }),
    floorAreaM2: t.float({ required: true, description: hallFieldDescriptions.floorAreaM2 }),
    services: t.field({
      type: [ServiceKindEnum],
      required: true,
      description: hallFieldDescriptions.services,
    }),
    openingHours: t.field({
      type: OpeningHoursInput,
      required: true,
      description: hallFieldDescriptions.openingHours,
    }),
    status: t.field({ type: HallStatusEnum, description: hallFieldDescriptions.status }),
    phone: t.string({ description: hallFieldDescriptions.phone }),
    accessibility: t.field({ type: [AccessibilityEnum], description: hallFieldDescriptions.accessibility }),
    roster: t.boolean({ description: hallFieldDescriptions.roster }),
  }),
});

const UpdateHallInput = builder.inputType('UpdateHallInput', {
  description: 'Changes to a hall: only the fields given change; the result must pass every rule.',
  fields: (t) => ({
    hall: t.field({ type: HallIdentifierInput, required: true, description: 'The hall to change.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you edited; CONFLICT (with the current version) when it moved on.',
    }),
    code: t.string({ description: `A new code. ${hallFieldDescriptions.code}` }),
    name: t.string({ description: hallFieldDescriptions.name }),
    tier: t.field({ type: HallTierEnum, description: hallFieldDescriptions.tier }),
    operation: t.field({ type: HallOperationEnum, description: hallFieldDescriptions.operation }),
    partner: t.string({ description: hallFieldDescriptions.partner }),
    area: t.field({ type: HallAreaEnum, description: hallFieldDescriptions.area }),
    regionCode: t.string({ description: hallFieldDescriptions.regionCode }),
    address: t.string({ description: hallFieldDescriptions.address }),
    location: t.field({ type: GeoPointInput, description: hallFieldDescriptions.location }),
    floorAreaM2: t.float({ description: hallFieldDescriptions.floorAreaM2 }),
    services: t.field({ type: [ServiceKindEnum], description: hallFieldDescriptions.services }),
    openingHours: t.field({ type: OpeningHoursInput, description: hallFieldDescriptions.openingHours }),
    status: t.field({ type: HallStatusEnum, description: 'Open, temporarily closed or closed.' }),
    phone: t.string({ description: hallFieldDescriptions.phone }),
    accessibility: t.field({ type: [AccessibilityEnum], description: hallFieldDescriptions.accessibility }),
    roster: t.boolean({ description: hallFieldDescriptions.roster }),
  }),
});

const SetHallStatusInput = builder.inputType('SetHallStatusInput', {
  description: 'A hall and its new status.',
  fields: (t) => ({
    hall: t.field({ type: HallIdentifierInput, required: true, description: 'The hall.' }),
    status: t.field({ type: HallStatusEnum, required: true, description: 'The new status.' }),
    expectedVersion: t.int({ description: 'When given, refused with CONFLICT if stale.' }),
  }),
});

const ImportHallsInput = builder.inputType('ImportHallsInput', {
  description: 'A file of halls to create or update by code.',
  fields: (t) => ({
    format: t.field({ type: ImportFormatEnum, required: true, description: 'CSV or JSON.' }),
    data: t.string({ required: true, description: 'The file contents.' }),
    dryRun: t.boolean({ defaultValue: false, description: 'Validate and report only; write nothing.' }),
    skipInvalid: t.boolean({
      defaultValue: false,
      description: 'Write the valid rows even when some are invalid.',
    }),
  }),
});

function hallPayload(name: string, description: string) {
  return builder.objectRef<{ hall: WithId<HallDoc> }>(name).implement({
    description,
    fields: (t) => ({
      hall: t.field({
        type: HallRef,
        description: 'The hall as it is now.',
        resolve: (payload) => payload.hall,
      }),
    }),
  });
}
const CreateHallPayload = hallPayload('CreateHallPayload', 'The new hall.');
const UpdateHallPayload = hallPayload('UpdateHallPayload', 'The changed hall.');
const SetHallStatusPayload = hallPayload('SetHallStatusPayload', 'The hall with its new status.');

const FieldErrorRef = builder.objectRef<{ path: string; message: string }>('ImportFieldError').implement({
  description: 'One invalid field of an import row.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The field, e.g. rows[3].tier.' }),
    message: t.exposeString('message', { description: 'What is wrong.' }),
  }),
});
const ImportRowRef = builder.objectRef<ImportRowReport>('ImportRow').implement({
  description: 'What the import did (or would do) with one record.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: '0-based index of the record; errors name rows[row].field.' }),
    line: t.exposeInt('line', { nullable: true, description: 'The CSV line the record starts on.' }),
    code: t.exposeString('code', { nullable: true, description: 'The hall code, when readable.' }),
    action: t.field({ type: ImportActionEnum, description: 'What happened.', resolve: (row) => row.action }),
    errors: t.field({
      type: [FieldErrorRef],
      description: 'Why it is INVALID.',
      resolve: (row) => row.errors,
    }),
  }),
});
const ImportHallsPayload = builder.objectRef<ImportReport>('ImportHallsPayload').implement({
  description: 'The import report, per row.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', { description: 'It was a dry run.' }),
    applied: t.exposeBoolean('applied', { description: 'Whether the valid rows were written.' }),
    created: t.exposeInt('created', { description: 'Rows that create a hall.' }),
    updated: t.exposeInt('updated', { description: 'Rows that change a hall.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rows already as stored.' }),
    invalid: t.exposeInt('invalid', { description: 'Rows refused.' }),
    rows: t.field({ type: [ImportRowRef], description: 'Every row, in file order.', resolve: (r) => r.rows }),
  }),
});

builder.mutationFields((t) => ({
  createHall: t.field({
    type: CreateHallPayload,
    nullable: true,
    description: 'Creates a hall (admins). CONFLICT when the code is taken.',
    args: { input: t.arg({ type: CreateHallInput, required: true, description: 'The hall.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => ({
        hall: await context.app.services.channels.createHall(context.principal, given(args.input)),
      })),
  }),
  updateHall: t.field({
    type: UpdateHallPayload,
    nullable: true,
    description: 'Changes a hall named by id or code (admins); CONFLICT when expectedVersion is stale.',
    args: { input: t.arg({ type: UpdateHallInput, required: true, description: 'The hall and changes.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => {
        const { hall, expectedVersion, ...patch } = args.input;
        return {
          hall: await context.app.services.channels.updateHall(
            context.principal,
            hallKey(hall, 'input.hall'),
            expectedVersion,
            given(patch),
          ),
        };
      }),
  }),
  setHallStatus: t.field({
    type: SetHallStatusPayload,
    nullable: true,
    description: 'Opens, temporarily closes or closes a hall (admins).',
    args: { input: t.arg({ type: SetHallStatusInput, required: true, description: 'The hall and status.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        hall: await context.app.services.channels.setHallStatus(
          context.principal,
          hallKey(input.hall, 'input.hall'),
          input.status,
          input.expectedVersion,
        ),
      })),
  }),
  importHalls: t.field({
    type: ImportHallsPayload,
    nullable: true,
    description:
      'Validates every row and reports per row; writes nothing on dryRun or when a row is invalid, unless skipInvalid (admins).',
    args: { input: t.arg({ type: ImportHallsInput, required: true, description: 'The file.' }) },
    resolve: (_root, { input }, context) =>
      underInput(() =>
        context.app.services.channels.importHalls(context.principal, {
          format: input.format,
          data: input.data,
          dryRun: input.dryRun ?? false,
          skipInvalid: input.skipInvalid ?? false,
        }),
      ),
  }),
}));
