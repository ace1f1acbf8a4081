/**
 * Verifies the access tokens an OpenID Connect provider issues (RS256, ES256 and the other
 * asymmetric algorithms, never HS* or `none`) against the provider's published keys (JWKS), with
 * the issuer and audience checked, and reads the caller's roles from the configured claim path.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { serviceUnavailable, unauthenticated } from '../errors.js';
import { PUBLIC_PRINCIPAL, staffPrincipal } from './principal.js';
import type { Principal } from './principal.js';
import { rolesFromClaims } from './oidc-settings.js';
import type { OidcSettings } from './oidc-settings.js';

/** The algorithms accepted from the provider: asymmetric only, so the API holds no signing secret. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const FETCH_TIMEOUT_MS = 5_000;
/** Verified tokens remembered (until they expire), so a request's second look costs no signature check. */
const VERIFIED_CACHE_SIZE = 1_000;
/** After a failed discovery, requests within this long fail at once instead of waiting again. */
const DISCOVERY_RETRY_MS = 5_000;

export interface OidcVerifier {
  readonly settings: OidcSettings;
  /**
   * The principal an access token names.
   * @throws AppError UNAUTHENTICATED for a token that is expired, badly signed, signed with a key the
   *   provider does not publish, for another issuer or audience, without `sub`/`exp`, or valid for
   *   longer than `maxLifetimeSeconds`; SERVICE_UNAVAILABLE when the provider's keys cannot be fetched.
   */
  verify(token: string, maxLifetimeSeconds: number): Promise<Principal>;
}

/** The provider could not be asked (network, timeout, a broken document): not the caller's fault. */
class ProviderUnreachable extends Error {}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new ProviderUnreachable(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The issuer's discovery document URL (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * A verifier for one provider. Its key set is fetched on first use (discovered from the issuer when
 * no JWKS URI is configured), cached, and fetched again when a token names a key id it does not know
 * (at most every 30 s), so the provider may rotate its keys.
 */
export function createOidcVerifier(settings: OidcSettings): OidcVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  let failedAt = 0;
  const keySet = (): Promise<JWTVerifyGetKey> => {
    if (!keys) {
      keys = (async () => {
        let jwksUri = settings.jwksUri;
        if (!jwksUri) {
          const document = await fetchJson(discoveryUrl(settings.issuer));
          if (document['issuer'] !== settings.issuer) {
            throw new ProviderUnreachable(
              `the discovery document names issuer ${String(document['issuer'])}, not ${settings.issuer}`,
            );
          }
          if (typeof document['jwks_uri'] !== 'string') {
            throw new ProviderUnreachable('the discovery document has no jwks_uri');
          }
          jwksUri = document['jwks_uri'];
        }
        return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: FETCH_TIMEOUT_MS });
      })();
      keys.catch(() => {
        failedAt = Date.now();
        keys = undefined;
      });
    }
    return keys;
  };

  // Key lookup failures are sorted: an unknown key is the token's fault, anything else the provider's.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      if (!keys && Date.now() - failedAt < DISCOVERY_RETRY_MS) {
        throw new ProviderUnreachable('the last attempt failed a moment ago');
      }
      return await (
        await keySet()
      )(header, token);
    } catch (error) {
      if (
        error instanceof joseErrors.JWKSNoMatchingKey ||
        error instanceof joseErrors.JWKSMultipleMatchingKeys ||
        error instanceof joseErrors.JOSENotSupported
      ) {
        throw error;
      }
      throw error instanceof ProviderUnreachable
        ? error
        : new ProviderUnreachable(error instanceof Error ? error.message : String(error));
    }
  };

  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  const remember = (token: string, principal: Principal, exp: number): Principal => {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value ?? '');
    verified.set(token, { principal, expiresAtMs: exp * 1000 });
    return principal;
  };

  return {
    settings,
    async verify(token, maxLifetimeSeconds) {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return known.principal;
      if (known) verified.delete(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms: [...OIDC_ALGORITHMS],
          issuer: settings.issuer,
          audience: settings.audience,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        if (error instanceof ProviderUnreachable) {
          throw serviceUnavailable(
            `Authentication is temporarily unavailable: the sign-in provider's keys could not be fetched (${error.message}). Please retry.`,
          );
        }
        if (error instanceof joseErrors.JWTExpired) {
          throw unauthenticated('Authentication failed: the token has expired.');
        }
        if (error instanceof joseErrors.JWKSNoMatchingKey) {
          throw unauthenticated(
            'Authentication failed: the token is signed with a key the provider does not publish.',
          );
        }
        if (error instanceof joseErrors.JWTClaimValidationFailed) {
          throw unauthenticated(`Authentication failed: the token's "${error.claim}" claim is not accepted.`);
        }
        if (error instanceof joseErrors.JOSEError) throw unauthenticated();
        throw error;
      }
      // Keycloak marks its ID tokens `typ: ID`: only access tokens may call the API.
      if (payload['typ'] === 'ID')
        throw unauthenticated('Authentication failed: an ID token is not an access token.');
      const subject = payload.sub?.trim() ?? '';
      if (subject === '' || subject.toLowerCase() === PUBLIC_PRINCIPAL.id) {
        throw unauthenticated('Authentication failed: the token\'s "sub" must name a person or system.');
      }
      const lifetime = (payload.exp ?? 0) - (payload.iat ?? Math.floor(Date.now() / 1000));
      if (lifetime > maxLifetimeSeconds) {
        throw unauthenticated(
          `Authentication failed: the token is valid for ${lifetime} s; at most ${maxLifetimeSeconds} s is accepted.`,
        );
      }
      return remember(token, staffPrincipal(subject, rolesFromClaims(payload, settings)), payload.exp ?? 0);
    },
  };
}
