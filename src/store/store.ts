import type { DataSource, EntityManager } from 'typeorm';
import { databaseKind, type DatabaseKind } from './data-source';

/** MySQL's ER_LOCK_DEADLOCK. */
const deadlock = 1213;

/**
 * The database as the core sees it: transactions, and whether row locks exist. better-sqlite3
 * has one connection, so transactions on it are queued here instead of interleaving; every write
 * goes through `transaction`, or it would silently join (and share the fate of) whichever
 * transaction happens to be open on that connection.
 */
export class Store {
  readonly kind: DatabaseKind;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param sealKey R24: the key that seals each audit head (AUDIT_SEAL_KEY); without it the trail
   * is hash-chained but not sealed.
   */
  constructor(
    readonly dataSource: DataSource,
    url: string,
    readonly sealKey: string | null = null,
  ) {
    this.kind = databaseKind(url);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'mysql') return this.retryingDeadlocks(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * InnoDB may pick a transaction as a deadlock victim when instances insert side by side; the
   * whole transaction is then rolled back and is safe to run again.
   */
  private async retryingDeadlocks<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (e) {
        const code = (e as { driverError?: { errno?: number } }).driverError?.errno;
        if (code !== deadlock || attempt >= 5) throw e;
      }
    }
  }

  /** Row locks exist on MySQL/MariaDB; on SQLite the whole transaction is already exclusive. */
  get rowLocks(): boolean {
    return this.kind === 'mysql';
  }
}
