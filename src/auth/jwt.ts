import { SignJWT, decodeProtectedHeader, jwtVerify, errors as joseErrors } from 'jose';
import type { Config } from '../config.js';
import { unauthenticated } from '../errors.js';
import { createOidcVerifier } from './oidc.js';
import type { OidcVerifier } from './oidc.js';
import { PUBLIC_PRINCIPAL, ROLES, staffPrincipal } from './principal.js';
import type { Principal, Role } from './principal.js';

export interface JwtSettings {
  /** The HS256 secret (also keys the rate limiter's address hashes). */
  secret: string;
  /** False: HS256 tokens are refused (production with OIDC and no AUTH_JWT_SECRET). Default true. */
  hs256?: boolean | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Tokens valid for longer than this are refused (exp - iat, or exp - now without iat). Default 24 h. */
  maxLifetimeSeconds?: number | undefined;
  /** Access tokens of the OpenID Connect provider (RS256, ES256, ...), when one is configured. */
  oidc?: OidcVerifier | undefined;
}

/**
 * The token settings of a running service: HS256 with the configured secret (or, outside
 * production, the generated development one), and the OIDC provider's tokens when configured.
 */
export function jwtSettingsFor(config: Pick<Config, 'nodeEnv' | 'auth'>, jwtSecret: string): JwtSettings {
  return {
    secret: config.auth.jwtSecret ?? jwtSecret,
    // The generated secret signs development tokens only: never accepted in production.
    hs256: config.auth.jwtSecret !== undefined || config.nodeEnv !== 'production',
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    maxLifetimeSeconds: config.auth.maxTokenLifetimeSeconds,
    oidc: config.auth.oidc ? createOidcVerifier(config.auth.oidc) : undefined,
  };
}

const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

const ALGORITHM = 'HS256';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an HS256 token for `sub` with `roles`, valid for `expiresIn` (e.g. "12h"). */
export async function signToken(
  settings: JwtSettings,
  claims: { sub: string; roles: readonly Role[]; expiresIn?: string },
): Promise<string> {
  let jwt = new SignJWT({ roles: [...claims.roles] })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h');
  if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
  if (settings.audience) jwt = jwt.setAudience(settings.audience);
  return jwt.sign(key(settings.secret));
}

/**
 * Resolves the caller from an Authorization header value.
 * No header means the public principal; anything else must be a valid bearer token: HS256 signed
 * with the secret, or (when configured) an access token of the OIDC provider, told apart by `alg`.
 * @throws AppError UNAUTHENTICATED for a malformed header, a bad signature, an expired token, a
 *   token valid for longer than the maximum lifetime, or a token without a usable `sub` (non-empty,
 *   not `public`), `exp` or a valid `roles` claim; SERVICE_UNAVAILABLE when the OIDC provider's keys
 *   cannot be fetched. Never falls back to public.
 */
export async function principalFromAuthorization(
  header: string | undefined,
  settings: JwtSettings,
): Promise<Principal> {
  if (header === undefined || header.trim() === '') return PUBLIC_PRINCIPAL;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw unauthenticated('Authentication failed: the Authorization header must be "Bearer <token>".');
  }
  const token = match[1];
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated('Authentication failed: the bearer token is not a JWT.');
  }
  if (alg !== ALGORITHM) {
    if (settings.oidc) return settings.oidc.verify(token, maxLifetime);
    throw unauthenticated(
      `Authentication failed: tokens signed with ${alg ?? 'no algorithm'} are not accepted.`,
    );
  }
  if (settings.hs256 === false) {
    throw unauthenticated(
      'Authentication failed: HS256 tokens are not accepted here; sign in through the provider.',
    );
  }
  try {
    const { payload } = await jwtVerify(token, key(settings.secret), {
      algorithms: [ALGORITHM],
      requiredClaims: ['sub', 'exp'],
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    const subject = payload.sub?.trim() ?? '';
    if (subject === '' || subject.toLowerCase() === PUBLIC_PRINCIPAL.id) {
      throw unauthenticated('Authentication failed: the token\'s "sub" must name a person or system.');
    }
    const exp = payload.exp ?? 0;
    const lifetime = exp - (payload.iat ?? Math.floor(Date.now() / 1000));
    if (lifetime > maxLifetime) {
      throw unauthenticated(
        `Authentication failed: the token is valid for ${lifetime} s; at most ${maxLifetime} s is accepted.`,
      );
    }
    const roles = payload['roles'] ?? [];
    if (!Array.isArray(roles) || !roles.every((role): role is string => typeof role === 'string')) {
      throw unauthenticated('Authentication failed: the token\'s "roles" claim must be a list of strings.');
    }
    return staffPrincipal(subject, roles);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthenticated('Authentication failed: the token has expired.');
    }
    if (error instanceof joseErrors.JOSEError) {
      throw unauthenticated();
    }
    throw error;
  }
}

export { ROLES };
