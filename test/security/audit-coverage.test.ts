import { caseDigest, hashOf } from '../../src/domain/audit-chain';
import { theBot } from '../../src/domain/people';
import { accept, decline } from '../../src/services/accept';
import { archive, destroy } from '../../src/services/archive';
import { createCore } from '../../src/services/core';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { file as fileWith } from '../../src/services/file';
import { rate, reply } from '../../src/services/reply';
import { describeBroken, verifyAuditTrail } from '../../src/store/audit-verifier';
import { caseRowsOf } from '../../src/store/case-rows';
import {
  CustodyEntity,
  DisclosureEntity,
  NumberVoidEntity,
  PetitionEntity,
  PetitionEventEntity,
  PetitionPartyEntity,
} from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { eachDatabase, testIdentityKey, type TestDatabase } from '../support/databases';
import { deleteCase } from '../support/tampering';
import { patientOrg, World, writtenReply } from '../support/world';

const key = 'a-seal-key-of-at-least-thirty-two-characters';

/** The bot with AUDIT_SEAL_KEY set, on a database of its own. */
async function sealedWorld(db: TestDatabase) {
  const world = await World.open(db, patientOrg);
  const core = createCore(
    new Store(world.store.dataSource, db.url, key, testIdentityKey),
    patientOrg,
    world.clock,
  );
  const m = world.store.manager;
  const file = async (content = '十月加班费未按规定发放。') =>
    fileWith(core, await world.as('hu.bin'), {
      categoryId: 'labour.salary',
      content,
      mode: 'confidential',
      commitment: true,
    });
  /** Verifies as `npm run audit:verify` does, a while after the last filing. */
  const verify = () =>
    verifyAuditTrail(m, key, new Date(world.clock.now().getTime() + 10 * 60_000));
  return { world, core, m, file, verify };
}

function coverageTest(
  name: string,
  body: (w: Awaited<ReturnType<typeof sealedWorld>>) => Promise<void>,
) {
  eachDatabase('R24 the audit covers the petition, not only its events', (db) => {
    test(name, async () => body(await sealedWorld(db())));
  });
}

coverageTest(
  'R24 a petition whose text is rewritten in the database is reported by its number',
  async ({ m, file, verify }) => {
    const { number } = await file();
    expect(await verify()).toBeNull();
    await m.query('UPDATE petitions SET content = ? WHERE number = ?', ['没有什么问题。', number]);
    const broken = await verify();
    expect(broken).toMatchObject({ number, problem: 'case edited' });
    expect(describeBroken(broken!)).toContain(number);
  },
);

