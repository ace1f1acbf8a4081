/** The `$facet` aggregates that count halls (filter panels, coverage) and the shapes they return. */
import type { Document, Filter } from 'mongodb';
import { DISJUNCTIVE_FACETS } from './hall-filter.js';
import type { DisjunctiveFacet, HallFacetFilters } from './hall-filter.js';
import type { HallDoc } from './hall.model.js';

export interface Bucket {
  value: string;
  count: number;
}

export interface HallFacetCounts {
  total: number;
  tier: Bucket[];
  operation: Bucket[];
  area: Bucket[];
  services: Bucket[];
  status: Bucket[];
}

export interface CoverageCounts {
  total: number;
  tier: Bucket[];
  operation: Bucket[];
  area: Bucket[];
  /** County codes with at least one OPEN hall. */
  countiesWithOpenHall: string[];
  /** County codes with at least one roster hall that is not permanently closed. */
  countiesWithRosterHall: string[];
}

const groupBy = (field: string) => [
  { $group: { _id: `$${field}`, count: { $sum: 1 } } },
  { $sort: { _id: 1 } },
];
const countAll = [{ $group: { _id: null, count: { $sum: 1 } } }];

function buckets(raw: unknown): Bucket[] {
  return ((raw as Array<{ _id: string; count: number }> | undefined) ?? []).map((row) => ({
    value: row._id,
    count: row.count,
  }));
}
function total(raw: unknown): number {
  return ((raw as Array<{ count: number }> | undefined) ?? [])[0]?.count ?? 0;
}

const matchAll = (clauses: readonly Filter<HallDoc>[]): Document[] =>
  clauses.length ? [{ $match: { $and: [...clauses] } }] : [];

/**
 * The pipeline of `HallFacetCounts` under `filters`, disjunctive: the shared clauses first (served
 * by the indexes, as the page's query is), then in one `$facet` the total under every clause and
 * each facet's counts under every clause but its own.
 */
export function facetCountsPipeline(filters: HallFacetFilters): Document[] {
  const ownExcept = (facet?: DisjunctiveFacet) =>
    matchAll(
      DISJUNCTIVE_FACETS.filter((other) => other !== facet)
        .map((other) => filters.own[other])
        .filter((clause): clause is Filter<HallDoc> => clause !== undefined),
    );
  return [
    ...matchAll(filters.common),
    { $project: { tier: 1, operation: 1, area: 1, status: 1, services: 1 } },
    {
      $facet: {
        total: [...ownExcept(), ...countAll],
        tier: [...ownExcept('tier'), ...groupBy('tier')],
        operation: [...ownExcept('operation'), ...groupBy('operation')],
        area: [...ownExcept('area'), ...groupBy('area')],
        status: [...ownExcept('status'), ...groupBy('status')],
        services: [...ownExcept(), { $unwind: '$services' }, ...groupBy('services')],
      },
    },
  ];
}

/** Reads the one row of `facetCountsPipeline`. */
export function facetCountsOf(row: Document | undefined): HallFacetCounts {
  return {
    total: total(row?.['total']),
    tier: buckets(row?.['tier']),
    operation: buckets(row?.['operation']),
    area: buckets(row?.['area']),
    status: buckets(row?.['status']),
    services: buckets(row?.['services']),
  };
}

/** The pipeline of `CoverageCounts` under a region. */
export function coverageCountsPipeline(regionCode: string): Document[] {
  const notClosed = { $match: { status: { $ne: 'CLOSED' } } };
  return [
    { $match: { regionPath: regionCode } },
    {
      $facet: {
        total: [notClosed, ...countAll],
        tier: [notClosed, ...groupBy('tier')],
        operation: [notClosed, ...groupBy('operation')],
        area: [notClosed, ...groupBy('area')],
        open: [{ $match: { status: 'OPEN' } }, { $group: { _id: '$countyCode' } }],
        roster: [notClosed, { $match: { roster: true } }, { $group: { _id: '$countyCode' } }],
      },
    },
  ];
}

/** Reads the one row of `coverageCountsPipeline`. */
export function coverageCountsOf(row: Document | undefined): CoverageCounts {
  const codes = (raw: unknown) => ((raw as Array<{ _id: string }> | undefined) ?? []).map((r) => r._id);
  return {
    total: total(row?.['total']),
    tier: buckets(row?.['tier']),
    operation: buckets(row?.['operation']),
    area: buckets(row?.['area']),
    countiesWithOpenHall: codes(row?.['open']),
    countiesWithRosterHall: codes(row?.['roster']),
  };
}
