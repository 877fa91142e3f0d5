import type { DataSource } from 'typeorm';
import { Store } from '../../src/store/store';

/** A MySQL data source whose answers to `SHOW VARIABLES LIKE 'wsrep_on'` are given in turn. */
function serverAnswering(...answers: (Error | { Value: string }[])[]) {
  const asked: string[] = [];
  const dataSource = {
    query: (sql: string) => {
      asked.push(sql);
      const answer = answers.shift();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  } as unknown as DataSource;
  return { store: new Store(dataSource, 'mysql://root@127.0.0.1/test'), asked };
}

const select = 'SELECT 1';

describe('R26 a read that must see the whole cluster', () => {
  test('R26 on a Galera node it waits for the node to catch up; elsewhere it is sent as it is, and the server is asked once', async () => {
    const galera = serverAnswering([{ Value: 'ON' }]);
    expect(await galera.store.caughtUp(select)).toBe(
      `SET STATEMENT wsrep_sync_wait = 1 FOR ${select}`,
    );
    expect(await galera.store.caughtUp(select)).toContain('wsrep_sync_wait');
    expect(galera.asked).toHaveLength(1);
    const single = serverAnswering([]);
    expect(await single.store.caughtUp(select)).toBe(select);
  });

  test('R26 a server that could not be asked is asked again next time, not taken for an answer', async () => {
    const { store, asked } = serverAnswering(new Error('connection lost'), [{ Value: 'ON' }]);
    await expect(store.caughtUp(select)).rejects.toThrow('connection lost');
    expect(await store.caughtUp(select)).toContain('wsrep_sync_wait');
    expect(asked).toHaveLength(2);
  });
});
