import { ObjectId } from 'mongodb';
import type { AnyBulkWriteOperation, Collection, Db, Document, Filter } from 'mongodb';
import { updateVersioned } from '../../db/guards.js';
import type { CollectionIndexes } from '../../db/indexes.js';
import { keysetQuery } from '../../db/keyset.js';
import type { KeysetPage } from '../../db/keyset.js';
import { KeyClaims, KeysBusyError } from '../../db/key-claims.js';
import type { KeyLease } from '../../db/key-claims.js';
import { baseHallClauses, compileHallCriteria, compileHallFacetFilters } from './hall-filter.js';
import type { HallFacetFilters } from './hall-filter.js';
import type { HallCriteria } from './hall-filter.js';
import {
  coverageCountsOf,
  coverageCountsPipeline,
  facetCountsOf,
  facetCountsPipeline,
} from './hall-counts.js';
import type { CoverageCounts, HallFacetCounts } from './hall-counts.js';
import type { HallDoc, HallStatus, OpeningHours } from './hall.model.js';

/** The orders `halls` pages in; each is a keyset on (key, _id). */
export const HALL_ORDERS = { CODE: 'code', NAME: 'name' } as const;
export type HallOrder = keyof typeof HALL_ORDERS;

const bySortKeys = (prefix: Record<string, 1>, sortKey: 'code' | 'name') =>
  ({ ...prefix, [sortKey]: 1, _id: 1 }) as const;

/**
 * Indexes behind every hall filter and sort: each filter field with each sort key (the keyset is
 * (key, _id)); the region filter matches the stored ancestor codes; `nearbyHalls` selects a bounding
 * box on lat/lng.
 */
export const hallIndexes: CollectionIndexes = {
  collection: 'halls',
  indexes: [
    { name: 'code_unique', key: { code: 1 }, options: { unique: true } },
    { name: 'code_keyset', key: { code: 1, _id: 1 } },
    { name: 'name_keyset', key: { name: 1, _id: 1 } },
    ...(['code', 'name'] as const).flatMap((sortKey) =>
      (['regionPath', 'tier', 'operation', 'area', 'services', 'status'] as const).map((field) => ({
        name: `${field}_${sortKey}`,
        key: bySortKeys({ [field]: 1 }, sortKey),
      })),
    ),
    { name: 'location_box', key: { 'location.lat': 1, 'location.lng': 1 } },
    { name: 'search_pending', key: { searchPending: 1, updatedAt: 1 } },
    { name: 'open_week', key: { status: 1, 'openWeek.from': 1, 'openWeek.to': 1 } },
    { name: 'special_dates', key: { specialDates: 1 } },
    { name: 'county_status', key: { countyCode: 1, status: 1 } },
    { name: 'county_roster', key: { countyCode: 1, roster: 1 } },
  ],
};

/**
 * A compiled hall filter, made by `HallRepository.select` and handed back to its query methods, so
 * one request compiles (and looks up) a filter once for its page, counts and facets.
 */
export class HallSelection {
  /** Only `HallRepository` builds one. */
  constructor(
    readonly mongoFilter: Filter<HallDoc>,
    /** The same filter split for disjunctive facet counts. */
    readonly facetFilters: HallFacetFilters,
  ) {}
}

/** A latitude/longitude box (the candidates of a radius search). */
export interface GeoBox {
  south: number;
  north: number;
  west: number;
  east: number;
}

/** MongoDB I/O for business halls. Knows nothing of callers or GraphQL. */
export class HallRepository {
  private readonly halls: Collection<HallDoc>;
  private readonly keys: KeyClaims;

  constructor(db: Db) {
    this.halls = db.collection<HallDoc>('halls');
    this.keys = new KeyClaims(db);
  }

  /**
   * Runs `work` while no other writer (in this process or another instance) may write a hall with
   * one of these codes: every write of a hall holds its code, so check-then-write is safe inside.
   * @throws KeysBusyError naming the codes (without prefix) still held by another writer after `waitMs`.
   */
  async withCodesHeld<T>(
    codes: readonly string[],
    work: (lease: KeyLease) => Promise<T>,
    options: { waitMs?: number } = {},
  ): Promise<T> {
    const prefix = 'hall.code:';
    try {
      return await this.keys.hold(
        codes.map((code) => `${prefix}${code}`),
        work,
        options,
      );
    } catch (error) {
      if (error instanceof KeysBusyError)
        throw new KeysBusyError(error.keys.map((key) => key.slice(prefix.length)));
      throw error;
    }
  }

