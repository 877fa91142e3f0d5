import pino, { type Logger } from 'pino';

/**
 * Structured logs. Petition text and identities never go into a log line (R6): log numbers,
 * ids and states only. When the terminal adapter owns standard output, logs go to standard error.
 */
export function createLogger(level: string, toStandardError = false): Logger {
  return pino({ level, base: undefined }, pino.destination(toStandardError ? 2 : 1));
}
export type { Logger };
