import type { Petition } from '../../src/domain/petition';
import { PetitionEntity } from '../../src/store/entities';
import { insertRows } from '../../src/store/raw-rows';
import type { World } from './world';

/** Petitions of nobody in particular: a register the size of a working year's. */
export const register = 3000;

/** `register` copies of a filed petition under numbers `OTHER-i`, with `changes` made to each. */
export async function seedRegister(
  world: World,
  like: Petition,
  changes: Partial<Petition> = {},
): Promise<void> {
  const { id: _id, ...row } = like;
  const others = Array.from({ length: register }, (_, i) => ({
    ...row,
    ...changes,
    number: `OTHER-${i}`,
  }));
  for (let at = 0; at < others.length; at += 500) {
    await insertRows(world.store.manager, PetitionEntity, others.slice(at, at + 500));
  }
}

/**
 * The steps of the database's plan of a statement that read petitions `p`, each marked whether it
 * reads the table through (SQLite's SCAN, MariaDB's ALL or index) or looks up keys.
 */
export async function petitionReads(
  world: World,
  kind: 'sqlite' | 'mysql',
  sql: string,
  params: unknown[],
): Promise<string[]> {
  const m = world.store.manager;
  if (kind === 'sqlite') {
    const steps = (await m.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
    return steps
      .filter((s) => /^(SCAN|SEARCH) p\b/.test(s.detail))
      .map((s) => (s.detail.startsWith('SCAN') ? 'through' : 'by key'));
  }
  const steps = (await m.query(`EXPLAIN ${sql}`, params)) as { table: string; type: string }[];
  return steps
    .filter((s) => s.table === 'p')
    .map((s) => (['ALL', 'index'].includes(s.type) ? 'through' : 'by key'));
}
