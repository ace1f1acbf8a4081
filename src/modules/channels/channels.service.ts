import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, Filter, WithId } from 'mongodb';
import type { ZodType } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { badField, badUserInput, conflict, fromZodError, notFound } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import { duplicateKeyIndexes, duplicateValue, isDuplicateKeyError, valueBusy } from '../../db/guards.js';
import { KeysBusyError } from '../../db/key-claims.js';
import type { KeyLease } from '../../db/key-claims.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import { CHANNEL_TYPES } from './channel.model.js';
import type { ChannelDoc, ChannelKind, ChannelOwnership, ChannelType } from './channel.model.js';
import type { ChannelRepository } from './channel.repository.js';
import { channelsPolicy } from './channels.policy.js';
import { boundingBox, distanceMeters } from './geo.js';
import { hallsToCsv, MAX_IMPORT_ROWS, rowsFrom } from './hall-import.js';
import type { ImportFormat, RawRow } from './hall-import.js';
import { contentOf } from './hall.model.js';
import type {
  GeoPoint,
  HallArea,
  HallContent,
  HallDoc,
  HallOperation,
  HallStatus,
  HallTier,
  ServiceKind,
} from './hall.model.js';
import { HALL_ORDERS } from './hall.repository.js';
import type { HallCursor, HallFacetCounts, HallOrder, HallRepository, Bucket } from './hall.repository.js';
import { channelInputSchema, hallInputSchema, hallPatchSchema } from './hall.validation.js';
import type { ChannelInput, HallInput } from './hall.validation.js';
import { isOpenAt, nextChange, openWeekOf, weekMinuteOf } from './opening-hours.js';
import type { RegionDoc } from './region.model.js';
import type { RegionRepository } from './region.repository.js';

export const MAX_PAGE_SIZE = 100;
export const MAX_RADIUS_KM = 300;
/** The roster rule (DOMAIN.md section 2): every county above this many people has a roster channel. */
export const ROSTER_POPULATION_THRESHOLD = 30_000;

/** What portals filter halls by; every field narrows the result (lists: any of; services: all of). */
export interface HallFilter {
  /** A region code: halls in that region and everything under it. */
  regionCode?: string | null;
  tiers?: readonly HallTier[] | null;
  operations?: readonly HallOperation[] | null;
  areas?: readonly HallArea[] | null;
  /** Halls offering all of these. */
  services?: readonly ServiceKind[] | null;
  status?: HallStatus | null;
  /** Only halls open at this instant (status OPEN and inside their hours). */
  openAt?: Date | null;
  /** Part of the name or address (case-insensitive). */
  text?: string | null;
}

/**
 * Name/address and geo search over the halls index (Meilisearch). It may lag MongoDB: callers
 * re-check its answers against MongoDB and add the halls still pending for the index.
 */
export interface HallSearchPort {
  /** Ids of halls within `radiusKm` of `near` that match the filter's indexed fields, nearest first. */
  nearby(near: GeoPoint, radiusKm: number, filter: HallFilter, limit: number): Promise<string[]>;
  /** Ids of halls whose name or address matches `text`. */
  matching(text: string, limit: number): Promise<string[]>;
}

export interface HallPage {
  items: WithId<HallDoc>[];
  order: HallOrder;
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: () => Promise<number>;
  facets: () => Promise<HallFacetCounts>;
}

export interface NearbyHall {
  hall: WithId<HallDoc>;
  distanceMeters: number;
}

export interface ChannelFilter {
  kinds?: readonly ChannelKind[] | null;
  ownerships?: readonly ChannelOwnership[] | null;
  types?: readonly ChannelType[] | null;
  /** Channels offering all of these. */
  services?: readonly ServiceKind[] | null;
}

/** Names a hall by code or by id (exactly one). */
export type HallRef = { code: string } | { id: ObjectId };

export interface CoverageReport {
  region: RegionDoc;
  hallCount: number;
  tier: Bucket[];
  operation: Bucket[];
  area: Bucket[];
  counties: RegionDoc[];
  countiesWithoutOpenHall: RegionDoc[];
  countiesWithoutRoster: RegionDoc[];
  populationThreshold: number;
}

