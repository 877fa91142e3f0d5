import { modes, type Mode } from '../../src/domain/petition';
import { ownCases } from '../../src/services/own-cases';
import { PetitionEntity } from '../../src/store/entities';
import { insertRows } from '../../src/store/raw-rows';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';

/** Petitions of nobody in particular: a register the size of a working year's. */
const register = 3000;

eachDatabase("a person's own cases", (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
    const [first] = await Promise.all([
      world.file('hu.bin'),
      world.file('hu.bin', { mode: 'confidential' }),
      world.file('hu.bin', { mode: 'anonymous', content: '班组长私扣夜班补贴，不敢具名。' }),
    ]);
    const { id: _id, ...row } = first;
    const others = Array.from({ length: register }, (_, i) => ({
      ...row,
      number: `OTHER-${i}`,
    }));
    for (let at = 0; at < others.length; at += 500) {
      await insertRows(world.store.manager, PetitionEntity, others.slice(at, at + 500));
    }
  });

  /**
   * The steps of the database's plan that read `petitions` for the person's cases, each marked
   * whether it reads the table through (SQLite's SCAN, MariaDB's ALL or index) or looks up keys.
   */
  async function petitionReads(personId: number): Promise<string[]> {
    const [sql, params] = world.store.manager
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .select('p.id')
      .where(ownCases(world.core, personId, modes, ['petitioner', 'filer']))
      .getQueryAndParameters();
    if (db().kind === 'sqlite') {
      const steps = (await world.store.manager.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as {
        detail: string;
      }[];
      return steps
        .filter((s) => /^(SCAN|SEARCH) p\b/.test(s.detail))
        .map((s) => (s.detail.startsWith('SCAN') ? 'through' : 'by key'));
    }
    const steps = (await world.store.manager.query(`EXPLAIN ${sql}`, params)) as {
      table: string;
      type: string;
    }[];
    return steps
      .filter((s) => s.table === 'p')
      .map((s) => (['ALL', 'index'].includes(s.type) ? 'through' : 'by key'));
  }

  test('R13 R16 a filing reads the petitioner’s own cases by key, never the whole register', async () => {
    const reads = await petitionReads(await world.idOf('hu.bin'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r === 'through')).toEqual([]);
  });

  /** The modes of the person's own cases among those of the modes asked for. */
  async function ownModes(asked: readonly Mode[]): Promise<string[]> {
    const [sql, params] = world.store.manager
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .select('p.mode', 'mode')
      .where(ownCases(world.core, await world.idOf('hu.bin'), asked))
      .getQueryAndParameters();
    const rows = (await world.store.manager.query(sql, params)) as { mode: string }[];
    return rows.map((r) => r.mode).sort();
  }

  test('R6 R16 the own cases are those in the open by party row and those in custody by hash', async () => {
    expect(await ownModes(modes)).toEqual(['anonymous', 'confidential', 'named']);
  });

  test('R6 a person’s anonymous filing turns up only where anonymous ones are asked for', async () => {
    expect(await ownModes(['named', 'confidential'])).toEqual(['confidential', 'named']);
    expect(await ownModes(['anonymous'])).toEqual(['anonymous']);
  });
});
