import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, hallInputOf, missingFields } from './hall-draft';

const stored = {
  code: 'HB-WH-S903',
  name: '江夏郑店示例乡镇厅',
  tier: 'SMALL',
  operation: 'SELF_OPERATED',
  partner: null,
  area: 'TOWNSHIP',
  regionCode: '420115101',
  region: {
    code: '420115101',
    level: 'TOWNSHIP',
    ancestors: [{ code: '420000' }, { code: '420100' }, { code: '420115' }],
  },
  address: '郑店街道黄家湖大道8号',
  location: { lat: 30.42, lng: 114.26 },
  floorAreaM2: 60,
  services: ['PAYMENT'],
  accessibility: [],
  phone: null,
  roster: true,
  status: 'OPEN',
  openingHours: {
    weekly: [
      [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '17:30' },
      ],
      [],
      [],
      [],
      [],
      [],
      [],
    ],
    special: [],
  },
};

describe('the hall form draft', () => {
  it('puts a township hall in its county on the cascader and the township beside it, and sends the township', () => {
    const draft = draftOf(stored);
    expect(draft.county).toEqual(['420000', '420100', '420115']);
    expect(draft.township).toBe('420115101');
    const input = hallInputOf(draft);
    expect(input.regionCode).toBe('420115101');
    expect(input.openingHours.weekly[0]).toEqual(stored.openingHours.weekly[0]);
    expect(input.phone).toBeNull();
  });

  it('sends no partner for a self-operated hall, and an urban hall lies in the last code of the path', () => {
    const draft = { ...emptyDraft(), partner: '某公司', county: ['420000', '420100', '420103'] };
    expect(hallInputOf(draft)).toMatchObject({ partner: null, regionCode: '420103' });
    expect(hallInputOf({ ...draft, operation: 'PARTNER_OPERATED' }).partner).toBe('某公司');
  });

  it('names the empty fields the API cannot be asked without', () => {
    expect(missingFields(emptyDraft())).toEqual([
      'location.lat',
      'location.lng',
      'floorAreaM2',
      'regionCode',
    ]);
    expect(missingFields(draftOf(stored))).toEqual([]);
  });
});
