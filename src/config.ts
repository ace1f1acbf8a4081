import { z } from 'zod';

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

  MEILI_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  MEILI_API_KEY: optionalString,
  MEILI_INDEX_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only')
    .default(''),

  AUTH_JWT_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters long').optional()),
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,

  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
  SEED_ON_START: booleanFlag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  nodeEnv: Environment['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Environment['LOG_LEVEL'];
  dataDir: string;
  mongo: { uri: string | undefined; dbName: string };
  meili: { url: string | undefined; apiKey: string | undefined; indexPrefix: string };
  auth: {
    /** Undefined only outside production: main.ts then generates one and prints it. */
    jwtSecret: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
  };
  /** Origins allowed to call from a browser; `*` allows any (no cookies are ever used). */
  corsOrigins: string[];
  seedOnStart: boolean;
  shutdownTimeoutMs: number;
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
  if (e.NODE_ENV === 'production' && !e.AUTH_JWT_SECRET) {
    throw new ConfigError(['AUTH_JWT_SECRET: required when NODE_ENV=production']);
  }
  if (e.MEILI_URL && !e.MEILI_API_KEY && e.NODE_ENV === 'production') {
    throw new ConfigError(['MEILI_API_KEY: required with MEILI_URL when NODE_ENV=production']);
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    mongo: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB },
    meili: { url: e.MEILI_URL, apiKey: e.MEILI_API_KEY, indexPrefix: e.MEILI_INDEX_PREFIX },
    auth: { jwtSecret: e.AUTH_JWT_SECRET, issuer: e.AUTH_JWT_ISSUER, audience: e.AUTH_JWT_AUDIENCE },
    corsOrigins: e.CORS_ORIGINS,
    seedOnStart: e.SEED_ON_START,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
