import pino, { type Logger } from 'pino';

/**
 * Structured logs. Petition text and identities never go into a log line (R6): log numbers,
 * ids and states only.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined });
}
export type { Logger };
