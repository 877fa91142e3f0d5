import { jobNamed } from '../../src/jobs/catalogue';
import { keepArchive } from '../../src/jobs/retention';
import { accept, decline } from '../../src/services/accept';
import { systemActor } from '../../src/services/actors';
import {
  destroy,
  placeLegalHold,
  recordPaperCopy,
  releaseLegalHold,
} from '../../src/services/archive';
import { caseFile } from '../../src/services/read-models';
import { reply } from '../../src/services/reply';
import { verifyAuditTrail } from '../../src/store/audit-trail';
import {
  DestructionEntity,
  NoticeEntity,
  PetitionEntity,
  PetitionEventEntity,
  PetitionPartyEntity,
} from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

const written = writtenReply('2026-11-03');

eachDatabase('R23 the electronic archive', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(() => world.clock.set('2026-11-03T02:00:00Z'));

  const stateOf = async (number: string) =>
    (await world.store.manager.findOneByOrFail(PetitionEntity, { number })).state;
  const repliedCase = async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(world.core, await world.as('zhao.min'), number, written);
    return number;
  };
  const declinedCase = async () => {
    const { number } = await world.file('hu.bin');
    await decline(world.core, await world.as('zhao.min'), number, 'litigation', '已起诉');
    return number;
  };

  test('R14 an answered case is closed by the bot once the 30 days to ask for review have run out, not before', async () => {
    const number = await repliedCase();
    world.clock.set('2026-12-03T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).closed).not.toContain(number);
    expect(await stateOf(number)).toBe('replied');
    world.clock.set('2026-12-04T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).closed).toContain(number);
    expect(await stateOf(number)).toBe('closed');
    const history = (await caseFile(world.core, await world.as('zhao.min'), number)).history;
    expect(history.at(-1)).toMatchObject({ type: 'closed', actor: null });
  });

  test('R23 only the office records where the paper file is kept, on a finished case', async () => {
    const number = await declinedCase();
    await expect(
      recordPaperCopy(world.core, await world.as('zhao.min'), number, '档案室 A-3'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await expect(
      recordPaperCopy(world.core, await world.as('wang.fang'), number, '  '),
    ).rejects.toMatchObject({ key: 'refusal.required' });
    const { petition } = await recordPaperCopy(
      world.core,
      await world.as('wang.fang'),
      number,
      '档案室 A-3',
    );
    expect(petition.paperCopy).toBe('档案室 A-3');
    const open = (await world.file('hu.bin')).number;
    await expect(
      recordPaperCopy(world.core, await world.as('wang.fang'), open, '档案室 A-4'),
    ).rejects.toMatchObject({ key: 'refusal.state' });
  });

  test('R23 finished cases are archived three years after they finished, and destroyed after ten unless held', async () => {
    const kept = await declinedCase();
    const held = await declinedCase();
    const young = (await world.file('hu.bin')).number;
    await placeLegalHold(world.core, await world.as('wang.fang'), held, '劳动仲裁进行中');
    await expect(
      placeLegalHold(world.core, await world.as('wang.fang'), held, '再次'),
    ).rejects.toMatchObject({ key: 'refusal.legal_hold_already' });

    world.clock.set('2029-11-02T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).archived).not.toContain(kept);
    world.clock.set('2029-11-04T02:00:00Z');
    const archived = await keepArchive(world.core, world.clock.now());
    expect(archived.archived).toEqual(expect.arrayContaining([kept, held]));
    expect(archived.archived).not.toContain(young);
    expect(await stateOf(kept)).toBe('archived');

    world.clock.set('2036-11-04T02:00:00Z');
    const tenYears = await keepArchive(world.core, world.clock.now());
    expect(tenYears.destroyed).toContain(kept);
    expect(tenYears.destroyed).not.toContain(held);
    expect(await stateOf(held)).toBe('archived');
    await expect(destroy(world.core, systemActor, held)).rejects.toMatchObject({
      key: 'refusal.legal_hold',
    });
    await releaseLegalHold(world.core, await world.as('wang.fang'), held, '仲裁结案');
    expect((await keepArchive(world.core, world.clock.now())).destroyed).toContain(held);
  });

  test('R23 destruction leaves a statistical tombstone and a record, and the audit trail still verifies', async () => {
    const tombstone = await world.store.manager.findOneByOrFail(PetitionEntity, {
      state: 'destroyed',
    });
    expect(tombstone).toMatchObject({
      content: '',
      categoryId: 'labour.salary',
      leadDepartmentId: 'hr',
      ownerId: null,
    });
    expect(tombstone.filedAt).toBeInstanceOf(Date);
    const party = await world.store.manager.findOneByOrFail(PetitionPartyEntity, {
      petitionId: tombstone.id,
    });
    expect(party).toMatchObject({ petitionerId: null, petitionerName: null, contact: null });
    expect(
      await world.store.manager.countBy(PetitionEventEntity, { petitionId: tombstone.id }),
    ).toBe(0);
    expect(await world.store.manager.countBy(NoticeEntity, { petitionId: tombstone.id })).toBe(0);
    const record = await world.store.manager.findOneByOrFail(DestructionEntity, {
      petitionId: tombstone.id,
    });
    const [head] = (await world.store.manager.query(
      'SELECT audit_seq, audit_head FROM petitions WHERE id = ?',
      [tombstone.id],
    )) as { audit_seq: number; audit_head: string }[];
    // At least filed, declined and archived were on the trail; its fingerprint is kept.
    expect(record.events).toBeGreaterThanOrEqual(3);
    expect(record).toMatchObject({
      number: tombstone.number,
      events: Number(head.audit_seq),
      auditHead: head.audit_head,
    });
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });

  test('R24 a trail removed without a destruction record is still caught', async () => {
    const number = await declinedCase();
    const { id } = await world.store.manager.findOneByOrFail(PetitionEntity, { number });
    await world.store.manager.delete(PetitionEventEntity, { petitionId: id });
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({
      number,
      problem: 'events missing at the end',
    });
    await world.store.manager.delete(PetitionEntity, { id });
  });

  test('R23 the office is told what the archive job did, once a day', async () => {
    await declinedCase();
    world.clock.set('2040-01-02T02:00:00Z');
    const job = jobNamed('archive');
    await job.run(world.core, world.clock.now());
    await job.run(world.core, world.clock.now());
    const reports = await world.store.manager.findBy(NoticeEntity, { kind: 'archive_report' });
    expect(reports.map((r) => r.recipient)).toEqual([String(await world.idOf('wang.fang'))]);
    expect(JSON.parse(reports[0].params)).toMatchObject({ day: '2040-01-02' });
  });
});
