import type { Store } from '../../src/store/store';

async function pending(store: Store): Promise<number> {
  const [row] = (await store.manager.query(
    "SELECT COUNT(*) AS n FROM notices WHERE state = 'pending'",
  )) as { n: number | string }[];
  return Number(row.n);
}

/**
 * Delivers until no notice is pending, as the dispatcher's timer would over time: after each
 * round, back-off delays are cut short so that a retry is due at once. Returns what is still
 * pending after `rounds` (0 when all went out or were parked).
 */
export async function drainOutbox(
  store: Store,
  deliver: () => Promise<unknown>,
  rounds = 40,
): Promise<number> {
  for (let round = 0; round < rounds && (await pending(store)) > 0; round++) {
    await deliver();
    await store.manager.query("UPDATE notices SET not_before = created_at WHERE state = 'pending'");
  }
  return pending(store);
}
