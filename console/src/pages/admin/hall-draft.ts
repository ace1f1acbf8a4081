/**
 * The hall form's working copy and the API's hall, both ways: what the form edits (a county path
 * for the cascader and a township for township halls, the hours grid) and what `createHall` /
 * `updateHall` take.
 */
import { gridFromHours, hoursFromGrid } from './hours-grid';
import type { ApiHours, HoursGrid } from './hours-grid';

export interface HallDraft {
  code: string;
  name: string;
  tier: string;
  operation: string;
  partner: string;
  area: string;
  /** Province / city / county codes. */
  county: string[];
  /** The township code of a TOWNSHIP hall. */
  township: string | undefined;
  address: string;
  lat: number | null;
  lng: number | null;
  floorAreaM2: number | null;
  services: string[];
  accessibility: string[];
  phone: string;
  roster: boolean;
  status: string;
  hours: HoursGrid;
}

/** What the form needs of a stored hall (the API's `Hall`). */
export interface StoredHall {
  code: string;
  name: string;
  tier: string;
  operation: string;
  partner?: string | null;
  area: string;
  regionCode: string;
  region?: { code: string; level: string; ancestors: ReadonlyArray<{ code: string }> } | null;
  address: string;
  location: { lat: number; lng: number };
  floorAreaM2: number;
  services: readonly string[];
  accessibility: readonly string[];
  phone?: string | null;
  roster: boolean;
  status: string;
  openingHours: ApiHours;
}

const WEEKDAY_LUNCH = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];

/** A new hall: urban, self-operated, standard, open Monday to Saturday with a lunch break on weekdays. */
export function emptyDraft(): HallDraft {
  return {
    code: '',
    name: '',
    tier: 'STANDARD',
    operation: 'SELF_OPERATED',
    partner: '',
    area: 'URBAN',
    county: [],
    township: undefined,
    address: '',
    lat: null,
    lng: null,
    floorAreaM2: null,
    services: ['BUSINESS_HANDLING', 'PAYMENT'],
    accessibility: [],
    phone: '',
    roster: false,
    status: 'OPEN',
    hours: gridFromHours({
      weekly: [
        WEEKDAY_LUNCH,
        WEEKDAY_LUNCH,
        WEEKDAY_LUNCH,
        WEEKDAY_LUNCH,
        WEEKDAY_LUNCH,
        [{ start: '09:00', end: '17:00' }],
        [],
      ],
      special: [],
    }),
  };
}

/** A stored hall as the form edits it. */
export function draftOf(hall: StoredHall): HallDraft {
  const path = hall.region ? [...hall.region.ancestors.map((region) => region.code), hall.region.code] : [];
  const isTownship = hall.region?.level === 'TOWNSHIP';
  return {
    code: hall.code,
    name: hall.name,
    tier: hall.tier,
    operation: hall.operation,
    partner: hall.partner ?? '',
    area: hall.area,
    county: isTownship ? path.slice(0, -1) : path,
    township: isTownship ? hall.regionCode : undefined,
    address: hall.address,
    lat: hall.location.lat,
    lng: hall.location.lng,
    floorAreaM2: hall.floorAreaM2,
    services: [...hall.services],
    accessibility: [...hall.accessibility],
    phone: hall.phone ?? '',
    roster: hall.roster,
    status: hall.status,
    hours: gridFromHours(hall.openingHours),
  };
}

/**
 * The fields left empty that the API cannot even be asked without (numbers and the place), keyed
 * as the API names them; the rest (rules, ranges, formats) the API checks and names.
 */
export function missingFields(draft: HallDraft): string[] {
  const missing: string[] = [];
  if (draft.lat === null) missing.push('location.lat');
  if (draft.lng === null) missing.push('location.lng');
  if (draft.floorAreaM2 === null) missing.push('floorAreaM2');
  if (draft.area === 'TOWNSHIP' ? !draft.township : draft.county.length === 0) missing.push('regionCode');
  return missing;
}

/** The draft as the API's hall input (the fields `createHall` and `updateHall` share); a self-operated hall sends no partner. */
export function hallInputOf(draft: HallDraft) {
  return {
    code: draft.code.trim(),
    name: draft.name.trim(),
    tier: draft.tier,
    operation: draft.operation,
    partner: draft.operation === 'PARTNER_OPERATED' ? draft.partner.trim() || null : null,
    area: draft.area,
    regionCode: (draft.area === 'TOWNSHIP' ? draft.township : draft.county[draft.county.length - 1]) ?? '',
    address: draft.address.trim(),
    location: { lat: draft.lat ?? 0, lng: draft.lng ?? 0 },
    floorAreaM2: draft.floorAreaM2 ?? 0,
    services: draft.services,
    accessibility: draft.accessibility,
    phone: draft.phone.trim() || null,
    roster: draft.roster,
    openingHours: hoursFromGrid(draft.hours),
  };
}

/** The special dates in date order, so the API's `openingHours.special.N` names the row shown N-th. */
export function withSortedSpecialDates(draft: HallDraft): HallDraft {
  const special = [...draft.hours.special].sort((a, b) => a.date.localeCompare(b.date));
  return { ...draft, hours: { ...draft.hours, special } };
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `edited` that differ from `base`: what the admin changed and has not saved. */
export function editedFields(base: HallDraft, edited: HallDraft): Array<keyof HallDraft> {
  return (Object.keys(edited) as Array<keyof HallDraft>).filter((key) => !sameValue(base[key], edited[key]));
}

/**
 * The admin's unsaved edits put over a newer version of the hall (after a status change, say): each
 * field the admin changed since `base` keeps the admin's value, every other field takes `fresh`'s,
 * so a refresh never drops typed data and never hides what changed on the server.
 */
export function rebaseDraft(base: HallDraft, edited: HallDraft, fresh: HallDraft): HallDraft {
  const rebased: HallDraft = { ...fresh };
  for (const key of editedFields(base, edited)) Object.assign(rebased, { [key]: edited[key] });
  return rebased;
}
