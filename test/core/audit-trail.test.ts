import { currentChainVersion, hashOf } from '../../src/domain/audit-chain';
import { accept } from '../../src/services/accept';
import { PetitionEntity, PetitionEventEntity } from '../../src/store/entities';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase('R24 the audit trail', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 an untouched trail verifies', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-05');
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });

  test('R24 an edited audit row is detected with its case and event', async () => {
    const { number, id } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-05');
    await world.store.manager.query(
      "UPDATE petition_events SET reason = 'nothing happened' WHERE petition_id = ? AND seq = 2",
      [id],
    );
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number,
      seq: 2,
      problem: 'edited',
    });
  });
});

eachDatabase('R24 the audit trail with a row taken out', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 events taken off the end of a trail are detected', async () => {
    const { number, id } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-05');
    const [{ last }] = (await world.store.manager.query(
      'SELECT MAX(seq) AS last FROM petition_events WHERE petition_id = ?',
      [id],
    )) as { last: number }[];
    await world.store.manager.query(
      'DELETE FROM petition_events WHERE petition_id = ? AND seq = ?',
      [id, last],
    );
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number,
      seq: Number(last),
      problem: 'events missing at the end',
    });
  });
});

eachDatabase('R24 the audit trail with a row taken out of the middle', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 a deleted audit row is detected', async () => {
    const { number, id } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-05');
    await world.store.manager.query(
      'DELETE FROM petition_events WHERE petition_id = ? AND seq = 1',
      [id],
    );
    const broken = await verifyAuditTrail(world.store.manager);
    expect(broken).toMatchObject({ number, problem: 'missing event' });
  });
});

eachDatabase('R24 the chain format each event records', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  async function acceptedCase() {
    const { number, id } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-05');
    return { number, id };
  }

  async function withVersion(id: number, seq: number, version: number) {
    await world.store.manager.update(
      PetitionEventEntity,
      { petitionId: id, seq },
      { chainVersion: version },
    );
  }

  test('R24 new events are written in the current format, which hashes its own version', async () => {
    const { id } = await acceptedCase();
    const events = await world.store.manager.findBy(PetitionEventEntity, { petitionId: id });
    // filed, the two co-departments the rules add, accepted
    expect(events.map((e) => e.chainVersion)).toEqual(Array(4).fill(currentChainVersion));
    expect(hashOf({ ...events[0], chainVersion: 1 })).not.toBe(events[0].hash);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });

  test('R24 an event passed off as the earlier format is caught as edited', async () => {
    const { number, id } = await acceptedCase();
    await withVersion(id, 1, 1);
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number,
      seq: 1,
      problem: 'edited',
    });
    await withVersion(id, 1, currentChainVersion);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });

  test('R24 a format older than the event before it, or one that does not exist, is caught', async () => {
    const { number, id } = await acceptedCase();
    await withVersion(id, 2, 1);
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number,
      seq: 2,
      problem: 'chain version',
    });
    await withVersion(id, 2, 9);
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number,
      seq: 2,
      problem: 'chain version',
    });
    await withVersion(id, 2, currentChainVersion);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });
});

eachDatabase('R24 the verification walks many petitions a batch at a time', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 an edit in a case beyond the first batch is found, with its case', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 205; i++) numbers.push((await world.file('hu.bin')).number);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    const last = await world.store.manager.findOneByOrFail(PetitionEntity, {
      number: numbers[204],
    });
    await world.store.manager.update(
      PetitionEventEntity,
      { petitionId: last.id, seq: 1 },
      { reason: '改过' },
    );
    expect(await verifyAuditTrail(world.store.manager)).toEqual({
      number: numbers[204],
      seq: 1,
      problem: 'edited',
    });
  });
});
