import { jobNamed } from '../../src/jobs/catalogue';
import { keepArchive } from '../../src/jobs/retention';
import { accept, decline } from '../../src/services/accept';
import { theBot } from '../../src/domain/people';
import {
  destroy,
  placeLegalHold,
  recordPaperCopy,
  releaseLegalHold,
} from '../../src/services/archive';
import { checkStep } from '../../src/services/case-step';
import { caseFile } from '../../src/services/read-models';
import { requestDisclosure } from '../../src/services/disclosure';
import { withdraw } from '../../src/services/closure';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import {
  DestructionEntity,
  DisclosureEntity,
  NoticeEntity,
  PetitionEntity,
  PetitionEventEntity,
  PetitionPartyEntity,
} from '../../src/store/entities';
import { eachDatabase, type TestDatabase } from '../support/databases';
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
  const declinedCase = () => declined(world);

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

  test('R14 R13 after an unsatisfied rating and a first review, the bot waits for the window of the review decision', async () => {
    const number = await repliedCase();
    await rate(world.core, await world.as('hu.bin'), number, 'unsatisfied');
    world.clock.set('2026-11-10T02:00:00Z');
    await appeal(world.core, await world.as('hu.bin'), number, '九月也少发');
    world.clock.set('2026-11-20T02:00:00Z');
    await recordReview(world.core, await world.as('chen.jing'), number, {
      reviewers: ['职工代表 钱师傅'],
      outcome: 'upheld',
      opinion: '维持。',
    });
    world.clock.set('2026-12-10T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).closed).not.toContain(number);
    expect(await stateOf(number)).toBe('reviewed');
    world.clock.set('2026-12-21T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).closed).toContain(number);
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
    await expect(destroy(world.core, await world.as('wang.fang'), kept)).rejects.toMatchObject({
      key: 'refusal.role',
    });
    const tenYears = await keepArchive(world.core, world.clock.now());
    expect(tenYears.destroyed).toContain(kept);
    expect(tenYears.destroyed).not.toContain(held);
    expect(await stateOf(held)).toBe('archived');
    await expect(destroy(world.core, theBot, held)).rejects.toMatchObject({
      key: 'refusal.legal_hold',
    });
    await releaseLegalHold(world.core, await world.as('wang.fang'), held, '仲裁结案');
    expect((await keepArchive(world.core, world.clock.now())).destroyed).toContain(held);
  });

  test("R15 the bot holds no role: the office's own steps on an archived case stay refused to it", async () => {
    const number = await declinedCase();
    world.clock.set('2029-11-04T02:00:00Z');
    await keepArchive(world.core, world.clock.now());
    expect(await stateOf(number)).toBe('archived');
    for (const step of ['placeLegalHold', 'recordPaperCopy'] as const) {
      await expect(checkStep(world.core, theBot, number, step)).rejects.toMatchObject({
        key: 'refusal.role',
      });
    }
    await expect(
      checkStep(world.core, await world.as('wang.fang'), number, 'placeLegalHold'),
    ).resolves.toBeUndefined();
  });

  test('R23 destruction leaves a statistical tombstone and a record, and the audit trail still verifies', async () => {
    const { number } = await world.file('hu.bin', { mode: 'confidential' });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await requestDisclosure(world.core, await world.as('zhao.min'), number, '需要核实工时');
    await withdraw(world.core, await world.as('hu.bin'), number, '已私下解决');
    world.clock.set('2029-11-04T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).archived).toContain(number);
    world.clock.set('2036-11-05T02:00:00Z');
    expect((await keepArchive(world.core, world.clock.now())).destroyed).toContain(number);

    const m = world.store.manager;
    const tombstone = await m.findOneByOrFail(PetitionEntity, { number });
    expect(tombstone).toMatchObject({
      state: 'destroyed',
      content: '',
      ownerId: null,
      leaderId: null,
      paperCopy: null,
      categoryId: 'labour.salary',
      leadDepartmentId: 'hr',
      mode: 'confidential',
    });
    expect(tombstone.filedAt).toBeInstanceOf(Date);
    expect(await m.findOneByOrFail(PetitionPartyEntity, { petitionId: tombstone.id })).toEqual({
      petitionId: tombstone.id,
      petitionerId: null,
      petitionerName: null,
      filedById: null,
      contact: null,
    });
    for (const entity of [PetitionEventEntity, NoticeEntity, DisclosureEntity]) {
      expect(await m.countBy(entity, { petitionId: tombstone.id })).toBe(0);
    }
    // The text's terms (R19) go with the text.
    expect(
      await m.query('SELECT term FROM petition_terms WHERE petition_id = ?', [tombstone.id]),
    ).toEqual([]);
    const [head] = (await m.query('SELECT audit_seq, audit_head FROM petitions WHERE id = ?', [
      tombstone.id,
    ])) as { audit_seq: number; audit_head: string }[];
    // filed, its two co-departments added, accepted, disclosure requested, withdrawn, archived
    expect(await m.findOneByOrFail(DestructionEntity, { petitionId: tombstone.id })).toMatchObject({
      number,
      events: 7,
      auditHead: head.audit_head,
    });
    expect(Number(head.audit_seq)).toBe(7);
    expect(await verifyAuditTrail(m)).toBeNull();
  });
});

/**
 * A world on a database of its own, for a test that counts or breaks trails: the archive job and
 * the verification read every case there is.
 */
async function worldOfItsOwn(db: TestDatabase): Promise<World> {
  const world = await World.open(db, patientOrg);
  world.clock.set('2026-11-03T02:00:00Z');
  return world;
}

/** A petition from hu.bin declined at once: finished, so it may be archived and destroyed. */
async function declined(world: World): Promise<string> {
  const { number } = await world.file('hu.bin');
  await decline(world.core, await world.as('zhao.min'), number, 'litigation', '已起诉');
  return number;
}

eachDatabase('R23 the electronic archive', (db) => {
  test('R23 the office is told what the archive job did, once a day; nothing is archived and destroyed the same night', async () => {
    const world = await worldOfItsOwn(db());
    const number = await declined(world);
    const stateOf = async () =>
      (await world.store.manager.findOneByOrFail(PetitionEntity, { number })).state;
    world.clock.set('2040-01-02T02:00:00Z');
    const job = jobNamed('archive');
    await job.run(world.core, world.clock.now());
    await job.run(world.core, world.clock.now());
    expect(await stateOf()).toBe('archived');
    const reports = await world.store.manager.findBy(NoticeEntity, { kind: 'archive_report' });
    expect(reports.map((r) => r.recipient)).toEqual([String(await world.idOf('wang.fang'))]);
    const told = JSON.parse(reports[0].params) as Record<string, unknown>;
    expect(told).toMatchObject({ day: '2040-01-02', archived: 1 });
    world.clock.set('2040-02-02T02:00:00Z');
    await job.run(world.core, world.clock.now());
    expect(await stateOf()).toBe('destroyed');
  });
});

eachDatabase('R23 the electronic archive', (db) => {
  test('R24 a destruction record does not excuse the missing trail of a case that was not destroyed', async () => {
    const world = await worldOfItsOwn(db());
    const number = await declined(world);
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    const [head] = (await m.query('SELECT audit_seq, audit_head FROM petitions WHERE id = ?', [
      id,
    ])) as { audit_seq: number; audit_head: string }[];
    await m.delete(PetitionEventEntity, { petitionId: id });
    await m.insert(DestructionEntity, {
      petitionId: id,
      number,
      destroyedAt: world.clock.now(),
      events: Number(head.audit_seq),
      auditHead: head.audit_head,
    });
    expect(await verifyAuditTrail(m)).toMatchObject({
      number,
      problem: 'destroyed without a record',
    });
  });
});

eachDatabase('R23 the electronic archive', (db) => {
  test('R24 a trail removed without a destruction record is still caught', async () => {
    const world = await worldOfItsOwn(db());
    const number = await declined(world);
    const { id } = await world.store.manager.findOneByOrFail(PetitionEntity, { number });
    await world.store.manager.delete(PetitionEventEntity, { petitionId: id });
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({
      number,
      problem: 'no trail',
    });
  });
});
