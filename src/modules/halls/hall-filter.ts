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

/** The clauses of everything but `openAt`, in a fixed order. */
export function baseHallClauses(criteria: HallCriteria): Filter<HallDoc>[] {
  const { filter } = criteria;
  const clauses: Filter<HallDoc>[] = [];
  if (filter.regionCode) clauses.push({ regionPath: filter.regionCode.trim() });
  if (filter.tiers?.length) clauses.push({ tier: { $in: [...filter.tiers] } });
  if (filter.operations?.length) clauses.push({ operation: { $in: [...filter.operations] } });
  if (filter.areas?.length) clauses.push({ area: { $in: [...filter.areas] } });
  if (filter.services?.length) clauses.push({ services: { $all: [...filter.services] } });
  if (filter.status) clauses.push({ status: filter.status });
  if (criteria.text) clauses.push(textClause(criteria.text.text, criteria.text.indexMatches));
  return clauses;
}

/** The whole MongoDB filter for `criteria`. */
export function compileHallCriteria(criteria: HallCriteria): Filter<HallDoc> {
  const clauses = baseHallClauses(criteria);
  if (criteria.openAt) {
    // Index-backed: the weekly hours are stored as minutes of the week; the few halls with a
    // special schedule on that local date were checked one by one by the service.
    const { weekMinute, date, openOnSpecialDate } = criteria.openAt;
    clauses.push({ status: 'OPEN' });
    clauses.push({
      $or: [
        {
          specialDates: { $ne: date },
          openWeek: { $elemMatch: { from: { $lte: weekMinute }, to: { $gt: weekMinute } } },
        },
        { _id: { $in: [...openOnSpecialDate] } },
      ],
    });
  }
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
