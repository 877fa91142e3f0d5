import type { EntityManager } from 'typeorm';
import { CaseCounterEntity } from './entities';
import type { Store } from './store';

/** R2: `XF-2026-000042`; the prefix comes from the organisation file. */
export function formatCaseNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

/** The counters known to exist, per database: a row once there is never removed. */
const ensured = new WeakMap<Store, Set<string>>();

/**
 * Makes sure this year's counter row exists, in a transaction of its own: inserting it inside the
 * filing transaction would let two instances deadlock on the first filing of a year. Once seen,
 * a counter is not asked for again by this process.
 */
export async function ensureCounter(store: Store, name: string): Promise<void> {
  const known = ensured.get(store) ?? new Set<string>();
  ensured.set(store, known);
  if (known.has(name)) return;
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
 * Takes the next value inside the filing transaction. The UPDATE locks the counter row until
 * commit, so concurrent filings from any number of processes queue on it and get consecutive,
 * distinct numbers; a rolled-back filing gives its number back. The new value comes back with the
 * UPDATE itself (LAST_INSERT_ID on MySQL, RETURNING on SQLite): every round trip made while the
 * row is locked is one every other filing waits for.
 */
export async function takeNextValue(store: Store, m: EntityManager, name: string): Promise<number> {
  if (store.kind === 'mysql') {
    const result = (await m.query(
      'UPDATE case_counters SET last_value = LAST_INSERT_ID(last_value + 1) WHERE name = ?',
      [name],
    )) as { affectedRows: number; insertId: number };
    if (result.affectedRows !== 1) throw new Error(`case counter ${name} is missing`);
    return Number(result.insertId);
  }
  const rows = (await m.query(
    'UPDATE case_counters SET last_value = last_value + 1 WHERE name = ? RETURNING last_value',
    [name],
  )) as { last_value: number }[];
  if (rows.length !== 1) throw new Error(`case counter ${name} is missing`);
  return Number(rows[0].last_value);
}
