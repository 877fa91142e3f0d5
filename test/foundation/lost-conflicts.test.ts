import { QueryFailedError } from 'typeorm';
import type { Store } from '../../src/store/store';
import { migratedStore, mysqlUrl, scratchMysql, type TestDatabase } from '../support/databases';

/** An error as mysql2 reports a failed statement with this errno, wrapped as TypeORM wraps it. */
function failedWith(errno: number, code: string): QueryFailedError {
  return new QueryFailedError('COMMIT', [], Object.assign(new Error(code), { errno, code }));
}

/** Resolves once `count` parties have called `arrive`. */
function barrier(count: number) {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    arrive(): Promise<void> {
      if (++arrived === count) open();
      return opened;
    },
  };
}

(mysqlUrl ? describe : describe.skip)(
  'R26 a transaction that lost a conflict runs again [mariadb]',
  () => {
    let db: TestDatabase;
    let store: Store;
    beforeAll(async () => {
      db = await scratchMysql();
      store = await migratedStore(db);
      await store.manager.query(
        "INSERT INTO case_counters (name, last_value) VALUES ('left', 0), ('right', 0)",
      );
    });
    afterAll(async () => {
      await db.drop();
    });

    test('R26 of two transactions that deadlock, the victim is rerun and both commit', async () => {
      const bothHoldOne = barrier(2);
      const crossing = (first: string, second: string) => {
        let run = 0;
        return store.transaction(async (m) => {
          run++;
          const write = (name: string) =>
            m.query('UPDATE case_counters SET last_value = last_value + 1 WHERE name = ?', [name]);
          await write(first);
          if (run === 1) await bothHoldOne.arrive();
          await write(second);
        });
      };
      const before = store.conflictsRetried;
      await Promise.all([crossing('left', 'right'), crossing('right', 'left')]);
      expect(store.conflictsRetried - before).toBe(1);
      const rows = (await store.manager.query(
        "SELECT last_value AS v FROM case_counters WHERE name IN ('left', 'right')",
      )) as { v: number }[];
      expect(rows.map((r) => Number(r.v))).toEqual([2, 2]);
    });

    test.each([
      [3101, 'ER_TRANSACTION_ROLLBACK_DURING_COMMIT', 'MySQL Group Replication'],
      [9007, 'write conflict', 'TiDB'],
    ])(
      'R26 a transaction rolled back with errno %i (%s, %s) runs again and commits',
      async (errno, code) => {
        let runs = 0;
        const before = store.conflictsRetried;
        await store.transaction(async (m) => {
          runs++;
          await m.query("UPDATE case_counters SET last_value = last_value + 1 WHERE name = 'left'");
          if (runs === 1) throw failedWith(errno, code);
        });
        expect(runs).toBe(2);
        expect(store.conflictsRetried - before).toBe(1);
      },
    );

    test('R26 a transaction that failed for any other reason is not run again', async () => {
      let runs = 0;
      const refused = store.transaction(async () => {
        runs++;
        throw failedWith(1062, 'ER_DUP_ENTRY');
      });
      await expect(refused).rejects.toThrow('ER_DUP_ENTRY');
      expect(runs).toBe(1);
    });
  },
);
