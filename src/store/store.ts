import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { databaseKind, type DatabaseKind } from './data-source';
import { isLostConflict } from './duplicate-key';
import { IdentityKey } from './identity-key';

/** How long a transaction keeps being rerun after lost conflicts, and its pauses between runs. */
const conflictBudgetMs = 2_000;
const firstPauseMs = 2;
const maxPauseMs = 100;

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
  /** Transactions run again after losing a conflict, since start (the Galera bench prints it). */
  conflictsRetried = 0;
  /** Whether the server is a node of a Galera cluster, asked once. */
  private galeraNode: Promise<boolean> | undefined;

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
    if (this.kind === 'mysql') return this.retryingConflicts(work);
    return this.inTurn(() => this.inTransaction.run(true, () => this.dataSource.transaction(work)));
  }

  /**
   * A transaction that writes a new case and reads nothing it needs unchanged until it commits (a
   * filing), on a Galera node at READ COMMITTED. R26: at REPEATABLE READ, InnoDB turns the lock an
   * UPDATE leaves on a row the transaction inserted (the case's audit head) into a gap lock when
   * the index page holding the row splits. New cases all go to the end of the primary key, their
   * ids interleaved between a Galera cluster's nodes (each node has its own auto-increment
   * offset), so another node's write inserting its case into that page must wait for the gap, and
   * Galera aborts the local filing (or replays it at COMMIT): 10 to 15 of 600 filings spread over
   * three nodes. At READ COMMITTED such locks are not inherited as gap locks. Only on a Galera
   * node: elsewhere nothing aborts a transaction for a gap, and a server logging statements
   * (binlog_format=STATEMENT) refuses InnoDB writes at READ COMMITTED.
   */
  async writingNew<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (await this.onGaleraNode()) return this.retryingConflicts(work, 'READ COMMITTED');
    return this.transaction(work);
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
   * A transaction that lost a conflict is rolled back whole and safe to run again: an InnoDB
   * deadlock victim, or on a multi-primary cluster the loser of two writes to one row certified
   * at once (on Galera at COMMIT, or at any statement when a replicated write aborts it; see
   * `isLostConflict` for Group Replication's and TiDB's). Galera's loser can only win
   * once the winner's write has been applied on its own node, and on a hot row several instances
   * keep colliding, so a fixed handful of immediate reruns runs out (R26: a filer answered HTTP
   * 500). Reruns wait a random, growing pause instead, within a time budget that leaves a view
   * submission inside Slack's 3 s.
   */
  private async retryingConflicts<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation?: IsolationLevel,
  ): Promise<T> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await (isolation
          ? this.dataSource.transaction(isolation, work)
          : this.dataSource.transaction(work));
      } catch (e) {
        const pauseMs = Math.random() * Math.min(maxPauseMs, firstPauseMs * 2 ** attempt);
        if (!isLostConflict(e) || Date.now() - started + pauseMs > conflictBudgetMs) throw e;
        this.conflictsRetried++;
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  /**
   * R26: a SELECT that sees every write the cluster committed before it. A Galera node applies
   * the other nodes' writes a moment after they commit, so on one the statement first waits until
   * its node has applied them (wsrep_sync_wait); on a single server every read already sees them.
   * For the rare read that must not miss a row written through another node a moment ago.
   */
  async caughtUp(select: string): Promise<string> {
    return (await this.onGaleraNode()) ? `SET STATEMENT wsrep_sync_wait = 1 FOR ${select}` : select;
  }

  private onGaleraNode(): Promise<boolean> {
    if (this.kind !== 'mysql') return Promise.resolve(false);
    this.galeraNode ??= this.dataSource
      .query("SHOW VARIABLES LIKE 'wsrep_on'")
      .then((rows: { Value: string }[]) => rows[0]?.Value === 'ON')
      .catch((e: unknown) => {
        // Not known yet: asked again next time, not refused for good.
        this.galeraNode = undefined;
        throw e;
      });
    return this.galeraNode;
  }

  /** Row locks exist on MySQL/MariaDB; on SQLite the whole transaction is already exclusive. */
  get rowLocks(): boolean {
    return this.kind === 'mysql';
  }
}
