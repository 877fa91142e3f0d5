/** Whether a failed insert hit a unique key: the signal that someone else got there first. */
export function isDuplicateKey(e: unknown): boolean {
  const driver = (e as { driverError?: { code?: string } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY' || String(driver?.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * The errors by which a database tells a transaction it lost a conflict and was rolled back
 * whole, so it may run again: an InnoDB deadlock victim, which is also how Galera tells the loser
 * of two writes certified at once, at COMMIT or at the statement it was aborted in (1213
 * ER_LOCK_DEADLOCK); MySQL Group Replication's loser of a certification at COMMIT (3101
 * ER_TRANSACTION_ROLLBACK_DURING_COMMIT); TiDB's optimistic transaction that met a newer write at
 * COMMIT (9007, write conflict).
 */
const lostConflicts = new Set([1213, 3101, 9007]);

export function isLostConflict(e: unknown): boolean {
  const errno = (e as { driverError?: { errno?: number } }).driverError?.errno;
  return errno !== undefined && lostConflicts.has(errno);
}
