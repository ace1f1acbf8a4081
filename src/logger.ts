import { pino } from 'pino';
import type { DestinationStream, Logger, LevelWithSilent, LoggerOptions } from 'pino';

export type { Logger };

/**
 * Creates the service's structured JSON logger. Lines about a request (the access log, a masked
 * error, a refusal) name its `requestId` themselves: there is no implicit request scope, since
 * AsyncLocalStorage would hook every promise of the process (see src/schema/errors.ts).
 */
export function createLogger(level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'channel-kb' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
