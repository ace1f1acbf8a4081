/**
 * What portals filter halls by (a domain value), and its compilation to a MongoDB filter. Only the
 * hall repository compiles: services pass a `HallCriteria` (the filter with the facts they looked up).
 */
import { ObjectId } from 'mongodb';
import type { Filter } from 'mongodb';
import type { ServiceKind } from '../channels/index.js';
import type { HallArea, HallDoc, HallOperation, HallStatus, HallTier } from './hall.model.js';

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

/** A `HallFilter` with what the service looked up to decide its text and "open at" parts. */
export interface HallCriteria {
  filter: Omit<HallFilter, 'openAt' | 'text'>;
  /**
   * A name/address text: the ids the halls index matched (plus the pending halls that match
   * literally), or `indexMatches: null` to match the text literally (no index).
   */
  text?: { text: string; indexMatches: readonly string[] | null } | null;
  /**
   * Open at an instant: the weekly minute to match against the derived `openWeek`, and the halls
   * with a special schedule on that local `date` that the service found open (added by id).
   */
  openAt?: { weekMinute: number; date: string; openOnSpecialDate: readonly ObjectId[] } | null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The facets counted disjunctively: each one's counts apply every filter except its own (an any-of
 * list, or the one status), so a panel shows what choosing another value would give. Services are
 * "all of": their counts keep the services filter (how many would remain with one more service).
 */
export const DISJUNCTIVE_FACETS = ['tier', 'operation', 'area', 'status'] as const;
export type DisjunctiveFacet = (typeof DISJUNCTIVE_FACETS)[number];

/** The compiled filter in two parts: what narrows every count, and each disjunctive facet's own clause. */
export interface HallFacetFilters {
  common: Filter<HallDoc>[];
  own: Partial<Record<DisjunctiveFacet, Filter<HallDoc>>>;
}

/** The clauses of everything but `openAt`: the shared ones and the disjunctive facets' own. */
function splitBaseClauses(criteria: HallCriteria): HallFacetFilters {
  const { filter } = criteria;
  const common: Filter<HallDoc>[] = [];
  const own: HallFacetFilters['own'] = {};
  if (filter.regionCode) common.push({ regionPath: filter.regionCode.trim() });
  if (filter.tiers?.length) own.tier = { tier: { $in: [...filter.tiers] } };
  if (filter.operations?.length) own.operation = { operation: { $in: [...filter.operations] } };
  if (filter.areas?.length) own.area = { area: { $in: [...filter.areas] } };
  if (filter.services?.length) common.push({ services: { $all: [...filter.services] } });
  if (filter.status) own.status = { status: filter.status };
  if (criteria.text) common.push(textClause(criteria.text.text, criteria.text.indexMatches));
  return { common, own };
}

const clausesOf = (parts: HallFacetFilters): Filter<HallDoc>[] => [
  ...parts.common,
  ...DISJUNCTIVE_FACETS.map((facet) => parts.own[facet]).filter(
    (clause): clause is Filter<HallDoc> => clause !== undefined,
  ),
];

/** The clauses of everything but `openAt`. */
export function baseHallClauses(criteria: HallCriteria): Filter<HallDoc>[] {
  return clausesOf(splitBaseClauses(criteria));
}

/** The clauses of an `openAt` filter (status OPEN, inside the weekly hours or open on the special date). */
function openAtClauses(openAt: NonNullable<HallCriteria['openAt']>): Filter<HallDoc>[] {
  // Index-backed: the weekly hours are stored as minutes of the week; the few halls with a
  // special schedule on that local date were checked one by one by the service.
  const { weekMinute, date, openOnSpecialDate } = openAt;
  return [
    { status: 'OPEN' },
    {
      $or: [
        {
          specialDates: { $ne: date },
          openWeek: { $elemMatch: { from: { $lte: weekMinute }, to: { $gt: weekMinute } } },
        },
        { _id: { $in: [...openOnSpecialDate] } },
      ],
    },
  ];
}

/** `criteria` split for disjunctive facet counts (`openAt` narrows every count, status included). */
export function compileHallFacetFilters(criteria: HallCriteria): HallFacetFilters {
  const parts = splitBaseClauses(criteria);
  if (criteria.openAt) parts.common.push(...openAtClauses(criteria.openAt));
  return parts;
}

/** The whole MongoDB filter for `criteria`. */
export function compileHallCriteria(criteria: HallCriteria): Filter<HallDoc> {
  const clauses = clausesOf(compileHallFacetFilters(criteria));
  return clauses.length ? { $and: clauses } : {};
}

/** The clause for a name/address text filter: the index's matches plus pending halls that match literally. */
function textClause(text: string, indexMatches: readonly string[] | null): Filter<HallDoc> {
  const pattern = { $regex: escapeRegex(text), $options: 'i' };
  const literal: Filter<HallDoc> = { $or: [{ name: pattern }, { address: pattern }] };
  if (indexMatches === null) return literal;
  const ids = indexMatches.map((id) => new ObjectId(id));
  return { $or: [{ _id: { $in: ids } }, { $and: [{ searchPending: true }, literal] }] };
}
