import os from 'node:os';
import { z } from 'zod';
import { parseRoleMap, parseRolesClaim } from './auth/oidc-settings.js';
import type { OidcSettings } from './auth/oidc-settings.js';
import { weakSecretReason } from './auth/secret-strength.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An optional string variable: unset and empty both mean "not configured". */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * The environment model. Every variable is listed, with its meaning, in .env.example.
 * MONGODB_URI and MEILI_URL are optional: when unset, the launcher starts embedded services.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `auto`: human-readable (pino-pretty) when stdout is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATA_DIR: z.string().trim().min(1).default('.data'),

  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  MONGODB_DB: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only, at most 63 characters')
    .default('channel_kb'),

  MONGODB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  MONGODB_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(100).default(4_000),

  MEILI_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  MEILI_API_KEY: optionalString,
  MEILI_INDEX_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default(''),

  /** Bearer token a Prometheus scraper sends to GET /metrics; unset: no /metrics endpoint. */
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'at least 16 characters (a Prometheus bearer token)').optional(),
  ),

  /** A port of its own for GET /metrics (then not served on PORT); unset: /metrics on PORT, with METRICS_TOKEN. */
  METRICS_PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'a port number')
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535))
      .optional(),
  ),
  /** Where the metrics port listens (unset: HOST). */
  METRICS_HOST: optionalString,

  /** OpenTelemetry: the OTLP/HTTP collector (spans go to `<endpoint>/v1/traces`); unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  OTEL_SERVICE_NAME: optionalString,

  AUTH_JWT_SECRET: optionalString,
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
  /** OpenID Connect: the provider's issuer URL (exactly as its tokens' `iss`). Unset: no OIDC. */
  AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The `aud` the API's access tokens must carry (e.g. Keycloak's audience mapper). */
  AUTH_OIDC_AUDIENCE: optionalString,
  /** The console's public client id at the provider (authorization code + PKCE). */
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_SCOPES: optionalString,
  /** Unset: discovered from `${issuer}/.well-known/openid-configuration`. */
  AUTH_OIDC_JWKS_URI: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Dotted path of the roles in the provider's access tokens, e.g. `realm_access.roles`. */
  AUTH_ROLES_CLAIM: optionalString,
  /** `provider-role=service-role,...`; unset: provider roles named like the service's roles. */
  AUTH_ROLE_MAP: optionalString,

  /** Unset: `*` outside production, no cross-origin caller in production. */
  CORS_ORIGINS: optionalString.transform((value) =>
    value
      ?.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  ),
  /** Unset: on outside production, off in production. */
  GRAPHQL_INTROSPECTION: optionalString.pipe(booleanFlag.optional()),
  GRAPHIQL: optionalString.pipe(booleanFlag.optional()),
  /** Express's `trust proxy`: unset = the socket address is the client; `1`, `loopback`, a list of subnets. */
  TRUST_PROXY: optionalString,
  /**
   * Defaults sized for a call centre. Agents carry tokens and are keyed by `sub`, so a floor of agents
   * behind one NAT address does not share a budget: 20 requests a second per agent is far above what a
   * console needs. Anonymous callers are keyed by IP, so customers behind a carrier NAT share one budget,
   * and a portal that calls from its own server shares one budget for all its users: give such a portal
   * a token (its own `sub`), or run behind a trusted proxy (Express `trust proxy`) so the end user's
   * address is used. Ratings are rare: 20 at once, then 2 a minute, per anonymous IP.
   */
  RATE_LIMIT_REQUESTS_BURST: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(1_200),
  RATE_LIMIT_ANON_MUTATIONS_BURST: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_ANON_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(2),
  RATE_LIMIT_MAX_CLIENTS: z.coerce.number().int().min(100).default(50_000),
  ALLOW_EMBEDDED_IN_PRODUCTION: optionalString.pipe(booleanFlag.optional()),
  SEED_ON_START: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),

  /** Several instances: who this instance is in the leases (unset: host name and process id). */
  INSTANCE_ID: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : and - only, at most 100 characters')
      .optional(),
  ),
  /** How long a lease (search indexer, seeding) lasts unless renewed, and how often it is renewed. */
  LEASE_TTL_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  LEASE_RENEW_MS: z.coerce.number().int().min(100).max(200_000).default(3_000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  nodeEnv: Environment['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Environment['LOG_LEVEL'];
  logFormat: Environment['LOG_FORMAT'];
  dataDir: string;
  mongo: {
    uri: string | undefined;
    dbName: string;
    /** Driver timeouts: a stalled MongoDB fails a request in seconds (SERVICE_UNAVAILABLE), never hangs it. */
    timeouts: { connectTimeoutMS: number; serverSelectionTimeoutMS: number; socketTimeoutMS: number };
  };
  meili: { url: string | undefined; apiKey: string | undefined; indexPrefix: string };
  auth: {
    /** Undefined only outside production: main.ts then generates one, keeps it in DATA_DIR and says where. */
    jwtSecret: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
    /** Tokens valid for longer than this (exp - iat, or exp - now without iat) are refused. */
    maxTokenLifetimeSeconds: number;
    /** OpenID Connect sign-in (RS256/ES256 access tokens checked against the provider's JWKS). */
    oidc?: OidcSettings | undefined;
  };
  /** Origins allowed to call from a browser; `*` allows any (no cookies are ever used). */
  corsOrigins: string[];
  /** The bearer token of GET /metrics (Prometheus); undefined: the endpoint does not exist. */
  metricsToken: string | undefined;
  /** When set, GET /metrics is served on this port only (token required only if metricsToken is set). */
  metricsPort: { port: number; host: string } | undefined;
  /** OpenTelemetry tracing (src/observability/tracing.ts); undefined: off, nothing of it loaded. */
  tracing: { endpoint: string; serviceName: string } | undefined;
  /** Whether the schema may be introspected and GraphiQL served (off in production unless enabled). */
  introspection: boolean;
  graphiql: boolean;
  /** Express's `trust proxy` value (undefined: the socket address is the client). */
  trustProxy: string | number | boolean | undefined;
  /** Token buckets per client (see src/http/rate-limit.ts): all requests, and anonymous mutations. */
  rateLimits: {
    requests: { burst: number; perMinute: number };
    anonymousMutations: { burst: number; perMinute: number };
    maxClients: number;
  };
  seedOnStart: boolean;
  shutdownTimeoutMs: number;
  /**
   * Leases for work that runs on one instance at a time (src/db/lease-keeper.ts): a dead holder is
   * taken over at most `leaseMs + renewMs` after it died.
   */
  lease: { instanceId: string; leaseMs: number; renewMs: number };
}

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into the service configuration.
 * @throws ConfigError naming each bad variable and why it is bad.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !e.AUTH_JWT_SECRET && !e.AUTH_OIDC_ISSUER) {
    problems.push('AUTH_JWT_SECRET: required when NODE_ENV=production (unless AUTH_OIDC_ISSUER is set)');
  }
  const oidc = oidcSettings(e, problems);
  if (e.AUTH_JWT_SECRET) {
    const weakness = weakSecretReason(e.AUTH_JWT_SECRET, { allowPublished: e.NODE_ENV === 'test' });
    if (weakness) problems.push(`AUTH_JWT_SECRET: ${weakness}`);
  }
  if (production && !e.ALLOW_EMBEDDED_IN_PRODUCTION) {
    // Production must never fall back silently to the development MongoDB emulator or Meilisearch.
    if (!e.MONGODB_URI) {
      problems.push(
        'MONGODB_URI: required when NODE_ENV=production (set ALLOW_EMBEDDED_IN_PRODUCTION=true to run embedded services anyway)',
      );
    }
    if (!e.MEILI_URL) {
      problems.push(
        'MEILI_URL: required when NODE_ENV=production (set ALLOW_EMBEDDED_IN_PRODUCTION=true to run embedded services anyway)',
      );
    }
  }
  if (e.MEILI_URL && !e.MEILI_API_KEY && production) {
    problems.push('MEILI_API_KEY: required with MEILI_URL when NODE_ENV=production');
  }
  if (production && e.CORS_ORIGINS?.includes('*')) {
    problems.push('CORS_ORIGINS: list the allowed origins when NODE_ENV=production (* is refused)');
  }
  if (e.LEASE_RENEW_MS * 3 > e.LEASE_TTL_MS) {
    problems.push(
      'LEASE_RENEW_MS: at most a third of LEASE_TTL_MS (a holder must be able to miss a renewal and keep its lease)',
    );
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (unset it to serve /metrics on PORT)');
  }
  if (e.METRICS_HOST !== undefined && e.METRICS_PORT === undefined) {
    problems.push('METRICS_HOST: only used with METRICS_PORT, which is not set');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    dataDir: e.DATA_DIR,
    mongo: {
      uri: e.MONGODB_URI,
      dbName: e.MONGODB_DB,
      timeouts: {
        connectTimeoutMS: e.MONGODB_CONNECT_TIMEOUT_MS,
        serverSelectionTimeoutMS: e.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
        socketTimeoutMS: e.MONGODB_SOCKET_TIMEOUT_MS,
      },
    },
    meili: { url: e.MEILI_URL, apiKey: e.MEILI_API_KEY, indexPrefix: e.MEILI_INDEX_PREFIX },
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET,
      issuer: e.AUTH_JWT_ISSUER,
      audience: e.AUTH_JWT_AUDIENCE,
      maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
      oidc,
    },
    corsOrigins: e.CORS_ORIGINS ?? (production ? [] : ['*']),
    metricsToken: e.METRICS_TOKEN,
    metricsPort:
      e.METRICS_PORT === undefined ? undefined : { port: e.METRICS_PORT, host: e.METRICS_HOST ?? e.HOST },
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME ?? 'channel-kb' }
      : undefined,
    introspection: e.GRAPHQL_INTROSPECTION ?? !production,
    graphiql: e.GRAPHIQL ?? !production,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimits: {
      requests: { burst: e.RATE_LIMIT_REQUESTS_BURST, perMinute: e.RATE_LIMIT_REQUESTS_PER_MINUTE },
      anonymousMutations: {
        burst: e.RATE_LIMIT_ANON_MUTATIONS_BURST,
        perMinute: e.RATE_LIMIT_ANON_MUTATIONS_PER_MINUTE,
      },
      maxClients: e.RATE_LIMIT_MAX_CLIENTS,
    },
    seedOnStart: e.SEED_ON_START,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    lease: {
      instanceId: e.INSTANCE_ID ?? `${os.hostname()}:${process.pid}`,
      leaseMs: e.LEASE_TTL_MS,
      renewMs: e.LEASE_RENEW_MS,
    },
  };
}

