/**
 * OpenID Connect settings and the two rules read from them: where the roles are in a provider's
 * access token (a dotted claim path) and how the provider's role names map to the service's roles.
 */
import { ROLES } from './principal.js';
import type { Role } from './principal.js';

export interface OidcSettings {
  /** The provider's issuer, compared exactly with the tokens' `iss`. */
  issuer: string;
  /** The `aud` every access token for this API must carry. */
  audience: string;
  /** The console's public client (authorization code with PKCE). */
  clientId: string;
  /** Space-separated scopes the console asks for (includes `openid`). */
  scopes: string;
  /** The provider's key set; undefined: discovered from the issuer's openid-configuration. */
  jwksUri?: string | undefined;
  /** The claim path of the roles, split on dots: `['realm_access', 'roles']`. */
  rolesClaim: readonly string[];
  /** Provider role name -> service role; undefined: provider roles named like the service's roles count. */
  roleMap?: ReadonlyMap<string, Role> | undefined;
}

/** Splits `realm_access.roles` into its segments, or says why the path is unusable. */
export function parseRolesClaim(path: string): readonly string[] | string {
  const segments = path.split('.');
  if (segments.some((segment) => segment.trim() === '' || segment !== segment.trim())) {
    return `"${path}" is not a claim path: give names separated by dots, e.g. realm_access.roles`;
  }
  return segments;
}

/**
 * Parses `kb-agent=agent, kb-editor=editor` into a map, or says what is wrong (an entry without
 * `=`, a service role that does not exist, a provider role given twice).
 */
export function parseRoleMap(text: string): ReadonlyMap<string, Role> | string {
  const map = new Map<string, Role>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [provider, service, ...rest] = entry.split('=').map((part) => part.trim());
    if (!provider || !service || rest.length > 0) {
      return `"${entry}" is not provider-role=service-role (e.g. kb-agent=agent)`;
    }
    if (!(ROLES as readonly string[]).includes(service)) {
      return `"${service}" is not a service role (one of ${ROLES.join(', ')})`;
    }
    if (map.has(provider)) return `"${provider}" is mapped twice`;
    map.set(provider, service as Role);
  }
  if (map.size === 0) return 'is empty: give provider-role=service-role pairs, or leave it unset';
  return map;
}

/**
 * The service roles a token's payload grants: the value at the claim path (a list of names, or one
 * string of names separated by spaces or commas), each mapped through the role map (or kept when it
 * names a service role and there is no map). Anything else there grants nothing.
 */
export function rolesFromClaims(
  payload: Readonly<Record<string, unknown>>,
  settings: Pick<OidcSettings, 'rolesClaim' | 'roleMap'>,
): Role[] {
  let value: unknown = payload;
  for (const segment of settings.rolesClaim) {
    value =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)[segment]
        : undefined;
  }
  const names =
    typeof value === 'string'
      ? value.split(/[\s,]+/)
      : Array.isArray(value)
        ? value.filter((name): name is string => typeof name === 'string')
        : [];
  const roles = new Set<Role>();
  for (const name of names) {
    const role = settings.roleMap
      ? settings.roleMap.get(name)
      : (ROLES as readonly string[]).includes(name)
        ? (name as Role)
        : undefined;
    if (role) roles.add(role);
  }
  return ROLES.filter((role) => roles.has(role));
}
