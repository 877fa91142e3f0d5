import { accept } from '../../src/services/accept';
import { verifyAuditTrail } from '../../src/store/audit-trail';
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
