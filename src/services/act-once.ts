import type { Platform } from '../domain/people';
import { firstDelivery, forgetDelivery } from '../store/inbound-events';
import type { Core } from './core';

/** What `actOnce` answers for an event it acted on before. */
export const actedBefore = Symbol('acted before');

/**
 * R26: acts on an inbound chat event once. Slack and Lark redeliver events they believe we
 * missed, and a form card can be submitted twice: the first delivery is recorded and acted on,
 * a repeat is not. When the work fails the record is forgotten, so the platform's redelivery (or
 * the person's second try) is acted on. An event without a key cannot be recognised again, so it
 * is always acted on.
 */
export async function actOnce<T>(
  core: Core,
  source: Platform,
  eventKey: string | undefined,
  work: () => Promise<T>,
): Promise<T | typeof actedBefore> {
  if (!eventKey) return work();
  if (!(await firstDelivery(core.store, source, eventKey, core.clock.now()))) return actedBefore;
  try {
    return await work();
  } catch (e) {
    await forgetDelivery(core.store, source, eventKey);
    throw e;
  }
}
