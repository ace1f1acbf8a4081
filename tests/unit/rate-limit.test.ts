import { describe, expect, it } from '@jest/globals';
import { TokenBuckets, addressKey } from '../../src/http/rate-limit.js';

describe('TokenBuckets', () => {
  it('refuses past the burst, says when to retry, and refills with time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, perMinute: 6 }, 100, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').allowed)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10, firstRefusal: true });
    expect(buckets.take('a')).toMatchObject({ allowed: false, firstRefusal: false });
    now += 10_000;
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('keeps memory bounded: at most maxClients, and idle clients are forgotten', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 2, perMinute: 60 }, 1_000, () => now);
    for (let i = 0; i < 5_000; i += 1) buckets.take(`client-${i}`);
    expect(buckets.size).toBe(1_000);
    // Every bucket is full again after 2 s; the next sweep (at most once a minute) drops them.
    now += 61_000;
    buckets.take('fresh');
    expect(buckets.size).toBe(1);
  });

  it('forgets the least recently seen client first, so an active one keeps its state', () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, 2, () => 0);
    buckets.take('active');
    buckets.take('other');
    buckets.take('active');
    buckets.take('newcomer');
    // "other" was dropped, "active" still has no token left.
    expect(buckets.take('active').allowed).toBe(false);
  });
});

describe('addressKey', () => {
  it('unwraps IPv4-mapped addresses and groups IPv6 by /64', () => {
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:DB8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