  findByCode(code: string): Promise<HallDoc | null> {
    return this.halls.findOne({ code });
  }

  findById(id: ObjectId): Promise<HallDoc | null> {
    return this.halls.findOne({ _id: id });
  }

  /** One query for many codes (the DataLoader's batch); order is not guaranteed. */
  findByCodes(codes: readonly string[]): Promise<HallDoc[]> {
    return this.halls.find({ code: { $in: [...codes] } }).toArray();
  }

  /** One query for many ids given as 24-digit hex strings (the DataLoader's batch). */
  findByHexIds(ids: readonly string[]): Promise<HallDoc[]> {
    return this.halls.find({ _id: { $in: ids.map((id) => ObjectId.createFromHexString(id)) } }).toArray();
  }

  /**
   * A keyset page in `order` (key asc, _id asc), read in the page's direction. With `reads`, only
   * those fields (plus `_id`, `code` and `name`, the keyset keys) are read: the rest is absent.
   */
  findPage(
    selection: HallSelection,
    order: HallOrder,
    page: KeysetPage,
    reads?: ReadonlyArray<keyof HallDoc>,
  ): Promise<HallDoc[]> {
    const keyset = keysetQuery(HALL_ORDERS[order], false, page);
    return this.halls
      .find(
        { $and: [selection.mongoFilter, keyset.filter] },
        reads
          ? { projection: Object.fromEntries([...reads, 'code', 'name'].map((field) => [field, 1])) }
          : {},
      )
      .sort(keyset.sort)
      .limit(keyset.limit)
      .toArray();
  }

  /** How many halls match `selection` (a count under the filter, without facets). */
  countSelected(selection: HallSelection): Promise<number> {
    return this.halls.countDocuments(selection.mongoFilter);
  }

  /**
   * Counts per tier, operation, area, service and status under `selection`, in one `$facet`
   * aggregate: each of tier, operation, area and status under every filter but its own (see
   * `DISJUNCTIVE_FACETS`), services and the total under the whole filter.
   */
  async facetCounts(selection: HallSelection): Promise<HallFacetCounts> {
    const [row] = await this.halls.aggregate<Document>(facetCountsPipeline(selection.facetFilters)).toArray();
    return facetCountsOf(row);
  }
  /** Compiles `criteria` once for the query methods below. */
  select(criteria: HallCriteria): HallSelection {
    return new HallSelection(compileHallCriteria(criteria), compileHallFacetFilters(criteria));
  }

  /**
   * Status and hours (only what deciding "open at" needs) of the OPEN halls matching `criteria`
   * (its `openAt` part left out) that have a special schedule on the local `date`.
   */
  findOpenWithSpecialDate(
    criteria: HallCriteria,
    date: string,
  ): Promise<Array<{ _id: ObjectId; status: HallStatus; openingHours: OpeningHours }>> {
    const filter: Filter<HallDoc> = {
      $and: [...baseHallClauses(criteria), { status: 'OPEN' }, { specialDates: date }],
    };
    return this.halls.find(filter, { projection: { _id: 1, status: 1, openingHours: 1 } }).toArray();
  }

  /** The halls of `selection` among these ids (hex strings), at most `limit`. */
  findSelectedAmong(selection: HallSelection, ids: readonly string[], limit: number): Promise<HallDoc[]> {
    const objectIds = ids.map((id) => new ObjectId(id));
    return this.halls
      .find({ $and: [selection.mongoFilter, { _id: { $in: objectIds } }] })
      .limit(limit)
      .toArray();
  }

  /** The halls of `selection` in code order, at most `limit` (an export). */
  findInCodeOrder(selection: HallSelection, limit: number): Promise<HallDoc[]> {
    return this.halls.find(selection.mongoFilter).sort({ code: 1 }).limit(limit).toArray();
  }

  /** The halls of `selection` inside a lat/lng box (the candidates of a radius search). */
  findInBox(selection: HallSelection, box: GeoBox): Promise<HallDoc[]> {
    return this.findMatchingInBox(selection.mongoFilter, box);
  }

