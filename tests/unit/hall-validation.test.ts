import { describe, expect, it } from '@jest/globals';
import { fromZodError } from '../../src/errors.js';
import type { FieldProblem } from '../../src/errors.js';
import { channelInputSchema } from '../../src/modules/channels/channel.validation.js';
import { hallInputSchema } from '../../src/modules/halls/hall.validation.js';

const weekday = [
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
];
const valid = {
  code: 'hb-wh-t01',
  name: '测试营业厅',
  tier: 'SMALL',
  operation: 'SELF_OPERATED',
  area: 'TOWNSHIP',
  regionCode: '420115101',
  address: '湖北省武汉市江夏区郑店街道1号',
  location: { lat: 30.3, lng: 114.3 },
  floorAreaM2: 50,
  services: ['PAYMENT', 'PAYMENT', 'BUSINESS_HANDLING'],
  openingHours: { weekly: [weekday, weekday, weekday, weekday, weekday, [], []] },
};

function problems(input: unknown): FieldProblem[] {
  const result = hallInputSchema.safeParse(input);
  if (result.success) return [];
  return fromZodError('input', result.error).extensions['fields'] as FieldProblem[];
}
const paths = (input: unknown) => problems(input).map((problem) => problem.path);

describe('hall validation', () => {
  it('accepts a valid hall, normalising the code and filling defaults', () => {
    const hall = hallInputSchema.parse(valid);
    expect(hall.code).toBe('HB-WH-T01');
    expect(hall.services).toEqual(['PAYMENT', 'BUSINESS_HANDLING']);
    expect(hall).toMatchObject({ status: 'OPEN', partner: null, roster: true, accessibility: [] });
    expect(hall.openingHours.special).toEqual([]);
  });

  it('refuses a TOWNSHIP hall that is not SMALL, naming input.tier', () => {
    expect(paths({ ...valid, tier: 'STANDARD' })).toEqual(['input.tier']);
  });

  it('refuses a PARTNER_OPERATED hall without a partner and a self-operated one with a partner', () => {
    expect(paths({ ...valid, operation: 'PARTNER_OPERATED' })).toEqual(['input.partner']);
    expect(paths({ ...valid, operation: 'PARTNER_OPERATED', partner: '恒通通信' })).toEqual([]);
    expect(paths({ ...valid, partner: '恒通通信' })).toEqual(['input.partner']);
  });

  it('refuses coordinates outside China, naming the coordinate', () => {
    expect(paths({ ...valid, location: { lat: 114.3, lng: 30.3 } })).toEqual([
      'input.location.lat',
      'input.location.lng',
    ]);
    expect(paths({ ...valid, location: { lat: 10, lng: 114.3 } })).toEqual(['input.location.lat']);
  });

  it('refuses malformed, reversed and overlapping intervals with the day and interval', () => {
    const hours = (day: unknown[]) => ({ weekly: [weekday, weekday, day, weekday, weekday, [], []] });
    expect(paths({ ...valid, openingHours: hours([{ start: '8:30', end: '12:00' }]) })).toEqual([
      'input.openingHours.weekly.2.0.start',
    ]);
    expect(paths({ ...valid, openingHours: hours([{ start: '14:00', end: '12:00' }]) })).toEqual([
      'input.openingHours.weekly.2.0',
    ]);
    expect(
      paths({
        ...valid,
        openingHours: hours([
          { start: '08:00', end: '12:30' },
          { start: '12:00', end: '17:00' },
        ]),
      }),
    ).toEqual(['input.openingHours.weekly.2']);
    expect(paths({ ...valid, openingHours: { weekly: [weekday] } })).toEqual(['input.openingHours.weekly']);
  });

  it('checks special dates: a date, hours or closed, no date twice', () => {
    const special = (entries: unknown[]) => ({
      ...valid,
      openingHours: { ...valid.openingHours, special: entries },
    });
    expect(paths(special([{ date: '2026-2-17', closed: true }]))).toEqual([
      'input.openingHours.special.0.date',
    ]);
    expect(paths(special([{ date: '2026-02-17' }]))).toEqual(['input.openingHours.special.0.intervals']);
    expect(
      paths(
        special([
          { date: '2026-02-17', closed: true },
          { date: '2026-02-17', closed: true },
        ]),
      ),
    ).toEqual(['input.openingHours.special.1.date']);
  });

  it('refuses an unknown tier and a bad code with their paths', () => {
    expect(paths({ ...valid, tier: 'HUGE' })).toContain('input.tier');
    expect(paths({ ...valid, code: 'a b' })).toContain('input.code');
  });

  it('validates channels: known type, access entries', () => {
    expect(
      channelInputSchema.safeParse({ code: 'SMS-HALL', name: '短信营业厅', type: 'SMS_HALL' }).success,
    ).toBe(true);
    expect(channelInputSchema.safeParse({ code: 'X1', name: 'x', type: 'PIGEON' }).success).toBe(false);
  });
});
