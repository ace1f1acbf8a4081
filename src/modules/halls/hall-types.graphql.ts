/** The GraphQL types of halls: positions, opening hours, the Hall node, facet counts and the hall filter input. */
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { ArticleRef } from '../articles/schema.js';
import type { ArticleView } from '../articles/index.js';
import {
  AccessibilityEnum,
  HallAreaEnum,
  HallOperationEnum,
  HallRef,
  HallStatusEnum,
  HallTierEnum,
} from './hall.refs.graphql.js';
import { ChannelRef, ServiceKindEnum } from '../channels/schema.js';
import { RegionRef } from '../regions/schema.js';
import type { NearbyHall } from './hall-finder.service.js';
import { HALL_AREAS, HALL_OPERATIONS, HALL_STATUSES, HALL_TIERS } from './hall.model.js';
import { SERVICE_KINDS } from '../channels/index.js';
import type { GeoPoint, HallDoc, OpeningHours, SpecialDate, TimeInterval } from './hall.model.js';
import type { Bucket, HallFacetCounts } from './hall-counts.js';
import { formatHoursSpec, HALL_TIME_ZONE } from './opening-hours.js';
import type { HallChangeDetail, HallChangeKind, HallDay } from './opening-hours.js';

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
const HallChangeKindEnum = builder.enumType('HallChangeKind', {
  description: 'What a change of a hall is to a customer.',
  values: {
    OPENS: { description: 'Opens for the day.' },
    CLOSES: { description: 'Closes for the day.' },
    BREAK_STARTS: { description: 'Closes for a break (lunch) and reopens later the same day.' },
    BREAK_ENDS: { description: 'Reopens after a break the same day.' },
  } satisfies Record<HallChangeKind, { description: string }>,
});
const HallChangeRef = builder.objectRef<HallChangeDetail>('HallChange');
HallChangeRef.implement({
  description: 'The next time a hall opens or closes, told as a customer would be told (Asia/Shanghai).',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    opens: t.exposeBoolean('opens', { description: 'true: the hall opens then; false: it closes.' }),
    kind: t.field({
      type: HallChangeKindEnum,
      description: 'Opening for the day, closing for the day, or a break starting or ending.',
      resolve: (change) => change.kind,
    }),
    date: t.exposeString('date', {
      description: 'The local date, YYYY-MM-DD; a close at midnight belongs to the day that ends.',
    }),
    time: t.exposeString('time', { description: 'The local time, HH:MM (24:00 for a close at midnight).' }),
    daysAhead: t.exposeInt('daysAhead', {
      description: 'Local days from the day asked about: 0 = the same day, 1 = the next day.',
    }),
    reopens: t.field({
      type: HallChangeRef,
      nullable: true,
      description: 'For a close: when the hall opens again (null for an opening, or beyond 31 days).',
      resolve: (change) => change.reopens,
    }),
  }),
});
const HallDayRef = builder.objectRef<HallDay>('HallDay').implement({
  description:
    "A hall's hours on one local day (Asia/Shanghai): a special date first, else the weekly schedule.",
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD (Asia/Shanghai).' }),
    isoWeekday: t.exposeInt('isoWeekday', { description: '1 = Monday ... 7 = Sunday.' }),
    intervals: t.field({
      type: [TimeIntervalRef],
      description: 'The hours that day, sorted; empty when closed all day.',
      resolve: (day) => day.intervals,
    }),
    breaks: t.field({
      type: [TimeIntervalRef],
      description: 'The gaps between the intervals (the lunch break).',
      resolve: (day) => day.breaks,
    }),
    closed: t.boolean({ description: 'Closed all day.', resolve: (day) => day.intervals.length === 0 }),
    special: t.field({
      type: SpecialDateRef,
      nullable: true,
      description: 'The special date that sets these hours (a holiday), or null on a regular day.',
      resolve: (day) => day.special,
    }),
  }),
});

