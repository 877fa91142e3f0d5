import type { DataSource } from 'typeorm';
import { Dispatcher } from '../../src/notices/dispatcher';
import { addNotices, type NewNotice } from '../../src/notices/outbox';
import { createDataSource } from '../../src/store/data-source';
import { NoticeEntity } from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { FakePlatform } from '../support/fake-platform';
import { patientOrg, World } from '../support/world';

/**
 * Three dispatchers, each on a connection of its own, deliver one outbox. On MariaDB they share
 * the scratch database; THREE_DISPATCHERS_URLS (three URLs of one database, comma-separated, for
 * example the three nodes of a Galera cluster) points the same test at another setup.
 */
const elsewhere = process.env.THREE_DISPATCHERS_URLS?.split(',').map((u) => u.trim());

async function deliverWithThree(world: World, stores: Store[]) {
  await world.store.manager.createQueryBuilder().delete().from(NoticeEntity).execute();
  const people = ['hu.bin', 'zhao.min', 'yang.lei', 'chen.jing'];
  const ids = new Map<string, string>();
  for (const key of people) ids.set(key, String(await world.idOf(key)));
  const notices: NewNotice[] = [];
  for (let i = 0; i < 75; i++)
    for (const key of people)
      notices.push({
        kind: 'closed',
        to: { kind: 'person', id: String(ids.get(key)) },
        params: { number: `XF-2026-${i}` },
        dedupeKey: `three:${key}:${String(i).padStart(3, '0')}`,
      });
  await addNotices(world.store.manager, world.clock.now(), notices);
  const platform = new FakePlatform('slack', world.clock);
  const dispatchers = stores.map(
    (store, i) =>
      new Dispatcher(store, world.core.org, world.clock, [platform], {
        owner: `instance-${i}`,
        pollMs: 5,
      }),
  );
  for (const d of dispatchers) d.start();
  for (let i = 0; i < 2_000 && platform.received.length < notices.length; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await Promise.all(dispatchers.map((d) => d.stop()));
  expect(platform.received).toHaveLength(notices.length);
  expect(platform.doubles()).toEqual([]);
  for (const key of people) {
    const theirs = platform.received.map((r) => r.key).filter((k) => k.startsWith(`three:${key}:`));
    expect(theirs).toEqual([...theirs].sort());
  }
  expect(await world.store.manager.countBy(NoticeEntity, { state: 'sent' })).toBe(notices.length);
}

eachDatabase('R26 several dispatchers on one database', (db) => {
  let world: World;
  const extra: DataSource[] = [];
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  afterAll(async () => {
    await Promise.all(extra.map((ds) => ds.destroy()));
  });

  test('R26 three dispatchers on their own connections deliver every notice exactly once, each recipient’s in order', async () => {
    const stores = [world.store];
    for (let i = 0; i < 2; i++) {
      if (db().kind === 'sqlite') {
        stores.push(world.store);
        continue;
      }
      const ds = await db().open();
      stores.push(new Store(ds, db().url));
    }
    await deliverWithThree(world, stores);
  });
});

(elsewhere ? describe : describe.skip)(
  `R26 three dispatchers on THREE_DISPATCHERS_URLS${elsewhere ? '' : ' (skipped: not set)'}`,
  () => {
    const sources: DataSource[] = [];
    let world: World;
    beforeAll(async () => {
      const urls = elsewhere as string[];
      for (const url of urls) sources.push(await createDataSource(url).initialize());
      await sources[0].runMigrations({ transaction: 'each' });
      world = await World.onStore(new Store(sources[0], urls[0]), patientOrg);
    });
    afterAll(async () => {
      await Promise.all(sources.map((ds) => ds.destroy()));
    });

    test('R26 three dispatchers, one per URL, deliver every notice exactly once, each recipient’s in order', async () => {
      const urls = elsewhere as string[];
      await deliverWithThree(
        world,
        sources.map((ds, i) => new Store(ds, urls[i])),
      );
    });
  },
);
