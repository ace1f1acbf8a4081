import { decodeGlobalID } from '@pothos/plugin-relay';
import { ObjectId } from 'mongodb';
import type { WithId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { enumValues } from '../../schema/enums.js';
import { ArticleRef } from '../knowledge/knowledge.graphql.js';
import type { ArticleView } from '../knowledge/knowledge.service.js';
import { ACCESS_KINDS, CHANNEL_KINDS, CHANNEL_OWNERSHIPS, CHANNEL_TYPE_NAMES } from './channel.model.js';
import type { ChannelAccess, ChannelDoc } from './channel.model.js';
import { encodeHallCursor, IMPORT_ACTIONS, ROSTER_POPULATION_THRESHOLD } from './channels.service.js';
import type {
  CoverageReport,
  HallFilter,
  HallPage,
  HallRef as HallKey,
  ImportReport,
  ImportRowReport,
  NearbyHall,
} from './channels.service.js';
import { IMPORT_FORMATS } from './hall-import.js';
import {
  ACCESSIBILITY_FEATURES,
  HALL_AREAS,
  HALL_OPERATIONS,
  HALL_STATUSES,
  HALL_TIERS,
  SERVICE_KINDS,
} from './hall.model.js';
import type { GeoPoint, HallDoc, OpeningHours, SpecialDate, TimeInterval } from './hall.model.js';
import type { Bucket, HallFacetCounts } from './hall.repository.js';
import { formatHoursSpec, HALL_TIME_ZONE } from './opening-hours.js';
import { REGION_LEVELS } from './region.model.js';
import type { RegionDoc } from './region.model.js';

// ---- enums --------------------------------------------------------------------------------------

const HallTierEnum = builder.enumType('HallTier', {
  description: 'By function: FLAGSHIP 旗舰营业厅, STANDARD 标准营业厅, SMALL 小型营业厅.',
  values: enumValues(HALL_TIERS),
});
const HallOperationEnum = builder.enumType('HallOperation', {
  description: 'Who runs the business: SELF_OPERATED 自有自营, PARTNER_OPERATED 自有他营 (see partner).',
  values: enumValues(HALL_OPERATIONS),
});
const HallAreaEnum = builder.enumType('HallArea', {
  description: 'URBAN: county level or above. TOWNSHIP: below county level; a TOWNSHIP hall is always SMALL.',
  values: enumValues(HALL_AREAS),
});
const HallStatusEnum = builder.enumType('HallStatus', { values: enumValues(HALL_STATUSES) });
const ServiceKindEnum = builder.enumType('ServiceKind', {
  description: 'What a customer can get done at a hall or through a channel.',
  values: enumValues(SERVICE_KINDS),
});
const AccessibilityEnum = builder.enumType('AccessibilityFeature', {
  values: enumValues(ACCESSIBILITY_FEATURES),
});
const RegionLevelEnum = builder.enumType('RegionLevel', { values: enumValues(REGION_LEVELS) });
const ChannelKindEnum = builder.enumType('ChannelKind', { values: enumValues(CHANNEL_KINDS) });
const ChannelOwnershipEnum = builder.enumType('ChannelOwnership', {
  description: 'OWNED 自有渠道, SOCIAL 社会渠道 (run by third parties).',
  values: enumValues(CHANNEL_OWNERSHIPS),
});
const ChannelTypeEnum = builder.enumType('ChannelType', {
  description: 'The service-channel taxonomy; each type has one kind and one ownership.',
  values: enumValues(CHANNEL_TYPE_NAMES),
});
const AccessKindEnum = builder.enumType('AccessKind', { values: enumValues(ACCESS_KINDS) });
const HallOrderByEnum = builder.enumType('HallOrderBy', {
  description: 'Ascending, by code or by name (then by id).',
  values: { CODE: { value: 'CODE' as const }, NAME: { value: 'NAME' as const } },
});
const ImportFormatEnum = builder.enumType('ImportFormat', { values: enumValues(IMPORT_FORMATS) });
const ImportActionEnum = builder.enumType('ImportAction', { values: enumValues(IMPORT_ACTIONS) });

// ---- ids ----------------------------------------------------------------------------------------

/**
 * Decodes a Hall global id (or a raw ObjectId hex string).
 * @throws AppError BAD_USER_INPUT naming `field` when it is neither.
 */
export function hallObjectId(id: string, field: string): ObjectId {
  let raw = id;
  if (!/^[0-9a-f]{24}$/i.test(id)) {
    try {
      const decoded = decodeGlobalID(id);
      if (decoded.typename !== 'Hall') throw new Error('wrong type');
      raw = decoded.id;
    } catch {
      throw badField(field, 'not a Hall id');
    }
  }
  if (!/^[0-9a-f]{24}$/i.test(raw)) throw badField(field, 'not a Hall id');
  return new ObjectId(raw);
}

/** The hall named by `code` or `id` (exactly one). @throws BAD_USER_INPUT naming `code`. */
function hallRef(args: { code?: string | null; id?: string | number | null }): HallKey {
  if (args.code && args.id) throw badField('code', 'give code or id, not both');
  if (args.code) return { code: args.code };
  if (args.id) return { id: hallObjectId(String(args.id), 'id') };
  throw badField('code', 'give the code or the id of the hall');
}

// ---- regions ------------------------------------------------------------------------------------

export const RegionRef = builder.objectRef<RegionDoc>('Region');
RegionRef.implement({
  description: 'An administrative region: province > city > county/district > township.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The administrative code, e.g. 420700.' }),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn'),
    level: t.field({ type: RegionLevelEnum, resolve: (region) => region.level }),
    population: t.exposeInt('population', { nullable: true, description: 'Residents (counties).' }),
    parent: t.field({
      type: RegionRef,
      nullable: true,
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
  description: 'WGS84 degrees.',
  fields: (t) => ({ lat: t.exposeFloat('lat'), lng: t.exposeFloat('lng') }),
});
const TimeIntervalRef = builder.objectRef<TimeInterval>('TimeInterval').implement({
  description: 'Local time (Asia/Shanghai), HH:MM; start inclusive, end exclusive; end may be 24:00.',
  fields: (t) => ({ start: t.exposeString('start'), end: t.exposeString('end') }),
});
const SpecialDateRef = builder.objectRef<SpecialDate>('SpecialDate').implement({
  description: 'A holiday or make-up working day with other hours than the weekly schedule.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD (Asia/Shanghai).' }),
    closed: t.exposeBoolean('closed'),
    intervals: t.field({ type: [TimeIntervalRef], resolve: (entry) => entry.intervals }),
    note: t.exposeString('note', { nullable: true }),
  }),
});
const OpeningHoursRef = builder.objectRef<OpeningHours>('OpeningHours').implement({
  fields: (t) => ({
    timeZone: t.string({ resolve: () => HALL_TIME_ZONE }),
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
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    opens: t.exposeBoolean('opens', { description: 'true: the hall opens then; false: it closes.' }),
  }),
});

