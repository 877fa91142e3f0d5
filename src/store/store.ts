import type { DataSource, EntityManager } from 'typeorm';
import { databaseKind, type DatabaseKind } from './data-source';

/**
 * The database as the core sees it: transactions, and whether row locks exist. better-sqlite3
 * has one connection, so transactions on it are queued here instead of interleaving.
 */
export class Store {
  readonly kind: DatabaseKind;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataSource: DataSource,
    url: string,
  ) {
    this.kind = databaseKind(url);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'mysql') return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Row locks exist on MySQL/MariaDB; on SQLite the whole transaction is already exclusive. */
  get rowLocks(): boolean {
    return this.kind === 'mysql';
  }
}
