import { accept, decline } from '../../src/services/accept';
import { archive, destroy } from '../../src/services/archive';
import { theBot } from '../../src/domain/people';
import { createCore } from '../../src/services/core';
import { hashOf } from '../../src/domain/audit-chain';
import { sealTrails } from '../../src/store/audit-sealing';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { DestructionEntity, PetitionEntity, PetitionEventEntity } from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const key = 'a-seal-key-of-at-least-thirty-two-characters';

eachDatabase('R24 sealed audit heads', (db) => {
  let world: World;
  let sealed: Store;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    sealed = new Store(world.store.dataSource, db().url, key);
  });
  const core = () => createCore(sealed, patientOrg, world.clock);

  test('trails written before a key existed are sealed once, as they are, and then verify with the key', async () => {
    await world.file('hu.bin');
    expect(await verifyAuditTrail(world.store.manager, key)).toMatchObject({ problem: 'unsealed' });
    const first = await sealTrails(sealed, key);
    expect(first.broken).toBeNull();
    expect(first.sealed).toBeGreaterThan(0);
    expect(await verifyAuditTrail(world.store.manager, key)).toBeNull();
  });

  test('sealing refuses when a chain is already broken', async () => {
    const { number } = await world.file('hu.bin');
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    await m.update(PetitionEventEntity, { petitionId: id }, { reason: '改过' });
    expect(await sealTrails(sealed, key)).toMatchObject({
      broken: { number, problem: 'edited' },
      sealed: 0,
    });
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.delete(PetitionEntity, { id });
  });

  test('a seal removed from a rewritten trail stays missing: the trail is reported unsealed', async () => {
    const { number } = await world.file('hu.bin');
    await sealTrails(sealed, key);
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    const [filed] = await m.findBy(PetitionEventEntity, { petitionId: id });
    const hash = hashOf({ ...filed, reason: '改写的记录' });
    await m.update(PetitionEventEntity, { id: filed.id }, { reason: '改写的记录', hash });
    await m.query('UPDATE petitions SET audit_head = ?, audit_seal = NULL WHERE id = ?', [
      hash,
      id,
    ]);
    expect(await verifyAuditTrail(m, key)).toMatchObject({ number, problem: 'unsealed' });
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.delete(PetitionEntity, { id });
  });

  test('a case whose whole trail was taken away is caught, with or without the key', async () => {
    const { number } = await world.file('hu.bin');
    await sealTrails(sealed, key);
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.query(
      "UPDATE petitions SET audit_seq = 0, audit_head = '', audit_seal = NULL WHERE id = ?",
      [id],
    );
    expect(await verifyAuditTrail(m)).toMatchObject({ number, problem: 'no trail' });
    expect(await verifyAuditTrail(m, key)).toMatchObject({ number });
    await m.delete(PetitionEntity, { id });
  });

  test('steps taken with the key keep the seal valid', async () => {
    const { number } = await world.file('hu.bin');
    await sealTrails(sealed, key);
    await accept(core(), await world.as('zhao.min'), number, '2026-11-10');
    expect(await verifyAuditTrail(world.store.manager, key)).toBeNull();
  });

  test('a trail rewritten and rehashed without the key is caught by the seal, though its chain holds', async () => {
    const { number } = await world.file('hu.bin', { content: '原始诉求。' });
    await sealTrails(sealed, key);
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    const [newest] = await m.find(PetitionEventEntity, {
      where: { petitionId: id },
      order: { seq: 'DESC' },
      take: 1,
    });
    // What someone with database access can do: edit the event and recompute hash and head.
    const forged = { ...newest, reason: '改写的记录' };
    const hash = hashOf(forged);
    await m.update(PetitionEventEntity, { id: newest.id }, { reason: forged.reason, hash });
    await m.query('UPDATE petitions SET audit_head = ? WHERE id = ?', [hash, id]);
    expect(await verifyAuditTrail(m)).toBeNull();
    expect(await verifyAuditTrail(m, key)).toMatchObject({ number, problem: 'seal broken' });
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.delete(PetitionEntity, { id });
  });

  test('R23 a destroyed case verifies with the key; a trail deleted by hand and dressed as a destruction does not', async () => {
    const m = world.store.manager;
    const { number } = await world.file('hu.bin');
    const dressed = (await world.file('hu.bin')).number;
    await sealTrails(sealed, key);
    await decline(core(), await world.as('zhao.min'), number, 'litigation', '已起诉');
    world.clock.set('2030-01-01T02:00:00Z');
    await archive(core(), theBot, number);
    world.clock.set('2037-01-01T02:00:00Z');
    await destroy(core(), theBot, number);
    expect(await verifyAuditTrail(m, key)).toBeNull();

    const { id } = await m.findOneByOrFail(PetitionEntity, { number: dressed });
    const [head] = (await m.query('SELECT audit_seq, audit_head FROM petitions WHERE id = ?', [
      id,
    ])) as { audit_seq: number; audit_head: string }[];
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.update(PetitionEntity, { id }, { state: 'destroyed', content: '' });
    await m.insert(DestructionEntity, {
      petitionId: id,
      number: dressed,
      destroyedAt: world.clock.now(),
      events: Number(head.audit_seq),
      auditHead: head.audit_head,
    });
    expect(await verifyAuditTrail(m)).toBeNull();
    expect(await verifyAuditTrail(m, key)).toMatchObject({
      number: dressed,
      problem: 'seal broken',
    });
  });
});