export const HallRef = builder.objectRef<WithId<HallDoc>>('Hall');
const ChannelRef = builder.objectRef<WithId<ChannelDoc>>('Channel');

builder.node(HallRef, {
  description: 'A business hall (营业厅).',
  id: { resolve: (hall) => hall._id.toHexString() },
  loadOne: (id, context) =>
    /^[0-9a-f]{24}$/i.test(id) ? context.loaders.channels.hallById.load(id.toLowerCase()) : null,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    tier: t.field({ type: HallTierEnum, resolve: (hall) => hall.tier }),
    operation: t.field({ type: HallOperationEnum, resolve: (hall) => hall.operation }),
    partner: t.exposeString('partner', { nullable: true, description: 'Who runs a PARTNER_OPERATED hall.' }),
    area: t.field({ type: HallAreaEnum, resolve: (hall) => hall.area }),
    regionCode: t.exposeString('regionCode'),
    region: t.field({
      type: RegionRef,
      nullable: true,
      resolve: (hall, _args, context) => context.loaders.channels.regionByCode.load(hall.regionCode),
    }),
    address: t.exposeString('address'),
    location: t.field({ type: GeoPointRef, resolve: (hall) => hall.location }),
    floorAreaM2: t.exposeFloat('floorAreaM2'),
    services: t.field({ type: [ServiceKindEnum], resolve: (hall) => hall.services }),
    openingHours: t.field({ type: OpeningHoursRef, resolve: (hall) => hall.openingHours }),
    status: t.field({ type: HallStatusEnum, resolve: (hall) => hall.status }),
    phone: t.exposeString('phone', { nullable: true }),
    accessibility: t.field({ type: [AccessibilityEnum], resolve: (hall) => hall.accessibility }),
    roster: t.exposeBoolean('roster', { description: 'On the roster of listed channels (名单制渠道).' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    openNow: t.boolean({
      description: 'Status OPEN and inside its hours now (Asia/Shanghai, special dates first).',
      resolve: (hall, _args, context) => context.app.services.channels.isHallOpenAt(hall, new Date()),
    }),
    isOpenAt: t.boolean({
      args: { at: t.arg({ type: 'DateTime', required: true }) },
      resolve: (hall, args, context) => context.app.services.channels.isHallOpenAt(hall, args.at),
    }),
    nextChange: t.field({
      type: HallChangeRef,
      nullable: true,
      description:
        'When it next opens or closes (from `at`, default now); null if not OPEN or no change within 31 days.',
      args: { at: t.arg({ type: 'DateTime', required: false }) },
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
        "Published articles about halls (category halls, or tagged with the hall's tier) you may read.",
      args: { first: t.arg.int({ defaultValue: 5 }) },
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

const HallEdge = builder.objectRef<{ cursor: string; node: WithId<HallDoc> }>('HallEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: HallRef, resolve: (edge) => edge.node }),
  }),
});
const HallPageInfo = builder
  .objectRef<{ hasNextPage: boolean; endCursor: string | null }>('HallPageInfo')
  .implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
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
function countType<T extends string>(name: string, valueType: CountedEnum) {
  return builder.objectRef<{ value: T; count: number }>(name).implement({
    fields: (t) => ({
      value: t.field({ type: valueType, resolve: (bucket) => bucket.value as never }),
      count: t.exposeInt('count'),
    }),
  });
}
const TierCount = countType<(typeof HALL_TIERS)[number]>('HallTierCount', HallTierEnum);
const OperationCount = countType<(typeof HALL_OPERATIONS)[number]>('HallOperationCount', HallOperationEnum);
const AreaCount = countType<(typeof HALL_AREAS)[number]>('HallAreaCount', HallAreaEnum);
const ServiceCount = countType<(typeof SERVICE_KINDS)[number]>('ServiceKindCount', ServiceKindEnum);
const StatusCount = countType<(typeof HALL_STATUSES)[number]>('HallStatusCount', HallStatusEnum);

const HallFacets = builder.objectRef<HallFacetCounts>('HallFacets').implement({
  description: 'Counts under the current filter, every value listed (zero included).',
  fields: (t) => ({
    tier: t.field({ type: [TierCount], resolve: (f) => allBuckets(HALL_TIERS, f.tier) }),
    operation: t.field({ type: [OperationCount], resolve: (f) => allBuckets(HALL_OPERATIONS, f.operation) }),
    area: t.field({ type: [AreaCount], resolve: (f) => allBuckets(HALL_AREAS, f.area) }),
    services: t.field({ type: [ServiceCount], resolve: (f) => allBuckets(SERVICE_KINDS, f.services) }),
    status: t.field({ type: [StatusCount], resolve: (f) => allBuckets(HALL_STATUSES, f.status) }),
  }),
});

const HallConnection = builder.objectRef<HallPage>('HallConnection').implement({
  fields: (t) => ({
    edges: t.field({
      type: [HallEdge],
      resolve: (page) => page.items.map((node) => ({ cursor: encodeHallCursor(page.order, node), node })),
    }),
    nodes: t.field({ type: [HallRef], resolve: (page) => page.items }),
    pageInfo: t.field({ type: HallPageInfo, resolve: (page) => page }),
    totalCount: t.int({
      description: 'How many halls match the filter (all pages).',
      resolve: (page) => page.totalCount(),
    }),
    facets: t.field({ type: HallFacets, resolve: (page) => page.facets() }),
  }),
});

const NearbyHallRef = builder.objectRef<NearbyHall>('NearbyHall').implement({
  fields: (t) => ({
    hall: t.field({ type: HallRef, resolve: (entry) => entry.hall }),
    distanceMeters: t.exposeInt('distanceMeters', { description: 'Great-circle distance from `near`.' }),
  }),
});

const HallFilterInput = builder.inputType('HallFilter', {
  description: 'Every field narrows the result; lists match any of their values, except services (all of).',
  fields: (t) => ({
    regionCode: t.string({ description: 'A region code: halls in it and everything under it.' }),
    tiers: t.field({ type: [HallTierEnum] }),
    operations: t.field({ type: [HallOperationEnum] }),
    areas: t.field({ type: [HallAreaEnum] }),
    services: t.field({ type: [ServiceKindEnum], description: 'Halls offering all of these.' }),
    status: t.field({ type: HallStatusEnum }),
    openAt: t.field({ type: 'DateTime', description: 'Only halls open at this instant.' }),
    text: t.string({ description: 'Part of the name or address (Chinese or not, case-insensitive).' }),
  }),
});
const GeoPointInput = builder.inputType('GeoPointInput', {
  fields: (t) => ({ lat: t.float({ required: true }), lng: t.float({ required: true }) }),
});

// ---- channels -----------------------------------------------------------------------------------

const ChannelAccessRef = builder.objectRef<ChannelAccess>('ChannelAccess').implement({
  description: 'How to reach a channel: a number, a URL, or an SMS/voice command (code) and what it does.',
  fields: (t) => ({
    kind: t.field({ type: AccessKindEnum, resolve: (access) => access.kind }),
    value: t.exposeString('value'),
    code: t.exposeString('code', { nullable: true }),
    meaning: t.exposeString('meaning', { nullable: true }),
  }),
});

ChannelRef.implement({
  description:
    'A customer-service channel of the taxonomy (hotline, web hall, terminals, account managers ...).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn'),
    kind: t.field({ type: ChannelKindEnum, resolve: (channel) => channel.kind }),
    ownership: t.field({ type: ChannelOwnershipEnum, resolve: (channel) => channel.ownership }),
    type: t.field({ type: ChannelTypeEnum, resolve: (channel) => channel.type }),
    services: t.field({ type: [ServiceKindEnum], resolve: (channel) => channel.services }),
    access: t.field({ type: [ChannelAccessRef], resolve: (channel) => channel.access }),
    hours: t.exposeString('hours'),
    alwaysOpen: t.exposeBoolean('alwaysOpen'),
    description: t.exposeString('description'),
    version: t.exposeInt('version'),
    halls: t.field({
      type: [HallRef],
      description: 'Halls where it is present.',
      resolve: async (channel, _args, context) => {
        const loaded = await context.loaders.channels.hallByCode.loadMany(channel.hallCodes);
        return loaded.filter((hall): hall is WithId<HallDoc> => hall !== null && !(hall instanceof Error));
      },
    }),
  }),
});

