import { describe, expect, it } from '@jest/globals';
import { seedHalls } from '../../seed/data/halls.js';
import { seedRegions } from '../../seed/data/regions.js';

/**
 * The telephone area codes (长途区号) of the seed cities, written down here independently of the
 * seed generator, so a hall listed in Wuhan never shows a Guiyang (0851) or a made-up number.
 */
const AREA_CODES: Record<string, string> = {
  石家庄市: '0311',
  保定市: '0312',
  唐山市: '0315',
  武汉市: '027',
  鄂州市: '0711',
  郑州市: '0371',
  南阳市: '0377',
  三门峡市: '0398',
  焦作市: '0391',
  漯河市: '0395',
  沈阳市: '024',
  大连市: '0411',
};

const regionName = new Map(seedRegions.map((region) => [region.code, region.name]));
/** The city of a county (6 digits) or township (9 digits) code. */
const cityOf = (regionCode: string): string | undefined => regionName.get(`${regionCode.slice(0, 4)}00`);

describe('seed hall phone numbers', () => {
  const withPhone = seedHalls.filter((hall) => hall.phone !== null);

  it('every hall has a phone, and every seed city has a known area code', () => {
    expect(withPhone).toHaveLength(seedHalls.length);
    const cities = new Set(seedHalls.map((hall) => cityOf(hall.regionCode)));
    for (const city of cities) expect(AREA_CODES[city ?? '?']).toBeDefined();
  });

  it("every hall's phone starts with its own city's area code and is a dialable local number", () => {
    const wrong = withPhone
      .map((hall) => {
        const city = cityOf(hall.regionCode) ?? '?';
        const match = /^(0\d{2,3})-([2-8]\d{6,7})$/.exec(hall.phone ?? '');
        const areaCode = match?.[1] ?? '';
        const local = match?.[2] ?? '';
        // A 3-digit code (big cities: 0xx) comes with 8-digit local numbers; national numbers are 10-11 digits.
        const fits =
          areaCode === AREA_CODES[city] &&
          (areaCode.length === 4 || local.length === 8) &&
          [10, 11].includes(areaCode.length - 1 + local.length);
        return fits ? null : `${hall.code} ${city} ${hall.phone}`;
      })
      .filter((problem): problem is string => problem !== null);
    expect(wrong).toEqual([]);
  });

  it('no two halls share a phone number', () => {
    const phones = withPhone.map((hall) => hall.phone);
    expect(new Set(phones).size).toBe(phones.length);
  });
});
