import { describe, expect, it } from 'vitest';
import { hallsVariables, hallsViewOf, searchOfHallsView, withFilter } from './halls-url';

describe('the halls table in the URL', () => {
  it('reads the filters, drops unknown values, and writes the same query back', () => {
    const view = hallsViewOf(
      new URLSearchParams(
        'tier=FLAGSHIP&tier=HUGE&op=PARTNER_OPERATED&region=420000.420100&service=PAYMENT&status=OPEN&size=50&after=abc',
      ),
    );
    expect(view).toMatchObject({
      tiers: ['FLAGSHIP'],
      operations: ['PARTNER_OPERATED'],
      region: ['420000', '420100'],
      services: ['PAYMENT'],
      status: 'OPEN',
      size: 50,
      after: 'abc',
    });
    expect(searchOfHallsView(view)).toBe(
      '?tier=FLAGSHIP&op=PARTNER_OPERATED&region=420000.420100&service=PAYMENT&status=OPEN&size=50&after=abc',
    );
    expect(searchOfHallsView(hallsViewOf(new URLSearchParams('size=7&status=GONE')))).toBe('');
  });

  it('starts again at the first page when a filter changes', () => {
    const view = hallsViewOf(new URLSearchParams('after=abc'));
    expect(withFilter(view, { tiers: ['SMALL'] })).toMatchObject({
      after: undefined,
      before: undefined,
      tiers: ['SMALL'],
    });
  });

  it('asks the API for a forward page, or a backward page before a cursor, in the deepest region', () => {
    const forward = hallsVariables(
      hallsViewOf(new URLSearchParams('region=420000.420100&tier=SMALL&after=c1')),
    );
    expect(forward).toMatchObject({
      filter: { regionCode: '420100', tiers: ['SMALL'] },
      first: 20,
      after: 'c1',
      last: null,
    });
    const backward = hallsVariables(hallsViewOf(new URLSearchParams('before=c2&size=10')));
    expect(backward).toMatchObject({ filter: {}, last: 10, before: 'c2', first: null });
  });
});

describe('"open at" in Beijing time', () => {
  it('reads and writes the datetime field as Asia/Shanghai', async () => {
    const { isoOfShanghaiInput, shanghaiInputOf } = await import('./halls-url');
    expect(isoOfShanghaiInput('2026-03-02T12:30')).toBe('2026-03-02T04:30:00.000Z');
    expect(shanghaiInputOf('2026-03-02T04:30:00.000Z')).toBe('2026-03-02T12:30');
    expect(isoOfShanghaiInput('12:30')).toBeUndefined();
  });
});
