import { z } from 'zod';
import {
  ACCESSIBILITY_FEATURES,
  HALL_AREAS,
  HALL_OPERATIONS,
  HALL_STATUSES,
  HALL_TIERS,
} from './hall.model.js';
import { SERVICE_KINDS } from '../channels/index.js';
import { codeSchema, trimmed, unique } from '../../lib/validation.js';
import { DATE_PATTERN, intervalProblems, TIME_PATTERN } from './opening-hours.js';

/** Mainland China's bounding box (WGS84); a hall outside it is a typo (swapped lat/lng, say). */
export const CHINA_BOUNDS = { minLat: 18, maxLat: 54, minLng: 73, maxLng: 135 } as const;
/** 6 digits for province/city/county, 9 for a township (the prefix of the 12-digit statistical code). */
export const REGION_CODE_PATTERN = /^\d{6}(\d{3})?$/;

const time = z.string().regex(TIME_PATTERN, 'a time is HH:MM (00:00-24:00)');
const interval = z.object({ start: time, end: time });

/** One day's intervals: well-formed, start before end, not overlapping (lunch breaks = two intervals). */
const dayIntervals = z
  .array(interval)
  .max(6, 'at most 6 intervals a day')
  .superRefine((intervals, ctx) => {
    for (const problem of intervalProblems(intervals)) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: problem.message === 'intervals overlap' ? [] : [problem.index],
      });
    }
  });

const specialDate = z
  .object({
    date: z.string().regex(DATE_PATTERN, 'a date is YYYY-MM-DD'),
    closed: z.boolean().default(false),
    intervals: dayIntervals.default([]),
    note: z.string().trim().max(100, 'the note must be at most 100 characters').nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.closed && value.intervals.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'a closed day has no intervals', path: ['intervals'] });
    }
    if (!value.closed && value.intervals.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'give the hours, or closed: true', path: ['intervals'] });
    }
  })
  .transform((value) => ({ ...value, note: value.note ?? null }));

export const openingHoursSchema = z.object({
  weekly: z.array(dayIntervals).length(7, 'seven days, Monday first'),
  special: z
    .array(specialDate)
    .max(120, 'at most 120 special dates')
    .default([])
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (seen.has(entry.date)) {
          ctx.addIssue({ code: 'custom', message: `${entry.date} is listed twice`, path: [index, 'date'] });
        }
        seen.add(entry.date);
      });
    })
    .transform((entries) => [...entries].sort((a, b) => a.date.localeCompare(b.date))),
});

export const geoPointSchema = z.object({
  lat: z
    .number()
    .min(CHINA_BOUNDS.minLat, `latitude must be inside China (${CHINA_BOUNDS.minLat}-${CHINA_BOUNDS.maxLat})`)
    .max(
      CHINA_BOUNDS.maxLat,
      `latitude must be inside China (${CHINA_BOUNDS.minLat}-${CHINA_BOUNDS.maxLat})`,
    ),
  lng: z
    .number()
    .min(
      CHINA_BOUNDS.minLng,
      `longitude must be inside China (${CHINA_BOUNDS.minLng}-${CHINA_BOUNDS.maxLng})`,
    )
    .max(
      CHINA_BOUNDS.maxLng,
      `longitude must be inside China (${CHINA_BOUNDS.minLng}-${CHINA_BOUNDS.maxLng})`,
    ),
});

/** Every hall field, as given; defaults are added by the create schema only. */
const hallFields = {
  code: codeSchema,
  name: trimmed(80, 'the name'),
  tier: z.enum(HALL_TIERS),
  operation: z.enum(HALL_OPERATIONS),
  partner: trimmed(80, 'the partner').nullable(),
  area: z.enum(HALL_AREAS),
  regionCode: z.string().trim().regex(REGION_CODE_PATTERN, 'an administrative code of 6 or 9 digits'),
  address: trimmed(200, 'the address'),
  location: geoPointSchema,
  floorAreaM2: z.number().positive('the floor area must be positive').max(100_000, 'at most 100,000 m²'),
  services: z.array(z.enum(SERVICE_KINDS)).min(1, 'a hall offers at least one service').transform(unique),
  openingHours: openingHoursSchema,
  status: z.enum(HALL_STATUSES),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,30}$/, 'digits, spaces and + - ( ) only')
    .nullable(),
  accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).transform(unique),
  roster: z.boolean(),
};

/**
 * The classification rules of DOMAIN.md section 1, checked on a whole hall (created, merged
 * after an update, or an import row).
 */
function hallRules(
  hall: { tier: string; operation: string; partner: string | null; area: string },
  ctx: z.RefinementCtx,
): void {
  if (hall.area === 'TOWNSHIP' && hall.tier !== 'SMALL') {
    ctx.addIssue({ code: 'custom', message: 'a TOWNSHIP hall must be SMALL', path: ['tier'] });
  }
  if (hall.operation === 'PARTNER_OPERATED' && !hall.partner) {
    ctx.addIssue({ code: 'custom', message: 'a PARTNER_OPERATED hall needs its partner', path: ['partner'] });
  }
  if (hall.operation === 'SELF_OPERATED' && hall.partner) {
    ctx.addIssue({
      code: 'custom',
      message: 'only a PARTNER_OPERATED hall has a partner',
      path: ['partner'],
    });
  }
}

/** A whole hall: `createHall`, each import row, and an update merged onto the stored hall. */
export const hallInputSchema = z
  .object({
    ...hallFields,
    partner: hallFields.partner.default(null),
    status: hallFields.status.default('OPEN'),
    phone: hallFields.phone.default(null),
    accessibility: hallFields.accessibility.default([]),
    roster: hallFields.roster.default(true),
  })
  .superRefine(hallRules);
export type HallInput = z.infer<typeof hallInputSchema>;

/** `updateHall`: only the fields given change; the merged hall is then checked by `hallInputSchema`. */
export const hallPatchSchema = z.object({
  code: hallFields.code.optional(),
  name: hallFields.name.optional(),
  tier: hallFields.tier.optional(),
  operation: hallFields.operation.optional(),
  partner: hallFields.partner.optional(),
  area: hallFields.area.optional(),
  regionCode: hallFields.regionCode.optional(),
  address: hallFields.address.optional(),
  location: hallFields.location.optional(),
  floorAreaM2: hallFields.floorAreaM2.optional(),
  services: hallFields.services.optional(),
  openingHours: hallFields.openingHours.optional(),
  status: hallFields.status.optional(),
  phone: hallFields.phone.optional(),
  accessibility: hallFields.accessibility.optional(),
  roster: hallFields.roster.optional(),
});
export type HallPatch = z.infer<typeof hallPatchSchema>;