/** Express's `trust proxy` from its variable: true/false, a hop count, or names/subnets. */
function parseTrustProxy(value: string | undefined): string | number | boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number.parseInt(value, 10);
  return value;
}

/** The OIDC settings, or undefined when AUTH_OIDC_ISSUER is unset; each problem is pushed, named. */
function oidcSettings(e: Environment, problems: string[]): OidcSettings | undefined {
  const dependents = [
    'AUTH_OIDC_AUDIENCE',
    'AUTH_OIDC_CLIENT_ID',
    'AUTH_OIDC_SCOPES',
    'AUTH_OIDC_JWKS_URI',
    'AUTH_ROLES_CLAIM',
    'AUTH_ROLE_MAP',
  ] as const;
  if (!e.AUTH_OIDC_ISSUER) {
    for (const name of dependents) {
      if (e[name] !== undefined) problems.push(`${name}: only used with AUTH_OIDC_ISSUER, which is not set`);
    }
    return undefined;
  }
  const before = problems.length;
  const production = e.NODE_ENV === 'production';
  for (const [name, value] of [
    ['AUTH_OIDC_ISSUER', e.AUTH_OIDC_ISSUER],
    ['AUTH_OIDC_JWKS_URI', e.AUTH_OIDC_JWKS_URI],
  ] as const) {
    if (value && production && new URL(value).protocol !== 'https:' && !isLoopback(value)) {
      problems.push(`${name}: must be an https:// URL when NODE_ENV=production`);
    }
  }
  if (!e.AUTH_OIDC_AUDIENCE) {
    problems.push(
      "AUTH_OIDC_AUDIENCE: required with AUTH_OIDC_ISSUER (the `aud` of the API's access tokens; without it any token of the provider would do)",
    );
  }
  if (!e.AUTH_OIDC_CLIENT_ID) {
    problems.push(
      "AUTH_OIDC_CLIENT_ID: required with AUTH_OIDC_ISSUER (the console's public client at the provider)",
    );
  }
  if (e.AUTH_OIDC_AUDIENCE && e.AUTH_OIDC_AUDIENCE === e.AUTH_OIDC_CLIENT_ID) {
    problems.push(
      'AUTH_OIDC_AUDIENCE: must differ from AUTH_OIDC_CLIENT_ID (ID tokens carry the client id as audience and must not pass for access tokens); give the API its own audience',
    );
  }
  const scopes = e.AUTH_OIDC_SCOPES ?? 'openid profile';
  if (!scopes.split(/\s+/).includes('openid')) problems.push('AUTH_OIDC_SCOPES: must include openid');
  const rolesClaim = parseRolesClaim(e.AUTH_ROLES_CLAIM ?? 'roles');
  if (typeof rolesClaim === 'string') problems.push(`AUTH_ROLES_CLAIM: ${rolesClaim}`);
  const roleMap = e.AUTH_ROLE_MAP === undefined ? undefined : parseRoleMap(e.AUTH_ROLE_MAP);
  if (typeof roleMap === 'string') problems.push(`AUTH_ROLE_MAP: ${roleMap}`);
  if (problems.length > before || typeof rolesClaim === 'string' || typeof roleMap === 'string')
    return undefined;
  return {
    issuer: e.AUTH_OIDC_ISSUER,
    audience: e.AUTH_OIDC_AUDIENCE ?? '',
    clientId: e.AUTH_OIDC_CLIENT_ID ?? '',
    scopes,
    jwksUri: e.AUTH_OIDC_JWKS_URI,
    rolesClaim,
    roleMap,
  };
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
