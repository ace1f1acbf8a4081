/**
 * What every command-line task shares: its `--help`, argument errors, a logger on stderr, the MongoDB
 * and Meilisearch to use (the configured ones, the running server's embedded ones, or embedded ones
 * started for the task), and one readable line on stderr when it fails. Results go to stdout, once;
 * logs and progress go to stderr, so `npm run -s <task> > file` keeps only the result.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { MongoServerError } from 'mongodb';
import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { resolveJwtSecret } from '../auth/dev-secret.js';
import { ConfigError, loadConfig } from '../config.js';
import type { Config } from '../config.js';
import { isMongoUnavailable } from '../db/mongo.js';
import { provideInfrastructure } from '../infrastructure.js';
import { createLogger } from '../logger.js';
import type { Logger } from '../logger.js';
import { openApp } from '../app.js';
import type { OpenApp } from '../app.js';
import { meiliErrorCode } from '../platform/meilisearch.js';
import { findRunningServices } from './running-services.js';

/** How long a command-line task waits for one MongoDB reply (requests wait MONGODB_SOCKET_TIMEOUT_MS). */
const CLI_SOCKET_TIMEOUT_MS = 120_000;

/** A failure the task expected (bad file, nothing to do): its message is all the user needs. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends CliOptions> {
  /** The npm script, e.g. `search:reindex`. */
  name: string;
  /** The usage line(s), e.g. `npm run search:reindex [-- --verbose]`. */
  usage: string;
  /** What it does, where it connects, what it prints and its exit codes. */
  description: string;
  options?: O;
  allowPositionals?: boolean;
}

/** The options every task takes besides its own. */
const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean', short: 'v' },
} as const satisfies CliOptions;

/** Where a task connects, for every `--help` that opens the database. */
export const CONNECTS_TO = `Connects to MONGODB_URI / MEILI_URL (with MEILI_API_KEY) when set. Otherwise, while \`npm start\`
runs with the same DATA_DIR, to its embedded MongoDB and Meilisearch (found in
DATA_DIR/embedded-services.json); else it starts embedded ones for the task.`;

type ParsedCli<O extends CliOptions> = ReturnType<
  typeof parseArgs<{ options: O & typeof COMMON_OPTIONS; allowPositionals: true; strict: true }>
>;

/**
 * Parses the arguments: `--help` prints the task's help on stdout and exits 0; an unknown option, a
 * missing value or an unexpected argument prints the problem and the usage on stderr and exits 2.
 */
export function parseCli<const O extends CliOptions = Record<never, never>>(
  spec: CliSpec<O>,
  args: string[] = process.argv.slice(2),
): ParsedCli<O> {
  let parsed: ParsedCli<O>;
  try {
    parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...spec.options } as O & typeof COMMON_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    usageError(spec, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    process.stdout.write(
      `Usage: ${spec.usage}\n\n${spec.description.trim()}\n\n  -h, --help     this help\n  -v, --verbose  log progress (info) and print stack traces of failures\n`,
    );
    process.exit(0);
  }
  if (spec.allowPositionals !== true && parsed.positionals.length > 0) {
    usageError(spec, `unexpected argument ${parsed.positionals[0] ?? ''}`);
  }
  return parsed;
}

/** Prints `message` and the usage line on stderr and exits 2 (a usage error). */
export function usageError(spec: { name: string; usage: string }, message: string): never {
  process.stderr.write(`${spec.name}: ${message}\nUsage: ${spec.usage}\n(--help for more)\n`);
  process.exit(2);
}

/**
 * A pino destination for people: `warn: message` lines on stderr (with the error's message), instead
 * of JSON. Tasks log little; their results are printed, not logged.
 */
function readableStderr(): { write(line: string): void } {
  return {
    write(line: string) {
      let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        process.stderr.write(line);
        return;
      }
      const detail =
        typeof entry.err?.message === 'string' && entry.err.message !== entry.msg
          ? ` (${entry.err.message})`
          : '';
      process.stderr.write(`${String(entry.level)}: ${String(entry.msg)}${detail}\n`);
    },
  };
}

