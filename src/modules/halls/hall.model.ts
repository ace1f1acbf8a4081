import type { ObjectId } from 'mongodb';
import type { ServiceKind } from '../channels/index.js';

export const HALL_TIERS = ['FLAGSHIP', 'STANDARD', 'SMALL'] as const;
/** By function (按功能): 旗舰 / 标准 / 小型营业厅. */
export type HallTier = (typeof HALL_TIERS)[number];

export const HALL_OPERATIONS = ['SELF_OPERATED', 'PARTNER_OPERATED'] as const;
/** By who runs the business (按业务经营者): 自有自营 / 自有他营 (needs a partner). */
export type HallOperation = (typeof HALL_OPERATIONS)[number];

export const HALL_AREAS = ['URBAN', 'TOWNSHIP'] as const;
/** By location (按所在地): 城市 (county level or above) / 乡镇 (below county level, always SMALL). */
export type HallArea = (typeof HALL_AREAS)[number];

export const HALL_STATUSES = ['OPEN', 'TEMPORARILY_CLOSED', 'CLOSED'] as const;
export type HallStatus = (typeof HALL_STATUSES)[number];

export const ACCESSIBILITY_FEATURES = [
  'STEP_FREE_ENTRANCE',
  'ACCESSIBLE_COUNTER',
  'ACCESSIBLE_TOILET',
  'HEARING_LOOP',
  'SIGN_LANGUAGE',
  'PRIORITY_SEATING',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/** `HH:MM` local time (Asia/Shanghai); `end` may be `24:00`. Start inclusive, end exclusive. */
export interface TimeInterval {
  start: string;
  end: string;
}

/** A date with other hours than the weekly schedule: a holiday, or a make-up working day (调休). */
export interface SpecialDate {
  /** `YYYY-MM-DD` in Asia/Shanghai. */
  date: string;
  /** True: closed all day (intervals are empty). */
  closed: boolean;
  intervals: TimeInterval[];
  note: string | null;
}

export interface OpeningHours {
  /** Seven days, Monday first (index 0 = Monday ... 6 = Sunday); several intervals for a lunch break. */
  weekly: TimeInterval[][];
  /** Checked before the weekly schedule. */
  special: SpecialDate[];
}

export interface GeoPoint {
  /** WGS84 degrees. */
  lat: number;
  lng: number;
}

/** A business hall (营业厅): every owned hall, self- or partner-operated. */
export interface HallDoc {
  _id: ObjectId;
  code: string;
  name: string;
  tier: HallTier;
  operation: HallOperation;
  /** The authorised partner running a PARTNER_OPERATED hall; null when self-operated. */
  partner: string | null;
  area: HallArea;
  /** The region the hall is in (a county/district or a township). */
  regionCode: string;
  /** `regionCode` and its ancestors, root first: a region filter matches everything under it. */
  regionPath: string[];
  /** The county-level region the hall belongs to (for coverage planning). */
  countyCode: string;
  address: string;
  location: GeoPoint;
  floorAreaM2: number;
  services: ServiceKind[];
  openingHours: OpeningHours;
  /**
   * Derived from the weekly hours, for an indexed "open at" query: the open intervals as
   * minutes of the week (Monday 00:00 = 0), `from` inclusive, `to` exclusive.
   */
  openWeek: Array<{ from: number; to: number }>;
  /** Derived: the local dates that have a special schedule (checked one by one). */
  specialDates: string[];
  status: HallStatus;
  phone: string | null;
  accessibility: AccessibilityFeature[];
  /** On the province's roster of listed channels (名单制渠道). Owned halls are admitted unconditionally. */
  roster: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** True from the write that changed the hall until the search index has that version. */
  searchPending: boolean;
  /** The version the search index last confirmed (absent: never indexed). */
  searchSyncedVersion?: number | null;
}

/** The fields an admin (or an import row) sets; everything else is derived or bookkeeping. */
export type HallContent = Pick<
  HallDoc,
  | 'code'
  | 'name'
  | 'tier'
  | 'operation'
  | 'partner'
  | 'area'
  | 'regionCode'
  | 'address'
  | 'location'
  | 'floorAreaM2'
  | 'services'
  | 'openingHours'
  | 'status'
  | 'phone'
  | 'accessibility'
  | 'roster'
>;

/** The content fields of a stored hall, for comparing with an import row or an update. */
export function contentOf(doc: HallDoc): HallContent {
  return {
    code: doc.code,
    name: doc.name,
    tier: doc.tier,
    operation: doc.operation,
    partner: doc.partner,
    area: doc.area,
    regionCode: doc.regionCode,
    address: doc.address,
    location: { lat: doc.location.lat, lng: doc.location.lng },
    floorAreaM2: doc.floorAreaM2,
    services: doc.services,
    openingHours: doc.openingHours,
    status: doc.status,
    phone: doc.phone,
    accessibility: doc.accessibility,
    roster: doc.roster,
  };
}
