import { describe, expect, it } from '@jest/globals';
import {
  COMPLAINT_POLICY,
  complaintDeadline,
  shanghaiTime,
} from '../../src/modules/complaints/complaint-policy.js';

describe('the complaint policy', () => {
  it('holds the three grades with the promised answer hours', () => {
    expect(
      COMPLAINT_POLICY.map(({ grade, averageAnswerHours, latestAnswerHours }) => [
        grade,
        averageAnswerHours,
        latestAnswerHours,
      ]),
    ).toEqual([
      ['GENERAL', 0, 24],
      ['PROVINCIAL', 24, 48],
      ['NATIONAL', 48, 72],
    ]);
  });

  // Received 2026-02-03 17:30 in Shanghai (09:30 UTC).
  const receivedAt = new Date('2026-02-03T09:30:00.000Z');

  it('a general complaint: answered at once on average, within 24 hours at the latest', () => {
    const deadline = complaintDeadline('GENERAL', receivedAt);
    expect(shanghaiTime(deadline.averageBy)).toBe('2026-02-03T17:30:00+08:00');
    expect(shanghaiTime(deadline.latestBy)).toBe('2026-02-04T17:30:00+08:00');
  });

  it('a provincial complaint: 24 hours on average, 48 at the latest', () => {
    const deadline = complaintDeadline('PROVINCIAL', receivedAt);
    expect(shanghaiTime(deadline.averageBy)).toBe('2026-02-04T17:30:00+08:00');
    expect(shanghaiTime(deadline.latestBy)).toBe('2026-02-05T17:30:00+08:00');
  });

  it('a national complaint: 48 hours on average, 72 at the latest, across a month end in local time', () => {
    const lateEvening = new Date('2026-01-30T15:45:00.000Z'); // 23:45 on 30 January in Shanghai
    const deadline = complaintDeadline('NATIONAL', lateEvening);
    expect(shanghaiTime(deadline.receivedAt)).toBe('2026-01-30T23:45:00+08:00');
    expect(shanghaiTime(deadline.averageBy)).toBe('2026-02-01T23:45:00+08:00');
    expect(shanghaiTime(deadline.latestBy)).toBe('2026-02-02T23:45:00+08:00');
    expect(deadline.latestBy.toISOString()).toBe('2026-02-02T15:45:00.000Z');
  });
});
