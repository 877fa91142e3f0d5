import { IsNull, type EntityManager } from 'typeorm';
import { wholeSecond } from '../domain/audit-chain';
import { CaseCounterEntity, NumberBlockEntity, type NumberBlock } from './entities';
import { addVoid, sealed } from './number-voids';
import type { Store } from './store';

/**
 * R2, R26: reserving a block of case numbers from the year's counter row, and closing it once
 * none of its numbers will be handed out any more.
 */

/** A block an instance hands numbers out of. */
export interface Held {
  block: NumberBlock;
  /** The next value to hand out; past `lastValue` the block is used up. */
  next: number;
}

/** The counters known to exist, per database: a row once there is never removed. */
const ensured = new WeakMap<Store, Set<string>>();

/**
 * Makes sure the year's counter row exists, in a transaction of its own, so two instances
 * reserving the first block of a year never both insert it. Once seen, not asked for again; one
 * there already is only read (R26: on a cluster, instances started together would otherwise
 * all write the row at their first filing, and conflict on it).
 */
export async function ensureCounter(store: Store, name: string): Promise<void> {
  const known = ensured.get(store) ?? new Set<string>();
  ensured.set(store, known);
  if (known.has(name)) return;
  if (await store.manager.existsBy(CaseCounterEntity, { name })) {
    known.add(name);
    return;
  }
  await store.transaction((m) =>
    m
      .createQueryBuilder()
      .insert()
      .into(CaseCounterEntity)
      .values({ name, lastValue: 0 })
      .orUpdate(['name'], ['name'])
      .execute(),
  );
  known.add(name);
}

/**
 * Moves the counter past a new block and returns its last value, in the reservation's one
 * UPDATE (LAST_INSERT_ID on MySQL, RETURNING on SQLite). On a Galera cluster two nodes reserving
 * at once conflict here, in a transaction short enough to run again at once.
 */
async function bumpCounter(
  store: Store,
  m: EntityManager,
  name: string,
  size: number,
): Promise<number> {
  if (store.kind === 'mysql') {
    const result = (await m.query(
      'UPDATE case_counters SET last_value = LAST_INSERT_ID(last_value + ?) WHERE name = ?',
      [size, name],
    )) as { affectedRows: number; insertId: number };
    if (result.affectedRows !== 1) throw new Error(`case counter ${name} is missing`);
    return Number(result.insertId);
  }
  const rows = (await m.query(
    'UPDATE case_counters SET last_value = last_value + ? WHERE name = ? RETURNING last_value',
    [size, name],
  )) as { last_value: number }[];
  if (rows.length !== 1) throw new Error(`case counter ${name} is missing`);
  return Number(rows[0].last_value);
}

/** Who reserves a block, when, for how long and how many numbers. */
export interface Reservation {
  counter: string;
  holder: string;
  now: Date;
  leaseMs: number;
  size: number;
}

/**
 * Reserves the next `size` numbers of the counter as a block of the holder's, leased until
 * `leaseMs` from now, closing the block it follows in the same transaction.
 */
export function reserveBlock(
  store: Store,
  { counter, holder, now, leaseMs, size }: Reservation,
  previous: Held | undefined,
): Promise<NumberBlock> {
  const key = store.sealKey;
  return store.transaction(async (m) => {
    if (previous) await closeBlock(store, m, previous, now);
    const lastValue = await bumpCounter(store, m, counter, size);
    const reserved = sealed(
      {
        id: 0,
        name: counter,
        firstValue: lastValue - size + 1,
        lastValue,
        holder,
        reservedAt: wholeSecond(now),
        expiresAt: wholeSecond(new Date(now.getTime() + leaseMs)),
        closedAt: null,
        seal: null,
      },
      key,
    );
    const { id: _id, ...row } = reserved;
    const { identifiers } = await m.insert(NumberBlockEntity, row);
    return { ...reserved, id: identifiers[0].id as number };
  });
}

/**
 * Closes a block: values never handed out go back to the counter if no block was reserved
 * after this one (no gap at all), or else are voided as unused. A block another instance
 * closed meanwhile (it took this one for dead) is left as that instance closed it.
 */
export async function closeBlock(
  store: Store,
  m: EntityManager,
  held: Held,
  now: Date,
): Promise<void> {
  const { block } = held;
  const closedAt = wholeSecond(now);
  const claimed = await m.update(
    NumberBlockEntity,
    { id: block.id, closedAt: IsNull() },
    { closedAt },
  );
  if (claimed.affected !== 1) return;
  let lastValue = block.lastValue;
  if (held.next <= block.lastValue) {
    const givenBack = await m
      .createQueryBuilder()
      .update(CaseCounterEntity)
      .set({ lastValue: held.next - 1 })
      .where('name = :name AND last_value = :last', { name: block.name, last: block.lastValue })
      .execute();
    if (givenBack.affected === 1) lastValue = held.next - 1;
    else {
      const unused: [number, number] = [held.next, block.lastValue];
      await addVoid(m, store.sealKey, block.name, unused, 'unused', closedAt);
    }
  }
  if (lastValue < block.firstValue) {
    await m.delete(NumberBlockEntity, { id: block.id });
    return;
  }
  const { seal } = sealed({ ...block, lastValue, closedAt }, store.sealKey);
  await m.update(NumberBlockEntity, { id: block.id }, { lastValue, seal });
}
