import { attachTargets } from '../../src/services/attachments';
import { actionCounts } from '../../src/services/desk-home';
import { countCases, findCases } from '../../src/services/find';
import { homeLists } from '../../src/services/read-models';
import { idsBound } from '../../src/services/id-lookups';
import { eachDatabase } from '../support/databases';
import { petitionReads, seedRegister } from '../support/register-plans';
import { World } from '../support/world';

eachDatabase('lists and counts of someone with a few cases', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
    const [first] = await Promise.all([
      world.file('hu.bin'),
      world.file('hu.bin', { mode: 'confidential' }),
    ]);
    // Led by another department, owned by no one.
    await seedRegister(world, first, { leadDepartmentId: 'production', ownerId: null });
  });

  /** The plans' steps on petitions `p` of every statement on them that the work sends. */
  async function readsOf(work: () => Promise<unknown>): Promise<string[]> {
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
    for (const [sql, params] of sent)
      reads.push(...(await petitionReads(world, db().kind, sql, params)));
    return reads;
  }

  const byKeyOnly = (reads: string[]) => {
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r === 'through')).toEqual([]);
  };

  test('R29 R15 an employee’s search and count read their own cases by key, never the whole register', async () => {
    const hu = await world.as('hu.bin');
    byKeyOnly(await readsOf(() => findCases(world.core, hu, {})));
    byKeyOnly(await readsOf(() => countCases(world.core, hu, {})));
  });

  test('R15 R29 a handler’s queue, search and home counts read their department’s few cases by key', async () => {
    const zhao = await world.as('zhao.min');
    byKeyOnly(await readsOf(() => homeLists(world.core, zhao)));
    byKeyOnly(await readsOf(() => findCases(world.core, zhao, {})));
    byKeyOnly(await readsOf(() => actionCounts(world.core, zhao)));
  });

  test('R6 R15 the custodian’s search and count read the confidential cases by key, never the whole register', async () => {
    const custodian = await world.as('chen.jing');
    byKeyOnly(await readsOf(() => findCases(world.core, custodian, {})));
    byKeyOnly(await readsOf(() => countCases(world.core, custodian, {})));
  });

  test('R30 the cases offered to attach a file to are read by key, never the whole register', async () => {
    byKeyOnly(await readsOf(async () => attachTargets(world.core, await world.as('hu.bin'))));
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