export const IMPORT_ACTIONS = ['CREATED', 'UPDATED', 'UNCHANGED', 'INVALID'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export interface ImportRowReport {
  row: number;
  line: number | null;
  code: string | null;
  action: ImportAction;
  errors: FieldProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  /** True when the valid rows were written (not a dry run, and no invalid rows or skipInvalid). */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  rows: ImportRowReport[];
}

export interface ImportOptions {
  format: ImportFormat;
  data: string;
  dryRun: boolean;
  skipInvalid: boolean;
}

/** Progress of a long import: `phase` then how many of `total` rows are done. */
export type ImportProgress = (progress: { phase: 'validate' | 'write'; done: number; total: number }) => void;

const IMPORT_CHUNK = 250;

function parse<T>(schema: ZodType<T>, root: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(root, result.error);
  return result.data;
}

/** @throws AppError BAD_USER_INPUT naming `field` when `first` is out of range. */
export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** Encodes a keyset position (the order, its key value and the _id) as an opaque cursor. */
export function encodeHallCursor(order: HallOrder, doc: HallDoc): string {
  return Buffer.from(JSON.stringify([order, doc[HALL_ORDERS[order]], doc._id.toHexString()])).toString(
    'base64url',
  );
}

/** @throws AppError BAD_USER_INPUT naming `after` for a foreign cursor or one of another order. */
export function decodeHallCursor(cursor: string, order: HallOrder): HallCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badField('after', 'not a cursor returned by this API');
  }
  if (!Array.isArray(decoded) || decoded.length !== 3)
    throw badField('after', 'not a cursor returned by this API');
  const [cursorOrder, key, id] = decoded as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !ObjectId.isValid(id)) {
    throw badField('after', 'not a cursor returned by this API');
  }
  if (cursorOrder !== order) throw badField('after', `this cursor belongs to orderBy ${String(cursorOrder)}`);
  return { order, key, id: new ObjectId(id) };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Key order does not matter: compares two values as data. */
