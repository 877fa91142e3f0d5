import { actorByKeyOrName } from '../../src/services/actors';
import { createCore, type Core } from '../../src/services/core';
import { file } from '../../src/services/file';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { voidAbandoned } from '../../src/store/number-voids';
import {
  CaseCounterEntity,
  NumberBlockEntity,
  NumberVoidEntity,
  PetitionEntity,
} from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { TestClock } from '../support/clock';
import { eachDatabase, testIdentityKey, type TestDatabase } from '../support/databases';
import { deleteCase } from '../support/tampering';
import { patientOrg, World } from '../support/world';

const form = { categoryId: 'management.rules', content: '建议增加夜班休息室。', commitment: true };

/**
 * A second bot instance on the same database, with its own numbers and clock; on MariaDB with
 * its own connection pool too (embedded SQLite has one connection, so its store is shared).
 */
async function secondInstance(db: TestDatabase, world: World, clock: TestClock): Promise<Core> {
  const store =
    db.kind === 'mysql' ? new Store(await db.open(), db.url, null, testIdentityKey) : world.store;
  return createCore(store, patientOrg, clock);
}

async function fileAs(core: Core, times: number): Promise<number[]> {
  const hu = await actorByKeyOrName(core, 'hu.bin');
  const values: number[] = [];
  for (let i = 0; i < times; i++)
    values.push(Number((await file(core, hu, form)).number.slice(-6)));
  return values;
}

async function voids(world: World) {
  const rows = await world.store.manager.find(NumberVoidEntity, { order: { firstValue: 'ASC' } });
  return rows.map((v) => [v.firstValue, v.lastValue, v.reason]);
}

/** Verifies a while after the clock's time, as an operator's `npm run audit:verify` would. */
const verifyLater = (world: World) =>
  verifyAuditTrail(world.store.manager, null, new Date(world.clock.now().getTime() + 3_600_000));

function numbersTest(name: string, body: (world: World, db: TestDatabase) => Promise<void>) {
  eachDatabase('R2 R26 case numbers from blocks per instance', (db) => {
    test(name, async () => body(await World.open(db(), patientOrg), db()));
  });
}

numbersTest(
  'R2 a clean stop gives the numbers it never handed out back: the next instance goes on without a gap',
  async (world, db) => {
    expect(await fileAs(world.core, 3)).toEqual([1, 2, 3]);
    await world.core.numbers.release();
    const next = await secondInstance(db, world, world.clock);
    expect(await fileAs(next, 1)).toEqual([4]);
    expect(await voids(world)).toEqual([]);
    expect(await verifyLater(world)).toBeNull();
  },
);

numbersTest(
  'R2 R26 a killed instance’s unused numbers are voided by another once its lease ran out, and every number is accounted for',
  async (world, db) => {
    expect(await fileAs(world.core, 2)).toEqual([1, 2]);
    // The first instance dies here: it never stops cleanly and stops renewing its block.
    const soon = new TestClock('2026-11-02T02:01:00Z');
    const next = await secondInstance(db, world, soon);
    expect(await voidAbandoned(next.store, soon.now())).toBe(0);
    soon.set('2026-11-02T02:30:00Z');
    expect(await voidAbandoned(next.store, soon.now())).toBe(8);
    expect(await voids(world)).toEqual([[3, 10, 'unused']]);
    const [block] = await world.store.manager.find(NumberBlockEntity, { order: { id: 'ASC' } });
    expect(block.closedAt).not.toBeNull();
    expect(await fileAs(next, 1)).toEqual([11]);
    expect(await verifyLater(world)).toBeNull();
  },
);

numbersTest(
  'R24 R2 voiding a dead instance’s numbers never covers a case deleted before it died',
  async (world, db) => {
    expect(await fileAs(world.core, 3)).toEqual([1, 2, 3]);
    const [, deleted] = await world.store.manager.find(PetitionEntity, { order: { id: 'ASC' } });
    await deleteCase(world.store.manager, deleted.id);
    // Filed well before the instance died, so no filing of a lower number could still have been
    // running: only the numbers after the last one it filed are voided.
    world.clock.set('2026-11-02T02:20:00Z');
    expect(await fileAs(world.core, 1)).toEqual([4]);
    const later = new TestClock('2026-11-02T03:00:00Z');
    const next = await secondInstance(db, world, later);
    expect(await voidAbandoned(next.store, later.now())).toBe(6);
    expect(await voids(world)).toEqual([[5, 10, 'unused']]);
    expect(await verifyLater(world)).toEqual({
      number: deleted.number,
      seq: 0,
      problem: 'neither filed nor void',
    });
  },
);

numbersTest(
  'R2 a filing that does not complete records its number as void, and the next filing takes the next one',
  async (world) => {
    expect(await fileAs(world.core, 1)).toEqual([1]);
    await expect(world.file('hu.bin', { policyId: 9999 })).rejects.toMatchObject({
      key: 'refusal.unknown_policy',
    });
    expect(await fileAs(world.core, 1)).toEqual([3]);
    expect(await voids(world)).toEqual([[2, 2, 'not_filed']]);
    expect(await verifyLater(world)).toBeNull();
  },
);

numbersTest(
  'R2 R26 filings at once on two instances get distinct numbers, each instance from its own blocks, all accounted for',
  async (world, db) => {
    const other = await secondInstance(db, world, world.clock);
    const hu = await world.as('hu.bin');
    const huElsewhere = await actorByKeyOrName(other, 'hu.bin');
    const filings = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0 ? file(world.core, hu, form) : file(other, huElsewhere, form),
    );
    const numbers = (await Promise.all(filings)).map((p) => p.number);
    expect(new Set(numbers).size).toBe(120);
    const holders = await world.store.manager.find(NumberBlockEntity);
    expect(new Set(holders.map((b) => b.holder)).size).toBe(2);
    await world.core.numbers.release();
    await other.numbers.release();
    expect(await verifyLater(world)).toBeNull();
    // What both stopped with is given back or void: numbers stay dense.
    const [counter] = await world.store.manager.find(CaseCounterEntity);
    const filed = await world.store.manager.count(PetitionEntity);
    const voided = (await voids(world)).reduce((n, [a, b]) => n + Number(b) - Number(a) + 1, 0);
    expect(filed + voided).toBe(counter.lastValue);
    expect(voided).toBeLessThan(filed / 2);
  },
);

numbersTest(
  'R26 two instances taking numbers at the same pace do not use their blocks up, and reserve the next, at the same moments',
  async (world, db) => {
    const other = await secondInstance(db, world, world.clock);
    const counter = 'XF-2026';
    for (let i = 0; i < 1500; i++) {
      for (const numbers of [world.core.numbers, other.numbers]) {
        await numbers.settle(await numbers.take(counter), true);
      }
    }
    const blocks = await world.store.manager.find(NumberBlockEntity, { order: { id: 'ASC' } });
    const sizesOf = (holder: string) =>
      blocks.filter((b) => b.holder === holder).map((b) => b.lastValue - b.firstValue + 1);
    const mine = sizesOf(world.core.numbers.holder);
    expect(mine.length).toBeGreaterThan(5);
    expect(sizesOf(other.numbers.holder)).not.toEqual(mine);
  },
);
