import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';
import type { DestinationStream, Logger, LevelWithSilent, LoggerOptions } from 'pino';

export type { Logger };

/** What every log line written while serving a request carries. */
export interface RequestScope {
  requestId: string;
}

/** Holds the current request's scope so that logs and masked errors can name the request id. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Creates the service's structured JSON logger; lines written inside a request carry its `requestId`. */
export function createLogger(level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'channel-kb' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