function sameData(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The channel directory: halls, regions and channels. Validation, the classification rules and
 * authorization live here; MongoDB I/O lives in the repositories.
 */
export class ChannelsService {
  constructor(
    private readonly halls: HallRepository,
    private readonly regions: RegionRepository,
    private readonly channels: ChannelRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
    private readonly search: HallSearchPort | null = null,
  ) {}

  /** Announces saved hall changes (the indexer wakes on it; `searchPending` is the guarantee). */
  private announce(codes: readonly string[]): void {
    if (codes.length > 0) this.events.publish('HallChanged', { codes });
  }

  // ---- halls: reads ---------------------------------------------------------------------------

  hallByCode(code: string): Promise<WithId<HallDoc> | null> {
    return this.halls.findByCode(code.trim().toUpperCase());
  }

  /** Whether the hall is open at `at`: status OPEN and inside its hours (special dates first). */
  isHallOpenAt(hall: HallDoc, at: Date): boolean {
    return hall.status === 'OPEN' && isOpenAt(hall.openingHours, at);
  }

  /** When the hall next opens or closes; null when it is not OPEN or nothing changes within a month. */
  hallNextChange(hall: HallDoc, at: Date): { at: Date; opens: boolean } | null {
    return hall.status === 'OPEN' ? nextChange(hall.openingHours, at) : null;
  }

  /**
   * A page of halls in `order`, with lazily computed `totalCount` and `facets` (one `$facet`
   * aggregate for both, under the same filter).
   * @throws BAD_USER_INPUT naming `first`, `after` or a `filter.*` field.
   */
  async listHalls(
    filter: HallFilter,
    order: HallOrder,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<HallPage> {
    const limit = pageSize(first);
    const cursor = after ? decodeHallCursor(after, order) : null;
    const mongoFilter = await this.hallFilter(filter);
    const docs = await this.halls.findPage(mongoFilter, order, cursor, limit);
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    let facets: Promise<HallFacetCounts> | null = null;
    const facetCounts = () => (facets ??= this.halls.facetCounts(mongoFilter));
    return {
      items,
      order,
      hasNextPage: docs.length > limit,
      endCursor: last ? encodeHallCursor(order, last) : null,
      totalCount: async () => (await facetCounts()).total,
      facets: facetCounts,
    };
  }

  /**
   * Halls within `radiusKm` of `near`, nearest first, under the same filter as `listHalls`.
   * @throws BAD_USER_INPUT naming `near.lat`, `radiusKm`, `first` or a `filter.*` field.
   */
  async nearbyHalls(
    near: GeoPoint,
    radiusKm: number,
    filter: HallFilter,
    first: number | null | undefined,
  ): Promise<NearbyHall[]> {
    const limit = pageSize(first, 'first', 10);
    if (!(near.lat >= -90 && near.lat <= 90)) throw badField('near.lat', 'must be between -90 and 90');
    if (!(near.lng >= -180 && near.lng <= 180)) throw badField('near.lng', 'must be between -180 and 180');
    if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
      throw badField('radiusKm', `must be more than 0 and at most ${MAX_RADIUS_KM}`);
    }
    const candidates = await this.selectNearbyCandidates(near, radiusKm, filter);
    return candidates
      .map((hall) => ({ hall, distanceMeters: Math.round(distanceMeters(near, hall.location)) }))
      .filter((entry) => entry.distanceMeters <= radiusKm * 1000)
      .sort((a, b) => a.distanceMeters - b.distanceMeters || a.hall.code.localeCompare(b.hall.code))
      .slice(0, limit);
  }

  /**
   * The candidates of a radius search. From the halls index (Meilisearch `_geoRadius`, nearest
   * first), re-checked against MongoDB with the whole filter, plus the halls whose latest change
   * the index does not have yet, so index lag never hides or misplaces a hall. Without the index
   * (or when it is down): every hall matching `filter` in the bounding box of the circle (MongoDB
   * range queries on indexed location.lat / location.lng; the emulator has no $near).
   */
  protected async selectNearbyCandidates(
    near: GeoPoint,
    radiusKm: number,
    filter: HallFilter,
  ): Promise<WithId<HallDoc>[]> {
    const mongoFilter = await this.hallFilter(filter);
    const box = boundingBox(near, radiusKm);
    if (this.search) {
      try {
        const limit = filter.openAt ? 1000 : 300;
        const ids = (await this.search.nearby(near, radiusKm, filter, limit)).map((id) => new ObjectId(id));
        const [indexed, pending] = await Promise.all([
          this.halls.findMatching({ $and: [mongoFilter, { _id: { $in: ids } }] }, limit),
          this.halls.findInBox({ $and: [mongoFilter, { searchPending: true }] }, box),
        ]);
        const seen = new Set<string>();
        return [...indexed, ...pending].filter((hall) => {
          const id = hall._id.toHexString();
          return !seen.has(id) && Boolean(seen.add(id));
        });
      } catch (error) {
        this.logger.warn({ err: error }, 'halls index unavailable: nearby halls from MongoDB instead');
      }
    }
    return this.halls.findInBox(mongoFilter, box);
  }

  /** The clause for a name/address text filter: the index's matches plus pending halls that match literally. */
  private async textClause(text: string): Promise<Filter<HallDoc>> {
    const pattern = { $regex: escapeRegex(text), $options: 'i' };
    const literal: Filter<HallDoc> = { $or: [{ name: pattern }, { address: pattern }] };
    if (!this.search) return literal;
    try {
      const ids = (await this.search.matching(text, 2000)).map((id) => new ObjectId(id));
      return { $or: [{ _id: { $in: ids } }, { $and: [{ searchPending: true }, literal] }] };
    } catch (error) {
      this.logger.warn({ err: error }, 'halls index unavailable: text filter on MongoDB instead');
      return literal;
    }
  }

  /**
   * The MongoDB filter for a `HallFilter`. `openAt` is a query on the derived minute-of-week
   * intervals (indexed), except for the halls with a special schedule on that local date: those
   * are read (status and hours only), checked with `isOpenAt`, and added by id.
   * @throws BAD_USER_INPUT naming `filter.text` when it is too long.
   */
  private async hallFilter(filter: HallFilter): Promise<Filter<HallDoc>> {
    const clauses: Filter<HallDoc>[] = [];
    if (filter.regionCode) clauses.push({ regionPath: filter.regionCode.trim() });
    if (filter.tiers?.length) clauses.push({ tier: { $in: [...filter.tiers] } });
    if (filter.operations?.length) clauses.push({ operation: { $in: [...filter.operations] } });
    if (filter.areas?.length) clauses.push({ area: { $in: [...filter.areas] } });
    if (filter.services?.length) clauses.push({ services: { $all: [...filter.services] } });
    if (filter.status) clauses.push({ status: filter.status });
    const text = filter.text?.trim();
    if (text) {
      if (text.length > 50) throw badField('filter.text', 'at most 50 characters');
      clauses.push(await this.textClause(text));
    }
    if (filter.openAt) {
      // Index-backed: the weekly hours are stored as minutes of the week; the few halls with a
      // special schedule on that local date are checked one by one with the full rules.
      const at = filter.openAt;
      const { weekMinute, date } = weekMinuteOf(at);
      const special = await this.halls.findSchedules({
        $and: [...clauses, { status: 'OPEN' }, { specialDates: date }],
      });
      const openSpecial = special.filter((hall) => isOpenAt(hall.openingHours, at)).map((hall) => hall._id);
      clauses.push({ status: 'OPEN' });
      clauses.push({
        $or: [
          {
            specialDates: { $ne: date },
            openWeek: { $elemMatch: { from: { $lte: weekMinute }, to: { $gt: weekMinute } } },
          },
          { _id: { $in: openSpecial } },
        ],
      });
    }
    return clauses.length ? { $and: clauses } : {};
  }

  // ---- channels: reads ------------------------------------------------------------------------

  /** Channels by kind, ownership, type (any of each) and services (all of), in code order. */
  listChannels(filter: ChannelFilter): Promise<WithId<ChannelDoc>[]> {
    const clauses: Filter<ChannelDoc>[] = [];
    if (filter.kinds?.length) clauses.push({ kind: { $in: [...filter.kinds] } });
    if (filter.ownerships?.length) clauses.push({ ownership: { $in: [...filter.ownerships] } });
    if (filter.types?.length) clauses.push({ type: { $in: [...filter.types] } });
    if (filter.services?.length) clauses.push({ services: { $all: [...filter.services] } });
    return this.channels.list(clauses.length ? { $and: clauses } : {});
  }

  channelByCode(code: string): Promise<WithId<ChannelDoc> | null> {
    return this.channels.findByCode(code.trim().toUpperCase());
  }

  /**
   * Where a customer can get `service` done: the electronic channels offering it, and (given a
   * point) the nearest halls offering it that are open now.
   */
  async whereCanI(
    service: ServiceKind,
    near: GeoPoint | null,
    radiusKm: number,
    first: number | null | undefined,
  ): Promise<{ channels: WithId<ChannelDoc>[]; halls: NearbyHall[] }> {
    const [channels, halls] = await Promise.all([
      this.listChannels({ kinds: ['ELECTRONIC'], services: [service] }),
      near
        ? this.nearbyHalls(
            near,
            radiusKm,
            { services: [service], status: 'OPEN', openAt: this.now() },
            first ?? 5,
          )
        : Promise.resolve([]),
    ]);
    return { channels, halls };
  }

  // ---- coverage -------------------------------------------------------------------------------

  /**
   * For planners: halls (not permanently closed) per tier, operation and area under a region;
   * its counties without an OPEN hall; its counties above `threshold` people without a roster hall.
   * @throws NOT_FOUND for an unknown region.
   */
  async coverage(regionCode: string, threshold = ROSTER_POPULATION_THRESHOLD): Promise<CoverageReport> {
    const region = await this.regions.findByCode(regionCode.trim());
    if (!region) throw notFound('Region', regionCode);
    const [counties, counts] = await Promise.all([
      this.regions.findCountiesUnder(region.code),
      this.halls.coverageCounts(region.code),
    ]);
    const withOpen = new Set(counts.countiesWithOpenHall);
    const withRoster = new Set(counts.countiesWithRosterHall);
    return {
      region,
      hallCount: counts.total,
      tier: counts.tier,
      operation: counts.operation,
      area: counts.area,
      counties,
      countiesWithoutOpenHall: counties.filter((county) => !withOpen.has(county.code)),
      countiesWithoutRoster: counties.filter(
        (county) => (county.population ?? 0) > threshold && !withRoster.has(county.code),
      ),
      populationThreshold: threshold,
    };
  }

  /**
   * The halls matching `filter` as CSV in the import format (so admins can edit and re-import),
   * with formula-like cells neutralised (see `guardCsvCell`).
   * @throws UNAUTHENTICATED/FORBIDDEN unless admin; BAD_USER_INPUT naming `filter` when more than
   *   MAX_IMPORT_ROWS halls match (an import could not take the file back).
   */
  async exportHallsCsv(principal: Principal, filter: HallFilter): Promise<string> {
    channelsPolicy.authorize(principal, 'exportHalls');
    const halls = await this.halls.findInCodeOrder(await this.hallFilter(filter), MAX_IMPORT_ROWS + 1);
    if (halls.length > MAX_IMPORT_ROWS) {
      throw badField('filter', `more than ${MAX_IMPORT_ROWS} halls match: narrow the filter`);
    }
    return hallsToCsv(halls.map((hall) => contentOf(hall)));
  }

  // ---- halls: commands ------------------------------------------------------------------------
  // Every write of a hall holds its code (and a new code, when renamed) in `key_claims` while it
  // checks and writes, so codes stay unique without a unique index (the emulator) and across
  // instances, and an import never races a create, rename or status change of the same hall.

  /**
   * Creates a hall.
   * @throws UNAUTHENTICATED/FORBIDDEN unless admin; BAD_USER_INPUT naming each bad field (the
   *   classification rules, an unknown region); CONFLICT naming `input.code` when the code is taken.
   */
  async createHall(principal: Principal, rawInput: unknown): Promise<WithId<HallDoc>> {
    channelsPolicy.authorize(principal, 'createHall');
    const input = parse(hallInputSchema, 'input', rawInput);
    const region = await this.checkRegion(input, 'input');
    const doc = await this.holdingHallCodes([input.code], 'input.code', async () => {
      if (await this.halls.findByCode(input.code)) throw duplicateValue('input.code', input.code);
      const at = this.now();
      const created = buildHallDoc(input, region, new ObjectId(), 1, at, at, principal.id);
      await mapDuplicateKey(this.halls.insert(created), 'input.code', input.code);
      return created;
    });
    this.announce([doc.code]);
    return doc;
  }

  /**
   * Changes the fields given; the merged hall must pass every rule.
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT naming the field; NOT_FOUND; CONFLICT when
   *   `expectedVersion` is not the current version, or naming `input.code` when a new code is taken.
   */
  async updateHall(
    principal: Principal,
    ref: HallRef,
    expectedVersion: number,
    rawPatch: unknown,
  ): Promise<WithId<HallDoc>> {
    channelsPolicy.authorize(principal, 'updateHall');
    const patch = parse(hallPatchSchema, 'input', rawPatch);
    const doc = await this.findHall(ref);
    this.checkVersion(doc, expectedVersion);
    const definedPatch = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const input = parse(hallInputSchema, 'input', { ...contentOf(doc), ...definedPatch });
    const region = await this.checkRegion(input, 'input');
    const updated = await this.holdingHallCodes([doc.code, input.code], 'input.code', async () => {
      if (input.code !== doc.code && (await this.halls.findByCode(input.code))) {
        throw duplicateValue('input.code', input.code);
      }
      const next = buildHallDoc(
        input,
        region,
        doc._id,
        expectedVersion,
        doc.createdAt,
        this.now(),
        principal.id,
      );
      const { _id: _ignored, version: _version, createdAt: _created, ...set } = next;
      return mapDuplicateKey(
        this.halls.updateAtVersion(doc._id, expectedVersion, { $set: set }),
        'input.code',
        input.code,
      );
    });
    this.announce([...new Set([doc.code, updated.code])]);
    return updated;
  }

  /**
   * Opens, temporarily closes or closes a hall. With `expectedVersion` the change is refused when stale.
   * @throws FORBIDDEN unless admin; NOT_FOUND; CONFLICT.
   */
  async setHallStatus(
    principal: Principal,
    ref: HallRef,
    status: HallStatus,
    expectedVersion: number | null | undefined,
  ): Promise<WithId<HallDoc>> {
    channelsPolicy.authorize(principal, 'changeHallStatus');
    const doc = await this.findHall(ref);
    const version = expectedVersion ?? doc.version;
    this.checkVersion(doc, version);
    if (doc.status === status) return doc;
    const updated = await this.holdingHallCodes([doc.code], 'code', () =>
      this.halls.updateAtVersion(doc._id, version, {
        $set: { status, updatedAt: this.now(), updatedBy: principal.id, searchPending: true },
      }),
    );
    this.announce([updated.code]);
    return updated;
  }

  /**
   * Validates every row with the rules of `createHall` and reports per row; writes the valid rows
   * (idempotent by code: CREATED, UPDATED or UNCHANGED) unless this is a dry run or some row is
   * INVALID and `skipInvalid` is false. The codes of the file are held while the existing halls are
   * read and the rows written, so concurrent imports (or creates) of the same codes are serialised:
   * all valid rows are written, or (CONFLICT) none.
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT on `data` for an unreadable file; CONFLICT naming
   *   `rows[i].code` when a code stays busy with another writer, or a real server's unique index
   *   refuses a row (then nothing of the import is kept).
   */
  async importHalls(
    principal: Principal,
    options: ImportOptions,
    onProgress?: ImportProgress,
  ): Promise<ImportReport> {
    channelsPolicy.authorize(principal, 'importHalls');
    const rows = parseImportRows(rowsFrom(options.format, options.data));
    const at = this.now();
    if (options.dryRun) {
      const plan = await this.planImport(rows, principal, at, onProgress);
      return importReport(plan.reports, true, false);
    }
    const codes = rows.flatMap((entry) => (entry.input ? [entry.input.code] : []));
    const rowOfCode = new Map(
      rows.flatMap((entry) => (entry.input ? [[entry.input.code, entry.row.index]] : [])),
    );
    try {
      return await this.halls.withCodesHeld(
        codes,
        async (lease) => {
          const plan = await this.planImport(rows, principal, at, onProgress);
          const invalid = plan.reports.filter((report) => report.action === 'INVALID').length;
          const applied = invalid === 0 || options.skipInvalid;
          if (applied) {
            await lease.renew();
            await this.writeImport(plan, lease, onProgress);
            this.announce(
              plan.reports
                .filter((report) => report.action === 'CREATED' || report.action === 'UPDATED')
                .flatMap((report) => (report.code ? [report.code] : [])),
            );
            this.logger.info(
              {
                by: principal.id,
                created: plan.inserts.length,
                updated: plan.updates.length,
                invalid,
              },
              'halls imported',
            );
          }
          return importReport(plan.reports, false, applied);
        },
        { waitMs: 10_000 },
      );
    } catch (error) {
      if (!(error instanceof KeysBusyError)) throw error;
      const busy = error.keys.map((code) => `rows[${rowOfCode.get(code) ?? '?'}].code`);
      throw conflict(
        `Another request is writing halls ${error.keys.slice(0, 5).join(', ')}${error.keys.length > 5 ? ', ...' : ''} of this import: nothing was imported. Retry in a moment.`,
        {
          field: busy[0],
          fields: busy.map((path) => ({ path, message: 'being changed by another request' })),
        },
      );
    }
  }

  /** Reads regions and existing halls chunk by chunk and decides each row's action (no writes). */
  private async planImport(
    rows: ParsedImportRow[],
    principal: Principal,
    at: Date,
    onProgress?: ImportProgress,
  ): Promise<ImportPlan> {
    const plan: ImportPlan = { reports: [], inserts: [], updates: [] };
    const firstRowOfCode = new Map<string, number>();
    for (let start = 0; start < rows.length; start += IMPORT_CHUNK) {
      const chunk = rows.slice(start, start + IMPORT_CHUNK);
      const valid = chunk.flatMap((entry) => (entry.input ? [entry.input] : []));
      const [regions, existing] = await Promise.all([
        this.regions.findByCodes([...new Set(valid.map((input) => input.regionCode))]),
        this.halls.findByCodes(valid.map((input) => input.code)),
      ]);
      const regionByCode = new Map(regions.map((region) => [region.code, region]));
      const hallByCode = new Map(existing.map((hall) => [hall.code, hall]));

      for (const { row, root, input, errors: parseErrors } of chunk) {
        const errors = [...parseErrors];
        const rawCode = row.value['code'];
        const code =
          input?.code ??
          (typeof rawCode === 'string' && rawCode.trim() ? rawCode.trim().toUpperCase() : null);
        if (input) {
          errors.push(...this.regionProblems(input, regionByCode.get(input.regionCode), root));
          const earlier = firstRowOfCode.get(input.code);
          if (earlier !== undefined) {
            errors.push({ path: `${root}.code`, message: `${input.code} is also on rows[${earlier}]` });
          } else {
            firstRowOfCode.set(input.code, row.index);
          }
        }
        const region = input ? regionByCode.get(input.regionCode) : undefined;
        const report = (action: ImportAction) =>
          plan.reports.push({ row: row.index, line: row.line, code, action, errors });
        if (!input || !region || errors.length > 0) {
          report('INVALID');
          continue;
        }
        const current = hallByCode.get(input.code);
        if (!current) {
          plan.inserts.push({
            row: row.index,
            doc: buildHallDoc(input, region, new ObjectId(), 1, at, at, principal.id),
          });
          report('CREATED');
        } else if (sameData(contentOf(current), input)) {
          report('UNCHANGED');
        } else {
          const next = buildHallDoc(
            input,
            region,
            current._id,
            current.version,
            current.createdAt,
            at,
            principal.id,
          );
          const { _id: _ignored, version: _version, createdAt: _created, ...set } = next;
          plan.updates.push({
            updateOne: {
              filter: { _id: current._id, version: current.version },
              update: { $set: set, $inc: { version: 1 } },
            },
          });
          report('UPDATED');
        }
      }
      onProgress?.({
        phase: 'validate',
        done: Math.min(start + IMPORT_CHUNK, rows.length),
        total: rows.length,
      });
    }
    return plan;
  }

  /**
   * Writes a planned import: first the new halls (undone if a real server's unique index refuses
   * one: then nothing was changed yet), then the version-guarded updates.
   * @throws CONFLICT naming the refused row's code; CONFLICT when a hall changed under the import
   *   (only possible for a writer that does not hold the code) or when the import stalled longer
   *   than its lease between two chunks (the message says how many rows were written).
   */
  private async writeImport(plan: ImportPlan, lease: KeyLease, onProgress?: ImportProgress): Promise<void> {
    const total = plan.inserts.length + plan.updates.length;
    let done = 0;
    const progress = (count: number) => {
      done += count;
      onProgress?.({ phase: 'write', done, total });
    };
    // Between two chunks: keep the codes held. Losing them means this process stalled longer than
    // the lease (30 s) and another writer may have taken a code: stop, and say what was written.
    const keepHolding = async () => {
      try {
        await lease.renew();
      } catch (error) {
        if (!(error instanceof KeysBusyError)) throw error;
        this.logger.error({ written: done, total }, 'an import lost its hold on its codes while writing');
        throw conflict(
          `The import stalled and lost its hold on its codes after writing ${done} of ${total} rows; the rest was not written. Run it again (it is idempotent).`,
          { written: done, total },
        );
      }
    };
    for (let start = 0; start < plan.inserts.length; start += IMPORT_CHUNK) {
      const chunk = plan.inserts.slice(start, start + IMPORT_CHUNK);
      try {
        await this.halls.bulkWrite(chunk.map(({ doc }) => ({ insertOne: { document: doc } })));
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        await this.halls.deleteByIds(plan.inserts.map(({ doc }) => doc._id));
        const refused = chunk[duplicateKeyIndexes(error)[0] ?? 0];
        throw duplicateValue(
          `rows[${refused?.row ?? '?'}].code`,
          refused?.doc.code ?? '',
          'already taken: nothing was imported',
        );
      }
      progress(chunk.length);
      if (start + IMPORT_CHUNK < plan.inserts.length) await keepHolding();
    }
    for (let start = 0; start < plan.updates.length; start += IMPORT_CHUNK) {
      const chunk = plan.updates.slice(start, start + IMPORT_CHUNK);
      const result = await this.halls.bulkWrite(chunk);
      if (result.matched < chunk.length) {
        this.logger.error(
          { expected: chunk.length, matched: result.matched },
          'halls changed under an import by a writer that does not hold their codes',
        );
        throw conflict(
          `${chunk.length - result.matched} hall(s) of this import were changed by someone else while it ran and were not updated; the other rows were written. Run the import again.`,
        );
      }
      progress(chunk.length);
      if (start + IMPORT_CHUNK < plan.updates.length) await keepHolding();
    }
  }

  // ---- channels: commands ---------------------------------------------------------------------

  /**
   * Creates or replaces a channel by code; kind and ownership follow from its type. Concurrent
   * upserts of one code are serialised (the code is held while checking and writing).
   * @throws FORBIDDEN unless admin; BAD_USER_INPUT naming the field (e.g. an unknown hall code);
   *   CONFLICT naming `input.code` when another request keeps the code busy.
   */
  async upsertChannel(principal: Principal, rawInput: unknown): Promise<WithId<ChannelDoc>> {
    channelsPolicy.authorize(principal, 'changeChannels');
    const input = parse(channelInputSchema, 'input', rawInput);
    if (input.hallCodes.length) {
      const found = new Set((await this.halls.findByCodes(input.hallCodes)).map((hall) => hall.code));
      const missing = input.hallCodes.findIndex((code) => !found.has(code));
      if (missing >= 0) throw badField(`input.hallCodes.${missing}`, `no hall ${input.hallCodes[missing]}`);
    }
    const content = channelContentOf(input);
    try {
      return await this.channels.withCodesHeld([input.code], () =>
        this.writeChannel(principal, input.code, content),
      );
    } catch (error) {
      if (error instanceof KeysBusyError) throw valueBusy('input.code', input.code);
      throw error;
    }
  }

  /** Inserts or replaces the channel `code` (the caller holds the code). */
  private async writeChannel(
    principal: Principal,
    code: string,
    content: ReturnType<typeof channelContentOf>,
  ): Promise<WithId<ChannelDoc>> {
    const existing = await this.channels.findByCode(code);
    const at = this.now();
    if (!existing) {
      const doc: WithId<ChannelDoc> = {
        _id: new ObjectId(),
        ...content,
        version: 1,
        updatedAt: at,
        updatedBy: principal.id,
      };
      await mapDuplicateKey(this.channels.insert(doc), 'input.code', code);
      return doc;
    }
    const { _id, version, updatedAt, updatedBy, ...stored } = existing;
    if (sameData(stored, content)) return existing;
    const next: WithId<ChannelDoc> = {
      _id,
      ...content,
      version: version + 1,
      updatedAt: at,
      updatedBy: principal.id,
    };
    if (!(await this.channels.replaceAtVersion(next, version))) {
      throw conflict(
        `Channel ${code} was changed by someone else (last at ${updatedAt.toISOString()} by ${updatedBy}): try again.`,
      );
    }
    return next;
  }

  // ---- internals ------------------------------------------------------------------------------

  /** Runs `work` holding these hall codes; a code kept busy too long becomes CONFLICT naming `field`. */
  private async holdingHallCodes<T>(codes: string[], field: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.halls.withCodesHeld(codes, work);
    } catch (error) {
      if (error instanceof KeysBusyError) throw valueBusy(field, error.keys[0] ?? codes[0] ?? '');
      throw error;
    }
  }

  private async findHall(ref: HallRef): Promise<WithId<HallDoc>> {
    const doc =
      'code' in ref
        ? await this.halls.findByCode(ref.code.trim().toUpperCase())
        : await this.halls.findById(ref.id);
    if (!doc) throw notFound('Hall', 'code' in ref ? ref.code : ref.id.toHexString());
    return doc;
  }

  private checkVersion(doc: HallDoc, expectedVersion: number): void {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
      throw badField('expectedVersion', 'must be the positive version you last read');
    }
    if (doc.version !== expectedVersion) {
      throw conflict(
        `Hall ${doc.code} was changed by someone else: you sent version ${expectedVersion}, the current version is ${doc.version}. Reload and apply your change again.`,
        { expectedVersion, currentVersion: doc.version },
      );
    }
  }

  /** @throws BAD_USER_INPUT when the region is unknown or does not fit the hall's area. */
  private async checkRegion(input: HallInput, root: string): Promise<RegionDoc> {
    const region = await this.regions.findByCode(input.regionCode);
    const problems = this.regionProblems(input, region ?? undefined, root);
    if (problems.length || !region) {
      throw badUserInput(
        `Invalid input. ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    return region;
  }

  /**
   * A hall lies in a county/district (URBAN: county level or above) or in a township (TOWNSHIP:
   * below county level), per DOMAIN.md section 1.
   */
  private regionProblems(input: HallInput, region: RegionDoc | undefined, root: string): FieldProblem[] {
    if (!region) return [{ path: `${root}.regionCode`, message: `no region ${input.regionCode}` }];
    if (region.level !== 'COUNTY' && region.level !== 'TOWNSHIP') {
      return [
        {
          path: `${root}.regionCode`,
          message: `a hall lies in a county/district or a township, ${region.name} is a ${region.level.toLowerCase()}`,
        },
      ];
    }
    if (input.area === 'TOWNSHIP' && region.level !== 'TOWNSHIP') {
      return [
        {
          path: `${root}.area`,
          message: `a TOWNSHIP hall lies in a township, ${region.name} is a county/district`,
        },
      ];
    }
    if (input.area === 'URBAN' && region.level === 'TOWNSHIP') {
      return [{ path: `${root}.area`, message: `${region.name} is a township: the hall's area is TOWNSHIP` }];
    }
    return [];
  }
}

