/** Whether a failed insert hit a unique key: the signal that someone else got there first. */
export function isDuplicateKey(e: unknown): boolean {
  const driver = (e as { driverError?: { code?: string } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY' || String(driver?.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * Whether MySQL/MariaDB chose this transaction as a deadlock victim (ER_LOCK_DEADLOCK), which is
 * also how Galera tells the loser of two writes certified at once, at COMMIT or at the statement
 * it was aborted in: the whole transaction may run again.
 */
export function isDeadlock(e: unknown): boolean {
  return (e as { driverError?: { errno?: number } }).driverError?.errno === 1213;
}
