import { Between, IsNull, LessThan, type EntityManager } from 'typeorm';
import { blockSeal, voidSeal, wholeSecond } from '../domain/audit-chain';
import { isDuplicateKey } from './duplicate-key';
import {
  NumberBlockEntity,
  NumberVoidEntity,
  PetitionEntity,
  type NumberBlock,
  type VoidReason,
} from './entities';
import { formatCaseNumber } from './number-format';
import type { Store } from './store';

/**
 * R2, R26: the leases on number blocks and the voiding of numbers never filed. A holder renews
 * its blocks' leases while it lives; once a lease has run out, any instance closes the block and
 * voids the numbers of it that are neither filed nor void.
 */

/** How long a block counts as its holder's without being renewed. */
export const defaultLeaseMs = 120_000;

/**
 * No filing takes longer than this: a number taken this long before one filed after it, and
 * neither filed nor void, is not in flight but missing (the verification and the voiding of a
 * dead holder's numbers both rely on it).
 */
export const inFlightMs = 5 * 60_000;

/** The block with its seal (R24) as it stands now, under AUDIT_SEAL_KEY when there is one. */
export function sealed(block: NumberBlock, key: string | null): NumberBlock {
  return { ...block, seal: key ? blockSeal(key, block) : null };
}

/** The numbers of `counter` filed in [first, last]: their values and when they were filed. */
export async function filedIn(
  m: EntityManager,
  counter: string,
  first: number,
  last: number,
): Promise<{ value: number; filedAt: Date }[]> {
  const rows = await m.find(PetitionEntity, {
    select: { number: true, filedAt: true },
    where: { number: Between(formatCaseNumber(counter, first), formatCaseNumber(counter, last)) },
  });
  return rows.map((r) => ({
    value: Number(r.number.slice(counter.length + 1)),
    filedAt: r.filedAt,
  }));
}

/** Consecutive runs of the values in [first, last] that are in neither list. */
function unaccounted(first: number, last: number, taken: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (let v = first; v <= last; v++) {
    if (taken.has(v)) continue;
    const run = runs.at(-1);
    if (run && run[1] === v - 1) run[1] = v;
    else runs.push([v, v]);
  }
  return runs;
}

/** Records [first, last] of `counter` as void; a range voided already stays as it was. */
export async function addVoid(
  m: EntityManager,
  key: string | null,
  counter: string,
  [first, last]: [number, number],
  reason: VoidReason,
  now: Date,
): Promise<void> {
  const row = {
    name: counter,
    firstValue: first,
    lastValue: last,
    reason,
    voidedAt: wholeSecond(now),
  };
  try {
    await m.insert(NumberVoidEntity, { ...row, seal: key ? voidSeal(key, row) : null });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/**
 * Extends an open block's lease to `expiresAt`, in a transaction of its own; false when another
 * instance closed the block meanwhile (it took its holder for dead).
 */
export async function renewLease(
  store: Store,
  block: NumberBlock,
  expiresAt: Date,
): Promise<boolean> {
  const result = await store.transaction((m) =>
    m.update(NumberBlockEntity, { id: block.id, closedAt: IsNull() }, { expiresAt }),
  );
  return result.affected === 1;
}

/**
 * R2, R24: the blocks of holders that stopped renewing (a crashed or killed instance) are closed,
 * and their numbers neither filed nor void are voided as unused: those after the last number
 * the holder filed before it could still have had filings in flight. An earlier number missing
 * is left for the verification to report: no filing was in flight for it, so its case is gone.
 * Returns how many numbers were voided.
 */
export async function voidAbandoned(
  store: Store,
  now: Date,
  leaseMs = defaultLeaseMs,
): Promise<number> {
  const abandoned = await store.manager.find(NumberBlockEntity, {
    where: { closedAt: IsNull(), expiresAt: LessThan(now) },
  });
  let voided = 0;
  for (const block of abandoned) {
    voided += await store.transaction(async (m) => {
      const claimed = await m.update(
        NumberBlockEntity,
        { id: block.id, closedAt: IsNull(), expiresAt: LessThan(now) },
        { closedAt: wholeSecond(now) },
      );
      if (claimed.affected !== 1) return 0;
      const lastAlive = block.expiresAt.getTime() - leaseMs;
      const filed = await filedIn(m, block.name, block.firstValue, block.lastValue);
      const settled = filed.filter((f) => f.filedAt.getTime() < lastAlive - inFlightMs);
      const from = Math.max(block.firstValue - 1, ...settled.map((f) => f.value)) + 1;
      const voids = await m.find(NumberVoidEntity, {
        where: { name: block.name, firstValue: Between(block.firstValue, block.lastValue) },
      });
      const accounted = new Set(filed.map((f) => f.value));
      for (const v of voids) for (let n = v.firstValue; n <= v.lastValue; n++) accounted.add(n);
      const runs = unaccounted(from, block.lastValue, accounted);
      for (const run of runs) await addVoid(m, store.sealKey, block.name, run, 'unused', now);
      const closed = sealed({ ...block, closedAt: wholeSecond(now) }, store.sealKey);
      await m.update(NumberBlockEntity, { id: block.id }, { seal: closed.seal });
      return runs.reduce((sum, [a, b]) => sum + b - a + 1, 0);
    });
  }
  return voided;
}
