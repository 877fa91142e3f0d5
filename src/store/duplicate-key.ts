/** Whether a failed insert hit a unique key: the signal that someone else got there first. */
export function isDuplicateKey(e: unknown): boolean {
  const driver = (e as { driverError?: { code?: string } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY' || String(driver?.code).startsWith('SQLITE_CONSTRAINT');
}