  /** The halls of `selection` inside a box whose latest change the search index does not have yet. */
  findSearchPendingInBox(selection: HallSelection, box: GeoBox): Promise<HallDoc[]> {
    return this.findMatchingInBox({ $and: [selection.mongoFilter, { searchPending: true }] }, box);
  }

  private findMatchingInBox(filter: Filter<HallDoc>, box: GeoBox): Promise<HallDoc[]> {
    return this.halls
      .find({
        $and: [
          filter,
          { 'location.lat': { $gte: box.south, $lte: box.north } },
          { 'location.lng': { $gte: box.west, $lte: box.east } },
        ],
      })
      .toArray();
  }

  /** Planners' counts under a region, in one `$facet` aggregate. */
  async coverageCounts(regionCode: string): Promise<CoverageCounts> {
    const [row] = await this.halls.aggregate<Document>(coverageCountsPipeline(regionCode)).toArray();
    return coverageCountsOf(row);
  }
  async insert(doc: HallDoc): Promise<void> {
    await this.halls.insertOne(doc);
  }

  /**
   * Stores `next` (a whole hall built from content) over the hall at `expectedVersion`, keeping its
   * id and creation time, and bumps the version.
   * @throws AppError NOT_FOUND, CONFLICT with the current version.
   */
  replaceAtVersion(next: HallDoc, expectedVersion: number): Promise<HallDoc> {
    const { _id, version: _version, createdAt: _created, ...set } = next;
    return updateVersioned(this.halls, { _id }, expectedVersion, { $set: set }, 'Hall');
  }

  /**
   * Sets a hall's status at `expectedVersion` (bumping it) and marks it pending for the search index.
   * @throws AppError NOT_FOUND, CONFLICT with the current version.
   */
  setStatusAtVersion(
    id: ObjectId,
    expectedVersion: number,
    change: { status: HallStatus; updatedAt: Date; updatedBy: string },
  ): Promise<HallDoc> {
    return updateVersioned(
      this.halls,
      { _id: id },
      expectedVersion,
      { $set: { ...change, searchPending: true } },
      'Hall',
    );
  }

  /**
   * Inserts new halls in one batch (an import chunk); returns how many were inserted.
   * @throws the driver's MongoBulkWriteError (e.g. a duplicate key on a real server: see
   *   `duplicateKeyIndexes` for which of `docs`).
   */
  async insertMany(docs: readonly HallDoc[]): Promise<number> {
    return (await this.bulkWrite(docs.map((doc) => ({ insertOne: { document: doc } })))).inserted;
  }

  /**
   * Stores each hall over its stored version in one batch, each only at its `expectedVersion`
   * (bumping it); returns how many matched (fewer: someone else changed a hall meanwhile).
   */
  async replaceManyAtVersions(
    updates: ReadonlyArray<{ next: HallDoc; expectedVersion: number }>,
  ): Promise<number> {
    const operations = updates.map(({ next, expectedVersion }): AnyBulkWriteOperation<HallDoc> => {
      const { _id, version: _version, createdAt: _created, ...set } = next;
      return {
        updateOne: {
          filter: { _id, version: expectedVersion },
          update: { $set: set, $inc: { version: 1 } },
        },
      };
    });
    return (await this.bulkWrite(operations)).matched;
  }

  /**
   * Inserts the halls whose code is not stored yet, in one batch, leaving existing ones as they
   * are (seeding); returns how many were inserted.
   */
  async insertMissing(docs: readonly HallDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const result = await this.halls.bulkWrite(
      docs.map((doc) => ({
        updateOne: { filter: { code: doc.code }, update: { $setOnInsert: doc }, upsert: true },
      })),
      { ordered: false },
    );
    return result.upsertedCount;
  }

  private async bulkWrite(
    operations: AnyBulkWriteOperation<HallDoc>[],
  ): Promise<{ inserted: number; matched: number; modified: number }> {
    if (operations.length === 0) return { inserted: 0, matched: 0, modified: 0 };
    const result = await this.halls.bulkWrite(operations, { ordered: false });
    return {
      inserted: result.insertedCount + result.upsertedCount,
      matched: result.matchedCount,
      modified: result.modifiedCount,
    };
  }

  /** Deletes halls by id (undoes the inserts of an import that could not be completed). */
  async deleteByIds(ids: readonly ObjectId[]): Promise<number> {
    if (ids.length === 0) return 0;
    return (await this.halls.deleteMany({ _id: { $in: [...ids] } })).deletedCount;
  }
}
