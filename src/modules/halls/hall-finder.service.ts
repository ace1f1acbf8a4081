import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ChannelDoc, ChannelsService, ServiceKind } from '../channels/index.js';
import { hallsPolicy } from './halls.policy.js';
import { boundingBox, distanceMeters } from './geo.js';
import { hallPageOf } from './hall-cursor.js';
import { keysetItems } from '../../db/keyset.js';
import { pageFlags, pageSize } from '../../lib/paging.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import type { HallCriteria, HallFilter } from './hall-filter.js';
import { hallsToCsv, MAX_IMPORT_ROWS } from './hall-import.js';
import { contentOf } from './hall.model.js';
import type { GeoPoint, HallDoc, SpecialDate } from './hall.model.js';
import type { HallFacetCounts } from './hall-counts.js';
import type { HallOrder, HallRepository, HallSelection } from './hall.repository.js';
import {
  dayAt,
  isOpenAt,
  LOOKAHEAD_DAYS,
  nextChangeDetail,
  specialDatesAhead,
  weekMinuteOf,
} from './opening-hours.js';
import type { HallChangeDetail, HallDay } from './opening-hours.js';

export const MAX_RADIUS_KM = 300;

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

export interface HallPage extends Page<HallDoc> {
  order: HallOrder;
  facets: () => Promise<HallFacetCounts>;
}

export interface NearbyHall {
  hall: HallDoc;
  distanceMeters: number;
}

