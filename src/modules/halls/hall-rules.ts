/**
 * The halls module's shared domain rules: building a stored hall from validated input, where a
 * hall may lie, version checks, and announcing changes.
 */
import { badField, conflict } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { HallContent, HallDoc } from './hall.model.js';
import type { HallInput } from './hall.validation.js';
import { openWeekOf } from './opening-hours.js';
import type { RegionDoc } from '../regions/index.js';

/** Names a hall by code or by id (exactly one). */
export type HallKey = { code: string } | { id: HallDoc['_id'] };

/** Announces saved hall changes (the indexer wakes on it; `searchPending` is the guarantee). */
export function announceHallChanges(events: EventBus, codes: readonly string[]): void {
  if (codes.length > 0) events.publish('HallChanged', { codes });
}

/** @throws AppError BAD_USER_INPUT for a malformed version; CONFLICT when `doc` moved past it. */
export function checkHallVersion(doc: HallDoc, expectedVersion: number): void {
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

/**
 * A hall lies in a county/district (URBAN: county level or above) or in a township (TOWNSHIP:
 * below county level), per DOMAIN.md section 1. Returns the problems under `root` (none: it fits).
 */
export function regionProblems(
  input: HallInput,
  region: RegionDoc | undefined,
  root: string,
): FieldProblem[] {
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

/** The stored hall for a validated input in `region` (derives the region path and county). */
export function buildHallDoc(
  input: HallInput,
  region: RegionDoc,
  id: HallDoc['_id'],
  version: number,
  createdAt: Date,
  updatedAt: Date,
  by: string,
): HallDoc {
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
    // Every write of a hall goes through here (or setStatusAtVersion): the indexer cannot miss it.
    searchPending: true,
  };
}