const ChannelFilterInput = builder.inputType('ChannelFilter', {
  fields: (t) => ({
    kinds: t.field({ type: [ChannelKindEnum] }),
    ownerships: t.field({ type: [ChannelOwnershipEnum] }),
    types: t.field({ type: [ChannelTypeEnum] }),
    services: t.field({ type: [ServiceKindEnum], description: 'Channels offering all of these.' }),
  }),
});

const WhereCanIRef = builder
  .objectRef<{ channels: WithId<ChannelDoc>[]; halls: NearbyHall[] }>('WhereCanIResult')
  .implement({
    fields: (t) => ({
      channels: t.field({
        type: [ChannelRef],
        description: 'Electronic channels offering the service.',
        resolve: (r) => r.channels,
      }),
      halls: t.field({
        type: [NearbyHallRef],
        description: 'The nearest halls offering it, open now.',
        resolve: (r) => r.halls,
      }),
    }),
  });

// ---- coverage -----------------------------------------------------------------------------------

const CoverageRef = builder.objectRef<CoverageReport>('Coverage').implement({
  description: 'For planners: what the halls under a region cover.',
  fields: (t) => ({
    region: t.field({ type: RegionRef, resolve: (c) => c.region }),
    hallCount: t.exposeInt('hallCount', { description: 'Halls that are not permanently CLOSED.' }),
    byTier: t.field({ type: [TierCount], resolve: (c) => allBuckets(HALL_TIERS, c.tier) }),
    byOperation: t.field({
      type: [OperationCount],
      resolve: (c) => allBuckets(HALL_OPERATIONS, c.operation),
    }),
    byArea: t.field({ type: [AreaCount], resolve: (c) => allBuckets(HALL_AREAS, c.area) }),
    countyCount: t.int({ resolve: (c) => c.counties.length }),
    countiesWithoutOpenHall: t.field({ type: [RegionRef], resolve: (c) => c.countiesWithoutOpenHall }),
    countiesWithoutRosterChannel: t.field({
      type: [RegionRef],
      description: 'Counties above populationThreshold people without a roster hall (the roster rule).',
      resolve: (c) => c.countiesWithoutRoster,
    }),
    populationThreshold: t.exposeInt('populationThreshold'),
  }),
});

