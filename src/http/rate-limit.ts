/**
 * Abuse limits for /graphql: a request budget per client and a stricter budget for anonymous
 * mutations, as token buckets.
 *
 * The buckets live in this process: with N instances behind a load balancer a client gets up to N
 * times the budget (or exactly the budget with sticky sessions). A multi-instance deployment that
 * needs one shared budget should enforce it at the edge (API gateway, ingress rate limiting) or keep
 * the buckets in a shared store (Redis with an atomic script); these limits then remain a per-instance
 * backstop.
 */
import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { GraphQLError } from 'graphql';
import type { RequestHandler } from 'express';
import { principalFromAuthorization } from '../auth/jwt.js';
import type { JwtSettings } from '../auth/jwt.js';
import type { Principal } from '../auth/principal.js';
import type { Context } from '../context.js';
import { ErrorCode, appError, rateLimited } from '../errors.js';
import { DEFAULT_LANGUAGE, languageOf } from '../i18n/language.js';
import type { Language } from '../i18n/language.js';
import { extensionsIn, messageIn } from '../i18n/localize.js';
import { toGraphQLError } from '../schema/errors.js';
import type { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A token bucket: up to `burst` requests at once, refilled at `perMinute`. */
export interface BucketLimit {
  burst: number;
  perMinute: number;
}

/** The budgets; their defaults (and why) are in src/config.ts (RATE_LIMIT_*). */
export interface RateLimits {
  /** Every /graphql request of one client (a token's `sub`, else the IP). */
  requests: BucketLimit;
  /** Mutations sent without a token, per IP (only `rateArticle` is open to the public). */
  anonymousMutations: BucketLimit;
  /** Most clients remembered per budget; the least recently seen are forgotten first. */
  maxClients: number;
}

/** Who is calling, for budgets and per-client de-duplication: never a raw IP address. */
export interface ClientIdentity {
  /** `sub:<token subject>`, or `ip:<keyed hash of the address>` (IPv6: of its /64 prefix). */
  key: string;
}

/** The client the rate limiter identified for this response's request; `unknown` when it did not run. */
export function clientOf(locals: Record<string, unknown>): ClientIdentity {
  const client = locals['client'] as ClientIdentity | undefined;
  return client ?? { key: 'unknown' };
}

/**
 * The caller the rate limiter resolved from this response's request's Authorization header (settled
 * the way `principalFromAuthorization` settles: a refused token rejects), so that the GraphQL
 * context does not verify the same token again; undefined when the limiter did not run or no header
 * was sent.
 */
export function verifiedPrincipalOf(locals: Record<string, unknown>): Promise<Principal> | undefined {
  return locals['principal'] as Promise<Principal> | undefined;
}

/** The outcome of taking one token. */
export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
  /** Refusals since the last allowed request (the first one is logged). */
  refused: number;
}

/**
 * Token buckets per client key, in memory, bounded: a bucket that has refilled is the same as no
 * bucket and is dropped by a sweep, and past `maxClients` the least recently seen client is dropped.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private lastSweep: number;

  constructor(
    private readonly limit: BucketLimit,
    private readonly maxClients: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.perMs = limit.perMinute / 60_000;
    this.lastSweep = now();
  }

  /** How many clients are remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token for `key`; when none is left, says how many seconds until one is. */
  take(key: string): TakeResult & { firstRefusal?: boolean } {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, updatedAt: now, refused: 0 };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    // Re-inserting keeps the map in least-recently-seen order.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refused = 0;
      return { allowed: true };
    }
    bucket.refused += 1;
    const waitMs = this.perMs > 0 ? (1 - bucket.tokens) / this.perMs : 3_600_000;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      firstRefusal: bucket.refused === 1,
    };
  }

  /** Drops the buckets that are full again (at most once a minute). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const fullAfterMs = this.perMs > 0 ? this.limit.burst / this.perMs : Infinity;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= fullAfterMs) this.buckets.delete(key);
    }
  }
}

/**
 * The address a budget is kept for: IPv4 as it is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64
 * prefix, since one subscriber usually holds a whole /64.
 */