builder.node(HallRef, {
  description: 'A business hall (营业厅).',
  id: { resolve: (hall) => hall._id.toHexString() },
  loadOne: (id, context) =>
    /^[0-9a-f]{24}$/i.test(id) ? context.loaders.halls.hallById.load(id.toLowerCase()) : null,
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
      resolve: (hall, _args, context) => context.loaders.regions.regionByCode.load(hall.regionCode),
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
      resolve: (hall, _args, context) =>
        context.services.hallFinder.isHallOpenAt(hall, context.services.hallFinder.currentTime()),
    }),
    isOpenAt: t.boolean({
      description: 'Status OPEN and inside its hours at an instant.',
      args: { at: t.arg({ type: 'DateTime', required: true, description: 'The instant.' }) },
      resolve: (hall, args, context) => context.services.hallFinder.isHallOpenAt(hall, args.at),
    }),
    nextChange: t.field({
      type: HallChangeRef,
      nullable: true,
      description:
        'When it next opens or closes (from `at`, default now); null if not OPEN or no change within 31 days.',
      args: { at: t.arg({ type: 'DateTime', required: false, description: 'From when (default now).' }) },
      resolve: (hall, args, context) =>
        context.services.hallFinder.hallNextChange(
          hall,
          args.at ?? context.services.hallFinder.currentTime(),
        ),
    }),
    today: t.field({
      type: HallDayRef,
      description:
        'Its hours on the local (Asia/Shanghai) day of `at` (default now), with the lunch break and any holiday that sets them.',
      args: { at: t.arg({ type: 'DateTime', required: false, description: 'Which day (default now).' }) },
      resolve: (hall, args, context) =>
        context.services.hallFinder.hallDay(hall, args.at ?? context.services.hallFinder.currentTime()),
    }),
    specialDatesAhead: t.field({
      type: [SpecialDateRef],
      description:
        'Special dates (holidays, make-up working days) from the local day of `at` (default now) through `days` days later.',
      args: {
        at: t.arg({ type: 'DateTime', required: false, description: 'From when (default now).' }),
        days: t.arg.int({ defaultValue: 7, description: 'How many days ahead (0-31).' }),
      },
      resolve: (hall, args, context) =>
        context.services.hallFinder.hallSpecialDatesAhead(
          hall,
          args.at ?? context.services.hallFinder.currentTime(),
          args.days ?? 7,
        ),
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
        const docs = await context.loaders.halls.hallArticlesByTier.load(hall.tier);
        return docs
          .map((doc) => context.services.articleReader.view(context.principal, doc))
          .filter((view): view is ArticleView => view !== null)
          .slice(0, Math.max(0, Math.min(args.first ?? 5, 20)));
      },
    }),
  }),
});

/**
 * What each Hall field reads of the stored hall, so a listing reads only what its selection
 * resolves (a hall is about 3 KB, most of it hours and derived fields). `_id` is always read.
 */
const HALL_FIELD_READS: Readonly<Record<string, ReadonlyArray<keyof HallDoc>>> = {
  __typename: [],
  id: [],
  code: ['code'],
  name: ['name'],
  tier: ['tier'],
  operation: ['operation'],
  partner: ['partner'],
  area: ['area'],
  regionCode: ['regionCode'],
  region: ['regionCode'],
  address: ['address'],
  location: ['location'],
  floorAreaM2: ['floorAreaM2'],
  services: ['services'],
  openingHours: ['openingHours'],
  status: ['status'],
  phone: ['phone'],
  accessibility: ['accessibility'],
  roster: ['roster'],
  version: ['version'],
  updatedAt: ['updatedAt'],
  openNow: ['status', 'openingHours'],
  isOpenAt: ['status', 'openingHours'],
  nextChange: ['status', 'openingHours'],
  today: ['openingHours'],
  specialDatesAhead: ['openingHours'],
  channels: ['code'],
  relatedArticles: ['tier'],
};

/**
 * The stored fields the selected Hall fields read; undefined (read everything) when a field is not
 * in HALL_FIELD_READS, so a new field resolves correctly before it is listed there.
 */
export function hallReadsOf(selected: ReadonlySet<string>): Array<keyof HallDoc> | undefined {
  const reads = new Set<keyof HallDoc>();
  for (const name of selected) {
    const fields = HALL_FIELD_READS[name];
    if (!fields) return undefined;
    for (const field of fields) reads.add(field);
  }
  return [...reads];
}

/** Counts for every value of an enum (zero included), so a filter panel can list them all. */
export function allBuckets<T extends string>(
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
export const TierCount = countType<(typeof HALL_TIERS)[number]>('HallTierCount', HallTierEnum, 'tier');
export const OperationCount = countType<(typeof HALL_OPERATIONS)[number]>(
  'HallOperationCount',
  HallOperationEnum,
  'operation',
);
export const AreaCount = countType<(typeof HALL_AREAS)[number]>('HallAreaCount', HallAreaEnum, 'area');
const ServiceCount = countType<(typeof SERVICE_KINDS)[number]>(
  'ServiceKindCount',
  ServiceKindEnum,
  'service',
);
const StatusCount = countType<(typeof HALL_STATUSES)[number]>('HallStatusCount', HallStatusEnum, 'status');

export const HallFacets = builder.objectRef<HallFacetCounts>('HallFacets').implement({
  description:
    'Counts for a filter panel, every value listed (zero included); tier, operation, area and status each ignore their own filter (see HallConnection.facets).',
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

export const HallFilterInput = builder.inputType('HallFilter', {
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
