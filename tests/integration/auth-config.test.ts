import { describe, expect, it } from '@jest/globals';
import { rolesFromClaims } from '../../src/auth/oidc-settings.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { signInConfig } from '../../src/http/auth-config.js';
import { devSignInAvailable } from '../../src/http/dev-sign-in.js';

// The OpenID Connect settings as an operator writes them: what is refused, and with what words.

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const KEYCLOAK = {
  AUTH_OIDC_ISSUER: 'https://sso.example.cn/realms/telecom',
  AUTH_OIDC_AUDIENCE: 'channel-kb-api',
  AUTH_OIDC_CLIENT_ID: 'channel-kb-console',
  AUTH_ROLES_CLAIM: 'realm_access.roles',
  AUTH_ROLE_MAP: 'kb-agent=agent, kb-editor=editor',
};

describe('OpenID Connect settings', () => {
  it('reads a Keycloak set-up, and then offers no development sign-in', () => {
    const config = loadConfig(KEYCLOAK);
    expect(config.auth.oidc).toMatchObject({
      issuer: KEYCLOAK.AUTH_OIDC_ISSUER,
      audience: 'channel-kb-api',
      clientId: 'channel-kb-console',
      scopes: 'openid profile',
      rolesClaim: ['realm_access', 'roles'],
    });
    expect([...config.auth.oidc!.roleMap!]).toEqual([
      ['kb-agent', 'agent'],
      ['kb-editor', 'editor'],
    ]);
    expect(devSignInAvailable(config)).toBe(false);
    expect(signInConfig(config)).toEqual({
      signIn: 'oidc',
      oidc: { issuer: KEYCLOAK.AUTH_OIDC_ISSUER, clientId: 'channel-kb-console', scopes: 'openid profile' },
    });
    expect(signInConfig(loadConfig({}))).toEqual({ signIn: 'dev' });
  });

  it('lets production run on the provider alone, with https', () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db',
      MEILI_URL: 'http://search:7700',
      MEILI_API_KEY: 'key',
    };
    expect(loadConfig({ ...production, ...KEYCLOAK }).auth.jwtSecret).toBeUndefined();
    expect(signInConfig(loadConfig({ ...production, ...KEYCLOAK })).signIn).toBe('oidc');
    expect(
      problemsOf({ ...production, ...KEYCLOAK, AUTH_OIDC_ISSUER: 'http://sso.example.cn/realms/t' }),
    ).toEqual(['AUTH_OIDC_ISSUER: must be an https:// URL when NODE_ENV=production']);
    expect(problemsOf(production)).toEqual([
      'AUTH_JWT_SECRET: required when NODE_ENV=production (unless AUTH_OIDC_ISSUER is set)',
    ]);
  });

  it('names each problem: no audience, no client id, a bad map, a bad claim path, scopes without openid', () => {
    expect(
      problemsOf({
        AUTH_OIDC_ISSUER: KEYCLOAK.AUTH_OIDC_ISSUER,
        AUTH_ROLE_MAP: 'kb-agent=agent,kb-boss=boss',
        AUTH_ROLES_CLAIM: 'realm_access..roles',
        AUTH_OIDC_SCOPES: 'profile',
      }),
    ).toEqual([
      expect.stringMatching(/^AUTH_OIDC_AUDIENCE: required with AUTH_OIDC_ISSUER/),
      expect.stringMatching(/^AUTH_OIDC_CLIENT_ID: required with AUTH_OIDC_ISSUER/),
      'AUTH_OIDC_SCOPES: must include openid',
      expect.stringMatching(/^AUTH_ROLES_CLAIM: "realm_access..roles" is not a claim path/),
      'AUTH_ROLE_MAP: "boss" is not a service role (one of agent, editor, reviewer, admin)',
    ]);
    expect(problemsOf({ ...KEYCLOAK, AUTH_OIDC_AUDIENCE: 'channel-kb-console' })).toEqual([
      expect.stringMatching(/^AUTH_OIDC_AUDIENCE: must differ from AUTH_OIDC_CLIENT_ID/),
    ]);
    expect(problemsOf({ AUTH_OIDC_AUDIENCE: 'channel-kb-api' })).toEqual([
      'AUTH_OIDC_AUDIENCE: only used with AUTH_OIDC_ISSUER, which is not set',
    ]);
    expect(problemsOf({ ...KEYCLOAK, AUTH_OIDC_ISSUER: 'sso.example.cn' })[0]).toMatch(/^AUTH_OIDC_ISSUER: /);
  });

  it('reads roles at the claim path, as a list or a string, through the map or by name', () => {
    const settings = loadConfig(KEYCLOAK).auth.oidc!;
    const payload = { realm_access: { roles: ['offline_access', 'kb-editor', 'kb-agent', 'admin'] } };
    expect(rolesFromClaims(payload, settings)).toEqual(['agent', 'editor']);
    expect(rolesFromClaims({ realm_access: { roles: 'kb-agent kb-editor' } }, settings)).toEqual([
      'agent',
      'editor',
    ]);
    expect(rolesFromClaims({ realm_access: 'kb-agent' }, settings)).toEqual([]);
    expect(rolesFromClaims({ roles: ['admin', 'boss'] }, { rolesClaim: ['roles'] })).toEqual(['admin']);
  });
});