export function addressKey(ip: string): string {
  const plain = ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
  if (!isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const missing = plain.includes('::') ? 8 - headGroups.length - tailGroups.length : 0;
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface RateLimiterOptions {
  limits: RateLimits;
  /** To recognise token holders; its secret also keys the hash of IP addresses. */
  jwt: JwtSettings;
  logger: Logger;
  now?: () => number;
  /** Told of every refused request (metrics). */
  onRefusal?: (budget: 'requests' | 'anonymousMutations') => void;
}

/** What `admit` decided for one request. */
export type Admission =
  | {
      allowed: true;
      client: ClientIdentity;
      /** The caller behind the Authorization header (rejects for a refused token); undefined without one. */
      principal: Promise<Principal> | undefined;
    }
  | { allowed: false; retryAfterSeconds: number; body: string };

/** Client address hashes remembered (they cost an HMAC each); the whole memo is dropped when full. */
const MAX_REMEMBERED_ADDRESSES = 10_000;

export interface RateLimiter {
  /**
   * Takes one token of the per-client request budget for a request with this Authorization header
   * from this address; when refused, gives the Retry-After seconds and the 429 body (JSON).
   */
  admit(authorization: string | undefined, ip: string, language?: Language): Promise<Admission>;
  /**
   * Mount on /graphql before body parsing: the per-client request budget (`admit`); notes the client
   * (`clientOf`) and the verified caller (`verifiedPrincipalOf`).
   */
  middleware: RequestHandler;
  /**
   * The anonymous mutation budget, for an operation Apollo resolved (its `didResolveOperation`):
   * the RATE_LIMITED error (HTTP 429, Retry-After) past the budget, else undefined (one token taken).
   */
  checkOperation(requestContext: {
    operation?: { operation: OperationTypeNode } | undefined;
    contextValue: Context;
  }): GraphQLError | undefined;
  /** `checkOperation` as an Apollo plugin. */
  plugin: ApolloServerPlugin<Context>;
}

/** The response body of a refused request, in the GraphQL-over-HTTP error shape. */
function refusalBody(error: AppError, language: Language) {
  return { errors: [{ message: messageIn(error, language), extensions: extensionsIn(error, language) }] };
}

/** Builds the limiter for one server: its buckets start empty and live as long as the server. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limits, jwt, logger } = options;
  const now = options.now ?? (() => Date.now());
  const requests = new TokenBuckets(limits.requests, limits.maxClients, now);
  const anonymousMutations = new TokenBuckets(limits.anonymousMutations, limits.maxClients, now);
  // A keyed hash, so that stored client keys cannot be turned back into addresses by trying them all.
  const addressHashKey = createHmac('sha256', jwt.secret).update('channel-kb client address v1').digest();
  // Hashes of the addresses seen: a client sends many requests, and the key of an address never changes.
  const addressKeys = new Map<string, string>();
  const hashAddress = (ip: string) => {
    let key = addressKeys.get(ip);
    if (key === undefined) {
      key = createHmac('sha256', addressHashKey).update(addressKey(ip)).digest('base64url').slice(0, 22);
      if (addressKeys.size >= MAX_REMEMBERED_ADDRESSES) addressKeys.clear();
      addressKeys.set(ip, key);
    }
    return key;
  };

  async function identify(principal: Promise<Principal> | undefined, ip: string): Promise<ClientIdentity> {
    if (principal) {
      const caller = await principal.catch(() => null);
      // A refused token is answered 401 later; until then it counts against the address.
      if (caller && !caller.isPublic && caller.id !== '') return { key: `sub:${caller.id}` };
    }
    return { key: `ip:${hashAddress(ip)}` };
  }

  function logRefusal(budget: string, client: ClientIdentity, retryAfterSeconds: number): void {
    logger.warn({ budget, client: client.key, retryAfterSeconds }, 'rate limit reached: refusing requests');
  }

  async function admit(
    authorization: string | undefined,
    ip: string,
    language: Language = DEFAULT_LANGUAGE,
  ): Promise<Admission> {
    let principal: Promise<Principal> | undefined;
    if (authorization) {
      principal = principalFromAuthorization(authorization, jwt);
      // Whoever uses it later sees its rejection; a refused request never does.
      principal.catch(() => undefined);
    }
    const client = await identify(principal, ip);
    const result = requests.take(client.key);
    if (result.allowed) return { allowed: true, client, principal };
    options.onRefusal?.('requests');
    if (result.firstRefusal) logRefusal('requests', client, result.retryAfterSeconds);
    const body = JSON.stringify(refusalBody(rateLimited(result.retryAfterSeconds), language));
    return { allowed: false, retryAfterSeconds: result.retryAfterSeconds, body };
  }

  const middleware: RequestHandler = (req, res, next) => {
    admit(
      req.get('authorization'),
      req.ip ?? req.socket.remoteAddress ?? 'unknown',
      languageOf(req.headers['accept-language']),
    )
      .then((admission) => {
        if (!admission.allowed) {
          res.setHeader('retry-after', String(admission.retryAfterSeconds));
          res.status(429).type('application/json').send(admission.body);
          return;
        }
        res.locals['client'] = admission.client;
        if (admission.principal) res.locals['principal'] = admission.principal;
        next();
      })
      .catch(next);
  };

  const checkOperation: RateLimiter['checkOperation'] = ({ operation, contextValue }) => {
    if (operation?.operation !== OperationTypeNode.MUTATION || !contextValue.principal.isPublic)
      return undefined;
    const client = contextValue.client;
    const result = anonymousMutations.take(client.key);
    if (result.allowed) return undefined;
    options.onRefusal?.('anonymousMutations');
    if (result.firstRefusal) logRefusal('anonymousMutations', client, result.retryAfterSeconds);
    const error = appError(
      ErrorCode.RATE_LIMITED,
      'limit.anonymousMutations',
      { seconds: result.retryAfterSeconds },
      { retryAfterSeconds: result.retryAfterSeconds },
    );
    return toGraphQLError(error, [['retry-after', String(result.retryAfterSeconds)]]);
  };

  const plugin: ApolloServerPlugin<Context> = {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (requestContext) => {
          const refused = checkOperation(requestContext);
          return refused ? Promise.reject(refused) : Promise.resolve();
        },
      }),
  };

  return { admit, middleware, checkOperation, plugin };
}
