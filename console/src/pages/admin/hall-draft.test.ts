import { describe, expect, it } from 'vitest';
import { draftOf, editedFields, emptyDraft, hallInputOf, missingFields, rebaseDraft } from './hall-draft';

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

describe('rebaseDraft', () => {
  it("keeps the admin's unsaved edits over a refreshed hall and takes the rest from the server", () => {
    const base = draftOf(stored);
    const edited = { ...base, name: '江夏郑店乡镇厅（新）', phone: '027-87000000' };
    const fresh = { ...base, status: 'TEMPORARILY_CLOSED', roster: false };
    const rebased = rebaseDraft(base, edited, fresh);
    expect(rebased.name).toBe('江夏郑店乡镇厅（新）');
    expect(rebased.phone).toBe('027-87000000');
    expect(rebased.status).toBe('TEMPORARILY_CLOSED');
    expect(rebased.roster).toBe(false);
    expect(editedFields(base, edited).sort()).toEqual(['name', 'phone']);
  });

  it('is the refreshed hall when nothing was edited', () => {
    const base = draftOf(stored);
    const fresh = { ...base, status: 'CLOSED' };
    expect(rebaseDraft(base, { ...base }, fresh)).toEqual(fresh);
    expect(editedFields(base, { ...base, hours: draftOf(stored).hours })).toEqual([]);
  });
});