// ---- queries ------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  hallsCsv: t.string({
    description:
      'The halls matching the filter (at most 5,000) as CSV in the importHalls format, in code order (admins). Cells starting with = + - @, tab or CR get a leading apostrophe, which importHalls removes.',
    args: { filter: t.arg({ type: HallFilterInput, required: false }) },
    resolve: (_root, args, context) =>
      context.app.services.channels.exportHallsCsv(context.principal, (args.filter ?? {}) as HallFilter),
  }),
}));

builder.queryFields((t) => ({
  halls: t.field({
    type: HallConnection,
    description: 'Halls matching the filter, in keyset pages of at most 100, with totalCount and facets.',
    args: {
      filter: t.arg({ type: HallFilterInput, required: false }),
      orderBy: t.arg({ type: HallOrderByEnum, defaultValue: 'CODE' }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.listHalls(
        (args.filter ?? {}) as HallFilter,
        args.orderBy ?? 'CODE',
        args.first,
        args.after,
      ),
  }),
  hall: t.field({
    type: HallRef,
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => context.app.services.channels.hallByCode(args.code),
  }),
  nearbyHalls: t.field({
    type: [NearbyHallRef],
    description: 'Halls within radiusKm of a point, nearest first, with the same filter as halls.',
    args: {
      near: t.arg({ type: GeoPointInput, required: true }),
      radiusKm: t.arg.float({ defaultValue: 10 }),
      filter: t.arg({ type: HallFilterInput, required: false }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.nearbyHalls(
        args.near,
        args.radiusKm ?? 10,
        (args.filter ?? {}) as HallFilter,
        args.first,
      ),
  }),
  channels: t.field({
    type: [ChannelRef],
    description: 'Service channels by kind, ownership, type and services, in code order.',
    args: { filter: t.arg({ type: ChannelFilterInput, required: false }) },
    resolve: (_root, args, context) => context.app.services.channels.listChannels(args.filter ?? {}),
  }),
  channel: t.field({
    type: ChannelRef,
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => context.app.services.channels.channelByCode(args.code),
  }),
  whereCanI: t.field({
    type: WhereCanIRef,
    description:
      'Where a customer can get a service done: electronic channels, and the nearest halls open now.',
    args: {
      service: t.arg({ type: ServiceKindEnum, required: true }),
      near: t.arg({ type: GeoPointInput, required: false }),
      radiusKm: t.arg.float({ defaultValue: 30 }),
      first: t.arg.int({ defaultValue: 5 }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.whereCanI(
        args.service,
        args.near ?? null,
        args.radiusKm ?? 30,
        args.first,
      ),
  }),
  regions: t.field({
    type: [RegionRef],
    description: 'The children of a region (the provinces without parentCode), in code order.',
    args: { parentCode: t.arg.string({ required: false }) },
    resolve: (_root, args, context) => context.app.services.regions.findChildren(args.parentCode ?? null),
  }),
  coverage: t.field({
    type: CoverageRef,
    description: 'Halls per tier/operation/area under a region and the counties they leave uncovered.',
    args: {
      regionCode: t.arg.string({ required: true }),
      populationThreshold: t.arg.int({ defaultValue: ROSTER_POPULATION_THRESHOLD }),
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
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM' }),
    end: t.string({ required: true, description: 'HH:MM, after start; 24:00 allowed' }),
  }),
});
const SpecialDateInput = builder.inputType('SpecialDateInput', {
  fields: (t) => ({
    date: t.string({ required: true, description: 'YYYY-MM-DD' }),
    closed: t.boolean({ defaultValue: false }),
    intervals: t.field({ type: [TimeIntervalInput] }),
    note: t.string(),
  }),
});
const OpeningHoursInput = builder.inputType('OpeningHoursInput', {
  fields: (t) => ({
    weekly: t.field({
      type: t.listRef(t.listRef(TimeIntervalInput)),
      required: true,
      description: 'Seven lists, Monday first; an empty list is a closed day.',
    }),
    special: t.field({ type: [SpecialDateInput] }),
  }),
});

const hallInputFields = (required: boolean) =>
  builder.inputType(required ? 'HallInput' : 'HallPatchInput', {
    description: required
      ? 'A whole hall.'
      : 'Only the fields given change; the result must pass every rule.',
    fields: (t) => ({
      code: t.string({ required, description: 'Unique, e.g. HB-SJZ-001.' }),
      name: t.string({ required }),
      tier: t.field({ type: HallTierEnum, required }),
      operation: t.field({ type: HallOperationEnum, required }),
      partner: t.string({ description: 'Required for PARTNER_OPERATED.' }),
      area: t.field({ type: HallAreaEnum, required }),
      regionCode: t.string({ required, description: 'A county/district (URBAN) or a township (TOWNSHIP).' }),
      address: t.string({ required }),
      location: t.field({ type: GeoPointInput, required }),
      floorAreaM2: t.float({ required }),
      services: t.field({ type: [ServiceKindEnum], required }),
      openingHours: t.field({ type: OpeningHoursInput, required }),
      status: t.field({ type: HallStatusEnum }),
      phone: t.string(),
      accessibility: t.field({ type: [AccessibilityEnum] }),
      roster: t.boolean(),
    }),
  });
const HallInput = hallInputFields(true);
const HallPatchInput = hallInputFields(false);

const ChannelAccessInput = builder.inputType('ChannelAccessInput', {
  fields: (t) => ({
    kind: t.field({ type: AccessKindEnum, required: true }),
    value: t.string({ required: true }),
    code: t.string(),
    meaning: t.string(),
  }),
});
const ChannelInput = builder.inputType('ChannelInput', {
  fields: (t) => ({
    code: t.string({ required: true }),
    name: t.string({ required: true }),
    nameEn: t.string(),
    type: t.field({
      type: ChannelTypeEnum,
      required: true,
      description: 'Kind and ownership follow from it.',
    }),
    services: t.field({ type: [ServiceKindEnum] }),
    access: t.field({ type: [ChannelAccessInput] }),
    hours: t.string(),
    alwaysOpen: t.boolean(),
    hallCodes: t.stringList(),
    description: t.string(),
  }),
});

const FieldErrorRef = builder.objectRef<{ path: string; message: string }>('ImportFieldError').implement({
  fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
});
const ImportRowRef = builder.objectRef<ImportRowReport>('ImportRow').implement({
  fields: (t) => ({
    row: t.exposeInt('row', { description: '0-based index of the record; errors name rows[row].field.' }),
    line: t.exposeInt('line', { nullable: true, description: 'The CSV line the record starts on.' }),
    code: t.exposeString('code', { nullable: true }),
    action: t.field({ type: ImportActionEnum, resolve: (row) => row.action }),
    errors: t.field({ type: [FieldErrorRef], resolve: (row) => row.errors }),
  }),
});
const ImportReportRef = builder.objectRef<ImportReport>('HallImportReport').implement({
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    applied: t.exposeBoolean('applied', { description: 'Whether the valid rows were written.' }),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    invalid: t.exposeInt('invalid'),
    rows: t.field({ type: [ImportRowRef], resolve: (report) => report.rows }),
  }),
});

/** Drops the keys a client did not send (GraphQL gives them as undefined, explicit nulls stay). */
function given<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

builder.mutationFields((t) => ({
  createHall: t.field({
    type: HallRef,
    description: 'Creates a hall (admins).',
    args: { input: t.arg({ type: HallInput, required: true }) },
    resolve: (_root, args, context) =>
      context.app.services.channels.createHall(context.principal, given(args.input)),
  }),
  updateHall: t.field({
    type: HallRef,
    description: 'Changes a hall named by code or id (admins); CONFLICT when expectedVersion is stale.',
    args: {
      code: t.arg.string(),
      id: t.arg.id(),
      expectedVersion: t.arg.int({ required: true }),
      input: t.arg({ type: HallPatchInput, required: true }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.updateHall(
        context.principal,
        hallRef(args),
        args.expectedVersion,
        given(args.input),
      ),
  }),
  setHallStatus: t.field({
    type: HallRef,
    description: 'Opens, temporarily closes or closes a hall (admins).',
    args: {
      code: t.arg.string(),
      id: t.arg.id(),
      status: t.arg({ type: HallStatusEnum, required: true }),
      expectedVersion: t.arg.int({ description: 'When given, refused with CONFLICT if stale.' }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.setHallStatus(
        context.principal,
        hallRef(args),
        args.status,
        args.expectedVersion,
      ),
  }),
  upsertChannel: t.field({
    type: ChannelRef,
    description: 'Creates or replaces a channel by code (admins).',
    args: { input: t.arg({ type: ChannelInput, required: true }) },
    resolve: (_root, args, context) =>
      context.app.services.channels.upsertChannel(context.principal, given(args.input)),
  }),
  importHalls: t.field({
    type: ImportReportRef,
    description:
      'Validates every row and reports per row; writes nothing on dryRun or when a row is invalid, unless skipInvalid (admins).',
    args: {
      format: t.arg({ type: ImportFormatEnum, required: true }),
      data: t.arg.string({ required: true, description: 'The file contents.' }),
      dryRun: t.arg.boolean({ defaultValue: false }),
      skipInvalid: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, args, context) =>
      context.app.services.channels.importHalls(context.principal, {
        format: args.format,
        data: args.data,
        dryRun: args.dryRun ?? false,
        skipInvalid: args.skipInvalid ?? false,
      }),
  }),
}));
