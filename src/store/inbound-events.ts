import { LessThan, type EntityManager } from 'typeorm';
import { isDuplicateKey } from './duplicate-key';
import { InboundEventEntity } from './entities';
import { insertRows } from './raw-rows';
import type { Store } from './store';

/**
 * Records an inbound chat event and says whether this is its first delivery. Slack and Lark
 * redeliver events they think we missed; the primary key makes sure we act once, also when two
 * instances receive the same redelivery.
 */
export async function firstDelivery(
  store: Store,
  source: string,
  key: string,
  now: Date,
): Promise<boolean> {
  try {
    await store.transaction((m) =>
      m.insert(InboundEventEntity, { eventKey: `${source}:${key}`, source, receivedAt: now }),
    );
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/**
 * Records an inbound event in the caller's transaction and says whether this is its first
 * delivery: the record stands only if the work done with it commits, so a submission refused
 * for a mistake can be sent again.
 */
export async function recordDelivery(
  m: EntityManager,
  source: string,
  key: string,
  now: Date,
): Promise<boolean> {
  try {
    await insertRows(m, InboundEventEntity, [
      { eventKey: `${source}:${key}`, source, receivedAt: now },
    ]);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Forgets an event whose handling failed, so the platform's redelivery is acted on. */
export async function forgetDelivery(store: Store, source: string, key: string): Promise<void> {
  await store.transaction((m) => m.delete(InboundEventEntity, { eventKey: `${source}:${key}` }));
}

/**
 * Forgets deliveries received before `cutoff`. Slack retries within the hour and Lark within about
 * seven, so a week-old record guards nothing; without this the table only grows.
 */
export async function forgetDeliveriesBefore(store: Store, cutoff: Date): Promise<number> {
  const result = await store.transaction((m) =>
    m.delete(InboundEventEntity, { receivedAt: LessThan(cutoff) }),
  );
  return result.affected ?? 0;
}
