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

/** 48 random bytes in base64, as `openssl rand -base64 48` prints. */
const STRONG = 'q8Vd0x3Jm2Rk9TzL4pWc7Ny1Hs6Gb5Fa+Ue/Qo0Ii3Kt8Mv2Xw9Ej4Zr7Yl1Pn6Db';

describe('loadConfig', () => {
  it('runs with nothing configured: embedded services, port 4000, seeding on', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.mongo).toMatchObject({ uri: undefined, dbName: 'channel_kb' });
    expect(config.mongo.timeouts).toEqual({
      connectTimeoutMS: 2000,
      serverSelectionTimeoutMS: 3000,
      socketTimeoutMS: 4000,
    });
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

  it('requires a JWT secret, MONGODB_URI and MEILI_URL in production, naming each', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'AUTH_JWT_SECRET: required when NODE_ENV=production (unless AUTH_OIDC_ISSUER is set)',
      expect.stringMatching(/^MONGODB_URI: required when NODE_ENV=production .*ALLOW_EMBEDDED_IN_PRODUCTION/),
      expect.stringMatching(/^MEILI_URL: required when NODE_ENV=production/),
    ]);
  });

  it('runs production on embedded services only when explicitly allowed', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: STRONG,
      ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
    });
    expect(config.mongo.uri).toBeUndefined();
  });

  it('refuses weak and published JWT secrets', () => {
    for (const weak of [
      'a'.repeat(32),
      'secret'.repeat(6),
      'change-me-please-0123456789abcdef',
      'abababababababababababababababababab',
      '0123456789012345678901234567890123',
    ]) {
      expect(problemsOf({ AUTH_JWT_SECRET: weak })).toEqual([expect.stringMatching(/^AUTH_JWT_SECRET: /)]);
    }
    expect(loadConfig({ AUTH_JWT_SECRET: STRONG }).auth.jwtSecret).toBe(STRONG);
  });

  it('closes introspection, GraphiQL and cross-origin calls by default in production, and refuses CORS *', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: STRONG,
      MONGODB_URI: 'mongodb://db:27017',
      MEILI_URL: 'http://search:7700',
      MEILI_API_KEY: 'k',
    };
    const config = loadConfig(production);
    expect({ introspection: config.introspection, graphiql: config.graphiql }).toEqual({
      introspection: false,
      graphiql: false,
    });
    expect(config.corsOrigins).toEqual([]);
    expect(problemsOf({ ...production, CORS_ORIGINS: '*' })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS: /),
    ]);
    const opened = loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'true', GRAPHIQL: 'true' });
    expect([opened.introspection, opened.graphiql]).toEqual([true, true]);
    expect(loadConfig({}).introspection).toBe(true);
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
