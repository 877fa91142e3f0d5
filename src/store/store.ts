import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { databaseKind, type DatabaseKind } from './data-source';
import { isDeadlock } from './duplicate-key';
import { IdentityKey } from './identity-key';

/**
 * The database as the core sees it: reads through `manager`, writes through `transaction`, and
 * whether row locks exist.
 *
 * better-sqlite3 has one connection, so on SQLite transactions are queued here instead of
 * interleaving, and so is every statement read through `manager`: on that one connection a read
 * made while a transaction waits between its statements would see the transaction's uncommitted
 * rows (a filing's provisional `~hex` number, a row a rollback then takes back). Queued, it runs
 * between transactions and sees only committed work, as a read on MySQL's pool does.
 */
export class Store {
  readonly kind: DatabaseKind;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set while a queued transaction's work runs, to refuse a read that would wait behind it. */
  private readonly inTransaction = new AsyncLocalStorage<boolean>();
  private reader: EntityManager | undefined;

  private readonly identityKey: IdentityKey | null;

  /**
   * @param sealKey R24: the key that seals each audit head (AUDIT_SEAL_KEY); without it the trail
   * is hash-chained but not sealed.
   * @param identityKey R6: the key identities are kept in custody under (IDENTITY_KEY); without
   * it no anonymous or confidential case can be filed or read.
   */
  constructor(
    readonly dataSource: DataSource,
    url: string,
    readonly sealKey: string | null = null,
    identityKey: string | null = null,
  ) {
    this.kind = databaseKind(url);
    this.identityKey = identityKey === null ? null : new IdentityKey(identityKey);
  }

  /** R6: the key of the identities in custody, which the database does not hold. */
  get custody(): IdentityKey {
    if (!this.identityKey) {
      throw new Error('IDENTITY_KEY is not set: identities in custody cannot be kept or opened');
    }
    return this.identityKey;
  }

  /** Reads committed work only: on MySQL from the pool, on SQLite between transactions. */
  get manager(): EntityManager {
    if (this.kind === 'mysql') return this.dataSource.manager;
    this.reader ??= this.dataSource.createEntityManager(this.queuedReads());
    return this.reader;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'mysql') return this.retryingDeadlocks(work);
    return this.inTurn(() => this.inTransaction.run(true, () => this.dataSource.transaction(work)));
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The connection's query runner with each statement taking its turn in the queue. It keeps a
   * manager of its own: TypeORM gives the connection's runner to every transaction, with the
   * manager last assigned to it, and that must stay the transaction's.
   */
  private queuedReads(): QueryRunner {
    const runner = this.dataSource.createQueryRunner();
    let manager = runner.manager;
    const query: QueryRunner['query'] = (...statement: Parameters<QueryRunner['query']>) => {
      if (this.inTransaction.getStore()) {
        // It would wait for the transaction it is part of, forever.
        return Promise.reject(
          new Error("a read inside a transaction goes through the transaction's manager"),
        );
      }
      return this.inTurn(() => runner.query(...statement));
    };
    return new Proxy(runner, {
      get: (target, key) =>
        key === 'query' ? query : key === 'manager' ? manager : Reflect.get(target, key),
      set: (target, key, value) => {
        if (key !== 'manager') return Reflect.set(target, key, value);
        manager = value;
        return true;
      },
    });
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
        if (!isDeadlock(e) || attempt >= 5) throw e;
      }
    }
  }

  /** Row locks exist on MySQL/MariaDB; on SQLite the whole transaction is already exclusive. */
  get rowLocks(): boolean {
    return this.kind === 'mysql';
  }
}
