import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from '../errors.js';
import { PUBLIC_PRINCIPAL, ROLES, staffPrincipal } from './principal.js';
import type { Principal, Role } from './principal.js';

export interface JwtSettings {
  secret: string;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Tokens valid for longer than this are refused (exp - iat, or exp - now without iat). Default 24 h. */
  maxLifetimeSeconds?: number | undefined;
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
 * No header means the public principal; anything else must be a valid bearer token.
 * @throws AppError UNAUTHENTICATED for a malformed header, a bad signature, an expired token, a
 *   token valid for longer than the maximum lifetime, or a token without a usable `sub` (non-empty,
 *   not `public`), `exp` or a valid `roles` claim. Never falls back to public.
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
  try {
    const { payload } = await jwtVerify(match[1], key(settings.secret), {
      algorithms: [ALGORITHM],
      requiredClaims: ['sub', 'exp'],
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    });
    const subject = payload.sub?.trim() ?? '';
    if (subject === '' || subject.toLowerCase() === PUBLIC_PRINCIPAL.id) {
      throw unauthenticated('Authentication failed: the token\'s "sub" must name a person or system.');
    }
    const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
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
