import { attachTargets } from '../../src/services/attachments';
import { actionCounts } from '../../src/services/desk-home';
import { countCases, findCases } from '../../src/services/find';
import { homeLists } from '../../src/services/read-models';
import { PetitionEntity } from '../../src/store/entities';
import { insertRows } from '../../src/store/raw-rows';
import { idsBound } from '../../src/services/id-lookups';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';

/** Petitions of nobody in particular, led by another department: a working year's register. */
const register = 3000;

eachDatabase('lists and counts of someone with a few cases', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
    const [first] = await Promise.all([
      world.file('hu.bin'),
      world.file('hu.bin', { mode: 'confidential' }),
    ]);
    const { id: _id, ...row } = first;
    const others = Array.from({ length: register }, (_, i) => ({
      ...row,
      number: `OTHER-${i}`,
      leadDepartmentId: 'production',
      ownerId: null,
    }));
    for (let at = 0; at < others.length; at += 500) {
      await insertRows(world.store.manager, PetitionEntity, others.slice(at, at + 500));
    }
  });

  /**
   * The steps of the plans of every statement on petitions `p` that the work sends, each marked
   * whether it reads the table through (SQLite's SCAN, MariaDB's ALL or index) or looks up keys.
   */
  async function petitionReads(work: () => Promise<unknown>): Promise<string[]> {
    const { logger } = world.store.dataSource;
    const log = logger.logQuery.bind(logger);
    const sent: [string, unknown[]][] = [];
    logger.logQuery = (query, parameters, runner) => {
      if (/FROM [`"]petitions[`"] [`"]p[`"]/.test(query))
        sent.push([query, Array.isArray(parameters) ? parameters : []]);
      log(query, parameters, runner);
    };
    try {
      await work();
    } finally {
      logger.logQuery = log;
    }
    expect(sent.length).toBeGreaterThan(0);
    const reads: string[] = [];
    for (const [sql, params] of sent) {
      if (db().kind === 'sqlite') {
        const steps = (await world.store.manager.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as {
          detail: string;
        }[];
        reads.push(
          ...steps
            .filter((s) => /^(SCAN|SEARCH) p\b/.test(s.detail))
            .map((s) => (s.detail.startsWith('SCAN') ? 'through' : 'by key')),
        );
      } else {
        const steps = (await world.store.manager.query(`EXPLAIN ${sql}`, params)) as {
          table: string;
          type: string;
        }[];
        reads.push(
          ...steps
            .filter((s) => s.table === 'p')
            .map((s) => (['ALL', 'index'].includes(s.type) ? 'through' : 'by key')),
        );
      }
    }
    return reads;
  }

  const byKeyOnly = (reads: string[]) => {
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r === 'through')).toEqual([]);
  };

  test('R29 R15 an employee’s search and count read their own cases by key, never the whole register', async () => {
    const hu = await world.as('hu.bin');
    byKeyOnly(await petitionReads(() => findCases(world.core, hu, {})));
    byKeyOnly(await petitionReads(() => countCases(world.core, hu, {})));
  });

  test('R15 R29 a handler’s queue, search and home counts read their department’s few cases by key', async () => {
    const zhao = await world.as('zhao.min');
    byKeyOnly(await petitionReads(() => homeLists(world.core, zhao)));
    byKeyOnly(await petitionReads(() => findCases(world.core, zhao, {})));
    byKeyOnly(await petitionReads(() => actionCounts(world.core, zhao)));
  });

  test('R6 R15 the custodian’s search and count read the confidential cases by key, never the whole register', async () => {
    const custodian = await world.as('chen.jing');
    byKeyOnly(await petitionReads(() => findCases(world.core, custodian, {})));
    byKeyOnly(await petitionReads(() => countCases(world.core, custodian, {})));
  });

  test('R30 the cases offered to attach a file to are read by key, never the whole register', async () => {
    byKeyOnly(await petitionReads(async () => attachTargets(world.core, await world.as('hu.bin'))));
  });

  test('R15 R6 the search finds the employee’s own two cases and the handler the department’s', async () => {
    const hu = await world.as('hu.bin');
    const zhao = await world.as('zhao.min');
    expect((await findCases(world.core, hu, {})).total).toBe(2);
    expect(await countCases(world.core, zhao, {})).toBe(2);
    expect((await attachTargets(world.core, hu)).length).toBe(2);
  });

  test('R15 someone on more cases than a statement binds by id still finds every one of them', async () => {
    const guo = await world.as('guo.hong');
    expect(await countCases(world.core, guo, {})).toBe(0);
    const owned = idsBound + 5;
    await world.store.manager.query(
      `UPDATE petitions SET owner_id = ? WHERE id IN (SELECT id FROM (SELECT id FROM petitions WHERE number LIKE 'OTHER-%' ORDER BY id LIMIT ${owned}) o)`,
      [guo.person.id],
    );
    expect(await countCases(world.core, guo, {})).toBe(owned);
  });
});
