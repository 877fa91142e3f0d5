import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { ConfigError } from '../config/config-error';
import { isLostConflict, isDuplicateKey } from './duplicate-key';

/**
 * R26: instances started at the same moment would each run the migrations and load the
 * organisation, and all but one crash (`Table 'identities' already exists`, `Duplicate entry
 * 'office'`). The start-up work runs under a lock instead. GET_LOCK and SELECT … FOR UPDATE hold
 * on one node of a Galera cluster only; a row inserted under a primary key is certified
 * cluster-wide, so the lock is that row, in a table made before any migration (the migrations
 * are what it guards). A starter that dies leaves its row behind: the row expires, and is renewed
 * while the work lasts, so a crashed starter's lock is taken over and a slow one's is not.
 */
export interface StartLockOptions {
  /** How long a holder's row counts without being renewed. */
  leaseMs: number;
  /** How long to wait for another starter before giving up. */
  waitMs: number;
  pollMs: number;
}

const defaults: StartLockOptions = { leaseMs: 60_000, waitMs: 10 * 60_000, pollMs: 250 };

const createTable =
  'CREATE TABLE IF NOT EXISTS start_lock (name VARCHAR(32) NOT NULL PRIMARY KEY, ' +
  'owner VARCHAR(320) NOT NULL, expires_at BIGINT NOT NULL)';

/** Another starter got there first (or, on SQLite, is writing right now): try again later. */
function contended(e: unknown): boolean {
  const driver = (e as { driverError?: { errno?: number; code?: string } }).driverError;
  return isDuplicateKey(e) || isLostConflict(e) || driver?.code === 'SQLITE_BUSY';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tryAcquire(ds: DataSource, owner: string, leaseMs: number): Promise<boolean> {
  const now = Date.now();
  try {
    // A row past its expiry belongs to a starter that died: it is taken over.
    await ds.query("DELETE FROM start_lock WHERE name = 'start' AND expires_at < ?", [now]);
    await ds.query("INSERT INTO start_lock (name, owner, expires_at) VALUES ('start', ?, ?)", [
      owner,
      now + leaseMs,
    ]);
    return true;
  } catch (e) {
    if (contended(e)) return false;
    throw e;
  }
}

async function holder(ds: DataSource): Promise<string> {
  const rows = (await ds.query("SELECT owner FROM start_lock WHERE name = 'start'")) as {
    owner: string;
  }[];
  return rows[0]?.owner ?? 'nobody';
}

/** Runs `work` while holding the start-up lock of this database; others wait, bounded. */
export async function underStartLock<T>(
  ds: DataSource,
  work: () => Promise<T>,
  options: Partial<StartLockOptions> = {},
): Promise<T> {
  const { leaseMs, waitMs, pollMs } = { ...defaults, ...options };
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  await ds.query(createTable);
  const giveUp = Date.now() + waitMs;
  while (!(await tryAcquire(ds, owner, leaseMs))) {
    if (Date.now() > giveUp) {
      throw new ConfigError([
        `Another instance (${await holder(ds)}) has been starting on this database for more than ${Math.round(waitMs / 1000)} s; ` +
          'if none is, its start-up lock expires on its own (table start_lock)',
      ]);
    }
    await pause(pollMs);
  }
  const renewal = setInterval(() => {
    ds.query("UPDATE start_lock SET expires_at = ? WHERE name = 'start' AND owner = ?", [
      Date.now() + leaseMs,
      owner,
    ]).catch(() => undefined);
  }, leaseMs / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await ds.query("DELETE FROM start_lock WHERE name = 'start' AND owner = ?", [owner]);
  }
}