/** An import row after conversion and schema validation (`input` is null when it failed). */
interface ParsedImportRow {
  row: RawRow;
  root: string;
  input: HallInput | null;
  errors: FieldProblem[];
}

/** What an import would write: the per-row report, the new halls and the version-guarded updates. */
interface ImportPlan {
  reports: ImportRowReport[];
  inserts: Array<{ row: number; doc: WithId<HallDoc> }>;
  updates: AnyBulkWriteOperation<HallDoc>[];
}

/** Validates each raw row with the `createHall` schema (pure; region checks need the database). */
function parseImportRows(rows: RawRow[]): ParsedImportRow[] {
  return rows.map((row) => {
    const root = `rows[${row.index}]`;
    const result = hallInputSchema.safeParse(row.value);
    const errors = [...row.problems];
    if (!result.success) {
      // A field that could not be converted (e.g. unreadable hours) is reported once, as converted.
      const converted = (fromZodError(root, result.error).extensions['fields'] as FieldProblem[]).filter(
        (problem) => !row.problems.some((known) => problem.path.startsWith(known.path)),
      );
      errors.push(...converted);
    }
    return { row, root, input: result.success && errors.length === 0 ? result.data : null, errors };
  });
}

function importReport(rows: ImportRowReport[], dryRun: boolean, applied: boolean): ImportReport {
  const count = (action: ImportAction) => rows.filter((report) => report.action === action).length;
  return {
    dryRun,
    applied,
    created: count('CREATED'),
    updated: count('UPDATED'),
    unchanged: count('UNCHANGED'),
    invalid: count('INVALID'),
    rows,
  };
}