coverageTest(
  'R24 R6 a confidential petition turned named, or a rating set, in the database is reported',
  async ({ world, core, m, file, verify }) => {
    const { number } = await file();
    await m.query("UPDATE petitions SET mode = 'named' WHERE number = ?", [number]);
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
    await m.query("UPDATE petitions SET mode = 'confidential' WHERE number = ?", [number]);
    expect(await verify()).toBeNull();

    await accept(core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(core, await world.as('zhao.min'), number, writtenReply('2026-11-02'));
    await rate(core, await world.as('hu.bin'), number, 'unsatisfied');
    expect(await verify()).toBeNull();
    await m.query("UPDATE petitions SET rating = 'satisfied' WHERE number = ?", [number]);
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
  },
);

coverageTest(
  'R24 R6 a petition re-pointed to another petitioner in the database is reported',
  async ({ world, m, file, verify }) => {
    const { number, id } = await file();
    await m.update(
      PetitionPartyEntity,
      { petitionId: id },
      { petitionerId: await world.idOf('zhao.min') },
    );
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
  },
);

coverageTest(
  'R24 R6 a case in custody whose relay id or keyed hash is swapped, or whose record is deleted, is reported',
  async ({ m, file, verify }) => {
    const { number, id } = await file();
    const kept = await m.findOneByOrFail(CustodyEntity, { petitionId: id });
    await m.update(CustodyEntity, { petitionId: id }, { petitionerHash: 'f'.repeat(64) });
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
    await m.update(CustodyEntity, { petitionId: id }, { petitionerHash: kept.petitionerHash });
    expect(await verify()).toBeNull();
    await m.update(CustodyEntity, { petitionId: id }, { petitionerRelay: 'r_someone_else' });
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
    await m.delete(CustodyEntity, { petitionId: id });
    expect(await verify()).toMatchObject({ number, problem: 'case edited' });
  },
);

coverageTest(
  'R24 rows rewritten with a digest and hashes to match break the seal',
  async ({ m, file, verify }) => {
    const { number, id } = await file();
    await m.query('UPDATE petitions SET content = ? WHERE id = ?', ['没有什么问题。', id]);
    // What someone with the database but not the key can do: recompute the digest, the newest
    // event's hash and the head.
    const petition = await m.findOneByOrFail(PetitionEntity, { id });
    const party = await m.findOneByOrFail(PetitionPartyEntity, { petitionId: id });
    const custody = await m.findOneBy(CustodyEntity, { petitionId: id });
    const co = (await m.query(
      'SELECT department_id FROM petition_co_departments WHERE petition_id = ?',
      [id],
    )) as { department_id: string }[];
    const digest = caseDigest(
      caseRowsOf(m, petition, party, {
        coDepartments: co.map((c) => c.department_id),
        custody,
        attachments: [],
      }),
    );
    const [newest] = await m.find(PetitionEventEntity, {
      where: { petitionId: id },
      order: { seq: 'DESC' },
      take: 1,
    });
    const hash = hashOf({ ...newest, caseDigest: digest });
    await m.update(PetitionEventEntity, { id: newest.id }, { caseDigest: digest, hash });
    await m.query('UPDATE petitions SET audit_head = ? WHERE id = ?', [hash, id]);
    expect(await verifyAuditTrail(m, null, new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(await verify()).toMatchObject({ number, problem: 'seal broken' });
  },
);

coverageTest(
  'R24 R2 a case deleted with all its rows is reported by its number',
  async ({ m, file, verify }) => {
    await file();
    const deleted = await file('车间通风设备损坏。');
    await file('食堂价格上涨。');
    await deleteCase(m, deleted.id);
    const broken = await verify();
    expect(broken).toEqual({ number: deleted.number, seq: 0, problem: 'neither filed nor void' });
    expect(describeBroken(broken!)).toBe(
      `audit trail broken at ${deleted.number}: neither filed nor void (the number was taken but is neither a petition nor recorded as void: the case was deleted)`,
    );
  },
);

coverageTest(
  'R24 R2 the newest case deleted is reported once its block of numbers is closed',
  async ({ core, m, file, verify }) => {
    await file();
    const newest = await file('车间通风设备损坏。');
    await deleteCase(m, newest.id);
    await core.numbers.release();
    expect(await verify()).toMatchObject({
      number: newest.number,
      problem: 'neither filed nor void',
    });
  },
);

coverageTest(
  'R24 R2 a deleted case dressed up as a void number is caught by the seal',
  async ({ m, file, verify }) => {
    await file();
    const deleted = await file('车间通风设备损坏。');
    await file('食堂价格上涨。');
    await deleteCase(m, deleted.id);
    const value = Number(deleted.number.slice(-6));
    await m.insert(NumberVoidEntity, {
      name: deleted.number.slice(0, -7),
      firstValue: value,
      lastValue: value,
      reason: 'not_filed',
      voidedAt: new Date(),
      seal: null,
    });
    expect(await verifyAuditTrail(m, null, new Date('2027-01-01T00:00:00Z'))).toBeNull();
    expect(await verify()).toMatchObject({ number: deleted.number, problem: 'void unsealed' });
  },
);

coverageTest(
  'R24 R23 a destroyed case keeps its tombstone: a rating changed on it afterwards is reported',
  async ({ world, core, m, file, verify }) => {
    const { number } = await file();
    await decline(core, await world.as('zhao.min'), number, 'litigation', '已起诉');
    world.clock.set('2030-01-01T02:00:00Z');
    await archive(core, theBot, number);
    world.clock.set('2037-01-01T02:00:00Z');
    await destroy(core, theBot, number);
    expect(await verify()).toBeNull();
    await m.query("UPDATE petitions SET rating = 'satisfied' WHERE number = ?", [number]);
    expect(await verify()).toMatchObject({ number, problem: 'tombstone edited' });
  },
);

coverageTest(
  'R24 R9 an open case whose deadline is moved in the database is reported: its projection is recomputed from its history',
  async ({ world, core, m, file }) => {
    const { number, id } = await file();
    await accept(core, await world.as('zhao.min'), number, '2026-11-10');
    const later = new Date(world.clock.now().getTime() + 10 * 60_000);
    const deadlines = { rules: core.rules, calendar: core.calendar };
    expect(await verifyAuditTrail(m, key, later, deadlines)).toBeNull();
    await m.query(
      "UPDATE deadline_projections SET handling_due = '2027-06-30' WHERE petition_id = ?",
      [id],
    );
    expect(await verifyAuditTrail(m, key, later, deadlines)).toMatchObject({
      number,
      problem: 'deadlines edited',
    });
  },
);

coverageTest(
  'R24 R6 a disclosure of a confidential petitioner granted by hand in the database is reported',
  async ({ world, core, m, file, verify }) => {
    const { number, id } = await file();
    const owner = await world.as('zhao.min');
    await accept(core, owner, number, '2026-11-10');
    await requestDisclosure(core, owner, number, '核实加班记录需要联系本人');
    await decideDisclosure(core, await world.as('chen.jing'), number, undefined, true, '确有必要');
    expect(await verify()).toBeNull();
    await m.insert(DisclosureEntity, {
      petitionId: id,
      requestedBy: await world.idOf('liu.yang'),
      reason: '想知道是谁',
      state: 'granted',
      requestedAt: world.clock.now(),
      decidedBy: await world.idOf('chen.jing'),
      decidedAt: world.clock.now(),
    });
    expect(await verify()).toMatchObject({ number, problem: 'disclosures edited' });
  },
);