/** Reads of the hall directory: one hall, pages with facets, halls near a point, the CSV export. */
export class HallFinder {
  constructor(
    private readonly halls: HallRepository,
    private readonly channels: ChannelsService,
    private readonly logger: Logger,
    private readonly search: HallSearchPort | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  hallByCode(code: string): Promise<HallDoc | null> {
    return this.halls.findByCode(code.trim().toUpperCase());
  }

  /** Whether the hall is open at `at`: status OPEN and inside its hours (special dates first). */
  isHallOpenAt(hall: HallDoc, at: Date): boolean {
    return hall.status === 'OPEN' && isOpenAt(hall.openingHours, at);
  }

  /** The instant "now" means for hall reads (the injected clock). */
  currentTime(): Date {
    return this.now();
  }

  /**
   * When the hall next opens or closes (kind, local date and time, days ahead, and for a close when
   * it reopens); null when it is not OPEN or nothing changes within a month.
   */
  hallNextChange(hall: HallDoc, at: Date): HallChangeDetail | null {
    return hall.status === 'OPEN' ? nextChangeDetail(hall.openingHours, at) : null;
  }

  /** The hall's hours on the local (Asia/Shanghai) day of `at`, special dates first, with its breaks. */
  hallDay(hall: HallDoc, at: Date): HallDay {
    return dayAt(hall.openingHours, at);
  }

  /**
   * The hall's special dates from the local day of `at` through `days` days later.
   * @throws BAD_USER_INPUT naming `days` outside 0..LOOKAHEAD_DAYS.
   */
  hallSpecialDatesAhead(hall: HallDoc, at: Date, days: number): SpecialDate[] {
    if (!Number.isInteger(days) || days < 0 || days > LOOKAHEAD_DAYS) {
      throw badField('days', `must be a whole number from 0 to ${LOOKAHEAD_DAYS}`);
    }
    return specialDatesAhead(hall.openingHours, at, days);
  }

  /**
   * A page of halls in `order`, with lazily computed `totalCount` and `facets`. When the caller
   * wants facets, one `$facet` aggregate gives both; otherwise `totalCount` is a plain count under
   * the filter (index-backed on a real MongoDB), far cheaper than the aggregate. With `reads`, the
   * halls hold only those fields (and what paging needs): for a caller that knows what it resolves.
   * @throws BAD_USER_INPUT naming `first`/`last`, `after`/`before` or a `filter.*` field.
   */
  async listHalls(
    filter: HallFilter,
    order: HallOrder,
    request: PageRequest,
    options: { withFacets: boolean; reads?: ReadonlyArray<keyof HallDoc> | undefined } = { withFacets: true },
  ): Promise<HallPage> {
    const page = hallPageOf(request, order);
    const selection = await this.select(filter);
    const { items, more } = keysetItems(
      await this.halls.findPage(selection, order, page, options.reads),
      page,
    );
    let facets: Promise<HallFacetCounts> | null = null;
    const facetCounts = () => (facets ??= this.halls.facetCounts(selection));
    return {
      items,
      order,
      ...pageFlags(request, more),
      totalCount: async () =>
        options.withFacets ? (await facetCounts()).total : this.halls.countSelected(selection),
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
   * The halls matching `filter` as CSV in the import format (so admins can edit and re-import),
   * with formula-like cells neutralised (see `guardCsvCell`).
   * @throws UNAUTHENTICATED/FORBIDDEN unless admin; BAD_USER_INPUT naming `filter` when more than
   *   MAX_IMPORT_ROWS halls match (an import could not take the file back).
   */
  async exportHallsCsv(principal: Principal, filter: HallFilter): Promise<string> {
    hallsPolicy.authorize(principal, 'exportHalls');
    const halls = await this.halls.findInCodeOrder(await this.select(filter), MAX_IMPORT_ROWS + 1);
    if (halls.length > MAX_IMPORT_ROWS) {
      throw badField('filter', `more than ${MAX_IMPORT_ROWS} halls match: narrow the filter`);
    }
    return hallsToCsv(halls.map((hall) => contentOf(hall)));
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
  ): Promise<HallDoc[]> {
    const selection = await this.select(filter);
    const box = boundingBox(near, radiusKm);
    if (this.search) {
      try {
        const limit = filter.openAt ? 1000 : 300;
        const ids = await this.search.nearby(near, radiusKm, filter, limit);
        const [indexed, pending] = await Promise.all([
          this.halls.findSelectedAmong(selection, ids, limit),
          this.halls.findSearchPendingInBox(selection, box),
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
    return this.halls.findInBox(selection, box);
  }

  /**
   * The repository's selection for a `HallFilter`. Text: the index's matches (plus pending halls
   * matching literally), or a literal match without the index. `openAt` is a query on the derived
   * minute-of-week intervals (indexed), except for the halls with a special schedule on that local
   * date: those are read (status and hours only), checked with `isOpenAt`, and added by id.
   * @throws BAD_USER_INPUT naming `filter.text` when it is too long.
   */
  private async select(filter: HallFilter): Promise<HallSelection> {
    const { openAt, text: rawText, ...rest } = filter;
    const criteria: HallCriteria = { filter: rest };
    const text = rawText?.trim();
    if (text) {
      if (text.length > 50) throw badField('filter.text', 'at most 50 characters');
      criteria.text = { text, indexMatches: await this.indexMatches(text) };
    }
    if (openAt) {
      const { weekMinute, date } = weekMinuteOf(openAt);
      const special = await this.halls.findOpenWithSpecialDate(criteria, date);
      const openOnSpecialDate = special
        .filter((hall) => isOpenAt(hall.openingHours, openAt))
        .map((hall) => hall._id);
      criteria.openAt = { weekMinute, date, openOnSpecialDate };
    }
    return this.halls.select(criteria);
  }

  /** The ids of the halls the index matches for `text`; null when the index cannot answer. */
  private async indexMatches(text: string): Promise<string[] | null> {
    if (!this.search) return null;
    try {
      return await this.search.matching(text, 2000);
    } catch (error) {
      this.logger.warn({ err: error }, 'halls index unavailable: text filter on MongoDB instead');
      return null;
    }
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
  ): Promise<{ channels: ChannelDoc[]; halls: NearbyHall[] }> {
    const [channels, halls] = await Promise.all([
      this.channels.listChannels({ kinds: ['ELECTRONIC'], services: [service] }),
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
}