/**
 * Awaits a write, turning a duplicate-key error (a real server's unique index) into CONFLICT naming `field`.
 * @throws AppError CONFLICT for a duplicate key; the write's other errors as they are.
 */
async function mapDuplicateKey<T>(write: Promise<T>, field: string, value: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw duplicateValue(field, value);
    throw error;
  }
}

/** The stored hall for a validated input in `region` (derives the region path and county). */
export function buildHallDoc(
  input: HallInput,
  region: RegionDoc,
  id: ObjectId,
  version: number,
  createdAt: Date,
  updatedAt: Date,
  by: string,
): WithId<HallDoc> {
  const content: HallContent = {
    code: input.code,
    name: input.name,
    tier: input.tier,
    operation: input.operation,
    partner: input.partner,
    area: input.area,
    regionCode: input.regionCode,
    address: input.address,
    location: { lat: input.location.lat, lng: input.location.lng },
    floorAreaM2: input.floorAreaM2,
    services: input.services,
    openingHours: input.openingHours,
    status: input.status,
    phone: input.phone,
    accessibility: input.accessibility,
    roster: input.roster,
  };
  return {
    _id: id,
    ...content,
    openWeek: openWeekOf(input.openingHours),
    specialDates: input.openingHours.special.map((entry) => entry.date),
    regionPath: region.path,
    countyCode: region.level === 'COUNTY' ? region.code : (region.parentCode ?? region.code),
    version,
    createdAt,
    updatedAt,
    updatedBy: by,
    // Every write of a hall goes through here (or setHallStatus): the indexer cannot miss it.
    searchPending: true,
  };
}

/** The stored fields of a validated channel input; kind and ownership follow from the type. */
export function channelContentOf(
  input: ChannelInput,
): Omit<ChannelDoc, '_id' | 'version' | 'updatedAt' | 'updatedBy'> {
  const type = input.type as ChannelType;
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn,
    kind: CHANNEL_TYPES[type].kind,
    ownership: CHANNEL_TYPES[type].ownership,
    type,
    services: input.services,
    access: input.access.map((entry) => ({
      kind: entry.kind,
      value: entry.value,
      code: entry.code ?? null,
      meaning: entry.meaning ?? null,
    })),
    hours: input.hours,
    alwaysOpen: input.alwaysOpen,
    hallCodes: input.hallCodes,
    description: input.description,
  };
}
