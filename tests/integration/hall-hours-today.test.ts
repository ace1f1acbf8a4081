import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedDatabase } from '../../seed/index.js';
import { expectData, expectErrorCode, fieldPaths } from '../helpers/graphql.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

// What the finder and "where can I" show of a hall's hours, asked anonymously at fixed instants
// (the `at` argument is the clock, so these hold at any time of day).
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDatabase(server.app, { onlyEmpty: false });
});
afterAll(async () => {
  await server.stop();
});

const HOURS = `query ($code: String!, $at: DateTime!, $days: Int) {
  hall(code: $code) {
    status
    isOpenAt(at: $at)
    today(at: $at) { date isoWeekday closed intervals { start end } breaks { start end } special { note } }
    nextChange(at: $at) { kind opens date time daysAhead reopens { kind date time daysAhead } }
    specialDatesAhead(at: $at, days: $days) { date closed note }
  }
}`;

interface HoursAnswer {
  hall: {
    status: string;
    isOpenAt: boolean;
    today: {
      date: string;
      isoWeekday: number;
      closed: boolean;
      intervals: Array<{ start: string; end: string }>;
      breaks: Array<{ start: string; end: string }>;
      special: { note: string | null } | null;
    };
    nextChange: {
      kind: string;
      opens: boolean;
      date: string;
      time: string;
      daysAhead: number;
      reopens: { kind: string; date: string; time: string; daysAhead: number } | null;
    } | null;
    specialDatesAhead: Array<{ date: string; closed: boolean; note: string | null }>;
  };
}

const ask = async (code: string, local: string, days?: number) =>
  expectData(
    await server.graphql<HoursAnswer>(HOURS, {
      code,
      at: `${local}+08:00`,
      ...(days === undefined ? {} : { days }),
    }),
  ).hall;

describe("a hall's hours as customers are told them (anonymous)", () => {
  it('a small hall two minutes before lunch: open, today 08:30-12:00 and 14:00-17:30, lunch break 12:00-14:00', async () => {
    const hall = await ask('HB-WH-A03', '2026-03-02T11:58:00');
    expect(hall.isOpenAt).toBe(true);
    expect(hall.today).toEqual({
      date: '2026-03-02',
      isoWeekday: 1,
      closed: false,
      intervals: [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      breaks: [{ start: '12:00', end: '14:00' }],
      special: null,
    });
    expect(hall.nextChange).toEqual({
      kind: 'BREAK_STARTS',
      opens: false,
      date: '2026-03-02',
      time: '12:00',
      daysAhead: 0,
      reopens: { kind: 'BREAK_ENDS', date: '2026-03-02', time: '14:00', daysAhead: 0 },
    });
    // No special date this week: none listed (the Spring Festival dates are past).
    expect(hall.specialDatesAhead).toEqual([]);
  });

  it('at lunch it is closed until 14:00; on Saturday evening it opens on Monday', async () => {
    const lunch = await ask('HB-WH-A03', '2026-03-02T12:30:00');
    expect(lunch.isOpenAt).toBe(false);
    expect(lunch.nextChange).toMatchObject({ kind: 'BREAK_ENDS', opens: true, time: '14:00', reopens: null });
    const saturday = await ask('HB-WH-A03', '2026-03-07T18:00:00');
    expect(saturday.nextChange).toMatchObject({
      kind: 'OPENS',
      date: '2026-03-09',
      time: '08:30',
      daysAhead: 2,
    });
  });

  it('a flagship closing tonight, and the special dates of Spring Festival only when they are near', async () => {
    const evening = await ask('HB-WH-A01', '2026-03-02T20:00:00');
    expect(evening.nextChange).toMatchObject({
      kind: 'CLOSES',
      time: '21:00',
      daysAhead: 0,
      reopens: { kind: 'OPENS', date: '2026-03-03', time: '09:00', daysAhead: 1 },
    });
    const eve = await ask('HB-WH-A01', '2026-02-16T10:00:00', 2);
    expect(eve.today).toMatchObject({
      intervals: [{ start: '09:00', end: '12:00' }],
      special: { note: expect.stringContaining('除夕') },
    });
    expect(eve.nextChange).toMatchObject({ kind: 'CLOSES', time: '12:00' });
    expect(eve.specialDatesAhead.map((day) => day.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18']);
  });

  it('refuses a look-ahead beyond 31 days, naming `days`', async () => {
    const error = expectErrorCode(
      await server.graphql(HOURS, { code: 'HB-WH-A01', at: '2026-03-02T10:00:00+08:00', days: 60 }),
      'BAD_USER_INPUT',
    );
    expect(error.message + JSON.stringify(fieldPaths(error))).toContain('days');
  });
});
