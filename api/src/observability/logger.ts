/**
 * The API's log: JSON lines on stdout (pino), one object per event, so that an operator's
 * collector (journald, Docker's log driver, Loki, Elasticsearch) reads fields rather than prose.
 * Request lines come from request-log.ts; everything else logs through {@link logger}.
 */
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config';

/**
 * A logger writing to `destination` (default stdout) at `level` (default `info`), with ISO
 * times and level names rather than pino's numbers, which people reading a raw line can follow.
 * @example const log = createLogger('debug'); log.info({ size: 3 }, 'signed a checkpoint');
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'catalogue-api' },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * The process's logger. `npm start` sets its level from `LOG_LEVEL` once the configuration is
 * read (config.ts); modules log through it, the request log through a child of it.
 * @example logger.warn({ index: 'courses' }, 'search did not answer');
 */
export const logger: Logger = createLogger();
