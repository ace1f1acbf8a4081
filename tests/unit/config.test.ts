import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('runs with nothing configured: embedded services, port 4000, seeding on', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.mongo).toEqual({ uri: undefined, dbName: 'channel_kb' });
    expect(config.meili.url).toBeUndefined();
    expect(config.seedOnStart).toBe(true);
    expect(config.corsOrigins).toEqual(['*']);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ MONGODB_URI: '', MEILI_URL: '  ', AUTH_JWT_SECRET: '' });
    expect(config.mongo.uri).toBeUndefined();
    expect(config.meili.url).toBeUndefined();
    expect(config.auth.jwtSecret).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    const problems = problemsOf({ PORT: 'eighty', MONGODB_URI: 'http://db', LOG_LEVEL: 'loud' });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'MONGODB_URI', 'LOG_LEVEL']),
    );
    expect(problems.find((problem) => problem.startsWith('MONGODB_URI'))).toMatch(/mongodb:\/\//);
  });

  it('refuses a short JWT secret', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^AUTH_JWT_SECRET: must be at least 32 characters/),
    ]);
  });

  it('requires a JWT secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_JWT_SECRET: required when NODE_ENV=production',
    ]);
  });

  it('parses CORS origins and flags', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      SEED_ON_START: 'false',
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.seedOnStart).toBe(false);
  });
});
