import {
  firstDelivery,
  forgetDeliveriesBefore,
  forgetDelivery,
} from '../../src/store/inbound-events';
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
});
