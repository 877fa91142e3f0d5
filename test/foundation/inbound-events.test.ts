import {
  firstDelivery,
  forgetDeliveriesBefore,
  forgetDelivery,
} from '../../src/store/inbound-events';
import { InboundEventEntity } from '../../src/store/entities';
import { insertRows } from '../../src/store/raw-rows';
import type { Store } from '../../src/store/store';
import { eachDatabase, migratedStore } from '../support/databases';

const day = 24 * 3600 * 1000;
const monday = new Date('2026-11-02T01:00:00Z');

eachDatabase('R26 inbound chat events', (db) => {
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(db());
  });

  test('an event id is acted on once per platform, and again after its handling failed', async () => {
    expect(await firstDelivery(store, 'lark', 'ev1', monday)).toBe(true);
    expect(await firstDelivery(store, 'lark', 'ev1', monday)).toBe(false);
    expect(await firstDelivery(store, 'slack', 'ev1', monday)).toBe(true);
    await forgetDelivery(store, 'lark', 'ev1');
    expect(await firstDelivery(store, 'lark', 'ev1', monday)).toBe(true);
  });

  test('records older than the cut-off are forgotten; newer ones still guard', async () => {
    const later = new Date(monday.getTime() + 8 * day);
    expect(await firstDelivery(store, 'lark', 'ev2', later)).toBe(true);
    expect(await forgetDeliveriesBefore(store, new Date(later.getTime() - 7 * day))).toBe(2);
    expect(await firstDelivery(store, 'slack', 'ev1', later)).toBe(true);
    expect(await firstDelivery(store, 'lark', 'ev2', later)).toBe(false);
  });

  test('the nightly forgetting reads only the records it forgets, not every delivery of the week', async () => {
    // A week of deliveries, one every ten minutes, after those of the tests above.
    const start = monday.getTime() + 30 * day;
    const week = Array.from({ length: 7 * 144 }, (_, i) => ({
      eventKey: `slack:week${i}`,
      source: 'slack',
      receivedAt: new Date(start + i * 600_000),
    }));
    for (let at = 0; at < week.length; at += 500) {
      await insertRows(store.manager, InboundEventEntity, week.slice(at, at + 500));
    }
    const { logger } = store.dataSource;
    const log = logger.logQuery.bind(logger);
    const sent: [string, unknown[]][] = [];
    logger.logQuery = (query, parameters, runner) => {
      if (/^DELETE FROM [`"]inbound_events[`"]/.test(query))
        sent.push([query, Array.isArray(parameters) ? parameters : []]);
      log(query, parameters, runner);
    };
    try {
      // The half day's first 72, and the two the tests above left.
      expect(await forgetDeliveriesBefore(store, new Date(start + day / 2))).toBe(72 + 2);
    } finally {
      logger.logQuery = log;
    }
    expect(sent).toHaveLength(1);
    const [[sql, params]] = sent;
    if (db().kind === 'sqlite') {
      const steps = (await store.manager.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as {
        detail: string;
      }[];
      expect(steps.map((s) => s.detail)).toEqual([
        expect.stringMatching(
          /^SEARCH inbound_events USING .*INDEX IDX_inbound_events_received_at/,
        ),
      ]);
    } else {
      const steps = (await store.manager.query(`EXPLAIN ${sql}`, params)) as { type: string }[];
      expect(steps.map((s) => s.type)).toEqual(['range']);
    }
  });
});
