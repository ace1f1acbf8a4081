import { pino } from 'pino';
import type { DestinationStream, Logger, LevelWithSilent, LoggerOptions } from 'pino';
import { traceFields, tracingEnabled } from './observability/tracing.js';

export type { Logger };

/**
 * Creates the service's structured logger: JSON lines, or human-readable ones (`pino-pretty`, in
 * a worker thread) when no destination is given and stdout is a terminal. Lines about a request
 * (the access log, a masked error, a refusal) name its `requestId` themselves: there is no implicit
 * request scope, since AsyncLocalStorage would hook every promise of the process (see
 * src/schema/errors.ts). When tracing is on (src/observability/tracing.ts, started before the
 * logger), every line written inside a span also carries its `traceId` and `spanId`.
 */
export function createLogger(
  level: LevelWithSilent = 'info',
  destination?: DestinationStream,
  options: { format?: 'auto' | 'json' | 'pretty'; traceIds?: boolean } = {},
): Logger {
  const format = options.format ?? 'auto';
  const pretty =
    destination === undefined &&
    level !== 'silent' &&
    (format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true));
  const loggerOptions: LoggerOptions = {
    level,
    base: { service: 'channel-kb' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // pino-pretty reads pino's numeric levels; JSON lines carry the label.
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
          },
        }
      : { formatters: { level: (label: string) => ({ level: label }) } }),
    ...((options.traceIds ?? tracingEnabled())
      ? {
          mixin: traceFields,
          // The line's own fields win; a line outside any span gets nothing added (no copy).
          mixinMergeStrategy: (mergeObject: object, mixinObject: object) =>
            'traceId' in mixinObject ? { ...mixinObject, ...mergeObject } : mergeObject,
        }
      : {}),
  };
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
}