/** `mongodb://user:secret@host` -> `mongodb://user:***@host`, so messages never show a password. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z+]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** The Meilisearch answer behind `error`, however the client wrapped it; undefined when none came. */
function meiliApiError(error: unknown): MeilisearchApiError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    if (current instanceof MeilisearchApiError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One readable sentence for a failure, naming what to check; the stack only with --verbose. */
export function describeFailure(error: unknown, endpoints: { mongoUri?: string; meiliUrl?: string }): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CliError || error instanceof ConfigError) return message;
  if (isMongoUnavailable(error)) {
    return `cannot reach MongoDB at ${redactUri(endpoints.mongoUri ?? '(unset)')}: ${message}. Is it running, and is MONGODB_URI right?`;
  }
  if (error instanceof MongoServerError && (error.code === 18 || error.code === 13)) {
    return `MongoDB refused the task (${message}): check the user and password in MONGODB_URI and the user's roles.`;
  }
  const meiliCode = meiliErrorCode(error);
  if (meiliCode === 'invalid_api_key' || meiliCode === 'missing_authorization_header') {
    return `Meilisearch at ${endpoints.meiliUrl ?? '(unset)'} refused the key (${meiliCode}): check MEILI_API_KEY.`;
  }
  const answered = meiliApiError(error);
  if (answered !== undefined) {
    // Meilisearch answered (the client may have wrapped its answer in a request error).
    return `Meilisearch at ${endpoints.meiliUrl ?? '(unset)'} refused a request: ${answered.message}${meiliCode ? ` (${meiliCode})` : ''}.`;
  }
  if (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
      (error as NodeJS.ErrnoException | undefined)?.code ?? '',
    )
  ) {
    return `cannot reach Meilisearch at ${endpoints.meiliUrl ?? '(unset)'}: ${message}. Is it running, and is MEILI_URL right?`;
  }
  return message;
}

function isVerbose(): boolean {
  return process.argv.includes('--verbose') || process.argv.includes('-v');
}

/**
 * Exits with code 1 after one line on stderr, `<name>: <what went wrong>`, plus the stack with
 * --verbose. For failures outside runCliTask (reading the input file, say).
 */
export function failAndExit(
  name: string,
  error: unknown,
  endpoints: { mongoUri?: string; meiliUrl?: string } = {},
): never {
  process.stderr.write(`${name}: ${describeFailure(error, endpoints)}\n`);
  if (isVerbose() && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(error instanceof CliError ? error.exitCode : 1);
}

/**
 * Runs a command-line task against the configured MongoDB and Meilisearch, or the embedded ones of a
 * server running with the same DATA_DIR, or embedded ones started for the task; then closes
 * everything and exits with the task's code. Any failure ends as one readable line on stderr and exit
 * code 1 (a CliError's own code).
 */
export async function runCliTask(
  name: string,
  task: (app: OpenApp, context: { config: Config; logger: Logger }) => Promise<number>,
): Promise<never> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    failAndExit(name, error);
  }
  // Logs go to stderr, readable, warnings only unless asked (LOG_LEVEL or --verbose).
  const level = process.env['LOG_LEVEL'] ? config.logLevel : isVerbose() ? 'info' : 'warn';
  const logger = createLogger(level, readableStderr());
  const dataDir = path.resolve(config.dataDir);
  const endpoints: { mongoUri?: string; meiliUrl?: string } = {};
  let exitCode = 1;
  let infra;
  try {
    let mongoUri = config.mongo.uri;
    let meiliUrl = config.meili.url;
    let meiliApiKey = config.meili.apiKey;
    if (mongoUri === undefined || meiliUrl === undefined) {
      const running = await findRunningServices(dataDir);
      if (running !== undefined) {
        const attached: string[] = [];
        if (mongoUri === undefined && running.mongoUri !== undefined) {
          mongoUri = running.mongoUri;
          attached.push(`MongoDB at ${running.mongoUri}`);
        }
        if (meiliUrl === undefined && running.meiliUrl !== undefined) {
          meiliUrl = running.meiliUrl;
          meiliApiKey = running.meiliApiKey;
          attached.push(`Meilisearch at ${running.meiliUrl}`);
        }
        if (attached.length > 0) {
          logger.info(
            `using the embedded services of the running server (pid ${running.ownerPid}): ${attached.join(', ')}`,
          );
        }
      }
    }
    Object.assign(endpoints, { mongoUri, meiliUrl });
    infra = await provideInfrastructure({
      mongoUri,
      meiliUrl,
      meiliApiKey,
      dataDir,
      ephemeral: false,
      logger,
    });
    Object.assign(endpoints, { mongoUri: infra.mongoUri, meiliUrl: infra.meiliUrl });
    const { secret } = await resolveJwtSecret(config.auth.jwtSecret, dataDir);
    // Batches of a reindex or an import may take longer to answer than a request should wait.
    const app = await openApp(config, logger, infra, secret, {
      mongo: { socketTimeoutMS: CLI_SOCKET_TIMEOUT_MS },
    });
    try {
      exitCode = await task(app, { config, logger });
    } finally {
      await app.close();
    }
  } catch (error) {
    await infra?.stop();
    failAndExit(name, error, endpoints);
  }
  await infra.stop();
  process.exit(exitCode);
}

/** A one-line progress bar on stderr: redrawn in place on a terminal, one line when done otherwise. */
export function progressBar(label: string): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `${label.padEnd(8)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total) process.stderr.write(`${line}\n`);
  };
}
