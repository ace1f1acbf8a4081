import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('lease settings', () => {
  it('default to a 10 s lease renewed every 3 s, named after the host and process', () => {
    expect(loadConfig({}).lease).toEqual({
      instanceId: expect.stringMatching(new RegExp(`:${process.pid}$`)),
      leaseMs: 10_000,
      renewMs: 3_000,
    });
    expect(
      loadConfig({ INSTANCE_ID: 'api-7f9c', LEASE_TTL_MS: '6000', LEASE_RENEW_MS: '2000' }).lease,
    ).toEqual({ instanceId: 'api-7f9c', leaseMs: 6_000, renewMs: 2_000 });
  });

  it('refuses a renewal interval over a third of the lease, and a bad instance id, naming each', () => {
    let problems: string[] = [];
    try {
      loadConfig({ LEASE_TTL_MS: '5000', LEASE_RENEW_MS: '2000', INSTANCE_ID: 'a b' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['INSTANCE_ID']);
    expect(() => loadConfig({ LEASE_TTL_MS: '5000', LEASE_RENEW_MS: '2000' })).toThrow(
      /LEASE_RENEW_MS: at most a third/,
    );
  });
});
