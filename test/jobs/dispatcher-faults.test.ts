import { Dispatcher } from '../../src/notices/dispatcher';
import { addNotices, type NewNotice } from '../../src/notices/outbox';
import { NoticeEntity } from '../../src/store/entities';
import { forkChild, killed } from '../support/child/fork';
import { eachDatabase, sharedDatabase } from '../support/databases';
import { FakeHttpPlatform } from '../support/fake-http-platform';
import { FakePlatform } from '../support/fake-platform';
import { eventually } from '../slack/fake-slack';
import { patientOrg, World } from '../support/world';

eachDatabase(
  'R26 a dispatcher killed mid-send',
  (db) => {
    let world: World;
    beforeAll(async () => {
      world = await World.open(db(), patientOrg);
    });

    test('R26 SIGKILL mid-send: nothing is lost, only a post the platform took but the outbox had not recorded goes twice, and the rest goes after restart', async () => {
      const people = ['hu.bin', 'zhao.min', 'yang.lei', 'chen.jing'];
      const notices: NewNotice[] = [];
      for (const key of people) {
        const id = String(await world.idOf(key));
        for (let i = 0; i < 5; i++)
          notices.push({
            kind: 'closed',
            to: { kind: 'person', id },
            params: { number: `XF-2026-${key}-${i}` },
            dedupeKey: `kill:${key}:${i}`,
          });
      }
      await addNotices(world.store.manager, world.clock.now(), notices);
      const platform = new FakeHttpPlatform(7);
      await platform.start();
      const stoppedAt = new Date(world.clock.now().getTime() + 1_000);
      const child = await forkChild('dispatcher.ts', {
        DATABASE_URL: db().url,
        PLATFORM_URL: platform.url,
        CLOCK_ISO: stoppedAt.toISOString(),
      });
      await eventually(() => platform.holding, 20_000);
      await killed(child);
      await platform.stop();

      const rows = await world.store.manager.findBy(NoticeEntity, {});
      const recorded = new Set(rows.filter((r) => r.state === 'sent').map((r) => r.dedupeKey));
      const taken = new Set(platform.received.map((r) => r.key));
      // The window: posts the platform took whose "sent" the dead process had not yet written.
      const window = [...taken].filter((key) => !recorded.has(key));
      expect(window.length).toBeGreaterThanOrEqual(1);
      expect(window.length).toBeLessThanOrEqual(4);

      const slack = new FakePlatform('slack', world.clock);
      world.clock.set(stoppedAt.toISOString());
      const restarted = new Dispatcher(world.store, world.core.org, world.clock, [slack], {
        owner: 'restarted',
        sleep: async (ms) => world.clock.advanceMs(ms),
      });
      // While the dead process's claims last (10 s), nothing of theirs is sent again.
      world.clock.advanceMs(9_000);
      await restarted.runOnce();
      expect(slack.received.filter((r) => window.includes(r.key))).toEqual([]);
      world.clock.advanceMs(2_000);
      for (let pass = 0; pass < 5; pass++) await restarted.runOnce();

      const after = await world.store.manager.findBy(NoticeEntity, {});
      expect(after.every((r) => r.state === 'sent')).toBe(true);
      const resent = slack.received.map((r) => r.key);
      expect(new Set(resent).size).toBe(resent.length);
      const twice = resent.filter((key) => taken.has(key));
      expect(twice.every((key) => window.includes(key))).toBe(true);
      expect(new Set([...taken, ...resent])).toEqual(new Set(notices.map((x) => x.dedupeKey)));
      for (const key of people) {
        const order = [...platform.received.map((r) => r.key), ...resent].filter((k) =>
          k.startsWith(`kill:${key}:`),
        );
        expect([...new Set(order)]).toEqual(
          Array.from({ length: 5 }, (_, i) => `kill:${key}:${i}`),
        );
      }
    });
  },
  sharedDatabase,
);
