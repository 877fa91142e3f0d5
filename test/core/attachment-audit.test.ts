import type { EntityManager } from 'typeorm';
import { caseDigest } from '../../src/domain/audit-chain';
import type { AttachmentLine } from '../../src/domain/attachment';
import { attach, attachmentsOf, openAttachment } from '../../src/services/attachments';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { AttachmentChunkEntity, AttachmentEntity } from '../../src/store/entities';
import { destroyedLongAgo, noisyPng, pdf } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/** A case of hu.bin's with a picture of three parts and a PDF, and the picture's row. */
async function caseWithFiles(world: World) {
  const { number, id } = await world.file('hu.bin');
  const hu = await world.as('hu.bin');
  await attach(world.core, hu, number, { name: '现场.png', bytes: await noisyPng(450, 450) });
  await attach(world.core, hu, number, { name: '记录.pdf', bytes: pdf });
  const [picture] = await attachmentsOf(world.core, hu, number);
  return { number, id, picture };
}

eachDatabase('R24 R30 the audit trail of a case with files', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R23 R30 parts of a file kept without the file, so without a case, are reported', async () => {
    const m = world.store.manager;
    await m.insert(AttachmentChunkEntity, {
      attachmentId: 999_999,
      part: 0,
      data: Buffer.from('x'),
    });
    try {
      expect(await verifyAuditTrail(m)).toMatchObject({
        number: 'file 999999',
        problem: 'stray file parts',
      });
    } finally {
      await m.delete(AttachmentChunkEntity, { attachmentId: 999_999 });
    }
    expect(await verifyAuditTrail(m)).toBeNull();
  });

  test('R24 R30 a case with files verifies, and a case without keeps the digest it had before files existed', async () => {
    await caseWithFiles(world);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    const rows = { petition: { content: '加班' }, party: null, coDepartments: [] };
    expect(caseDigest({ ...rows, attachments: [] })).toBe(caseDigest(rows));
  });
});

/** One byte of a picture's second part flipped, as someone with the database could. */
async function flipByte(m: EntityManager, picture: AttachmentLine) {
  const where = { attachmentId: picture.id, part: 1 };
  const changed = Buffer.from((await m.findOneByOrFail(AttachmentChunkEntity, where)).data);
  changed[100] ^= 0xff;
  await m.update(AttachmentChunkEntity, where, { data: changed });
}

/** What someone with the database but not the bot could do to a kept file, and what is reported. */
const tamperings: {
  rule: string;
  tamper: (m: EntityManager, picture: AttachmentLine) => Promise<unknown>;
  problem: string;
}[] = [
  {
    rule: 'R24 R30 audit:verify rehashes each file from its parts and names the case whose part was changed',
    tamper: flipByte,
    problem: 'attachment edited',
  },
  {
    rule: 'R24 R30 a file missing its last part is reported with its case',
    tamper: (m, picture) => m.delete(AttachmentChunkEntity, { attachmentId: picture.id, part: 2 }),
    problem: 'attachment edited',
  },
  {
    rule: "R24 R30 a file renamed outside the bot no longer matches the case's digest",
    tamper: (m, picture) => m.update(AttachmentEntity, { id: picture.id }, { name: '别的.png' }),
    problem: 'case edited',
  },
];

for (const { rule, tamper, problem } of tamperings) {
  eachDatabase(rule, (db) => {
    test(rule, async () => {
      const world = await World.open(db(), patientOrg);
      const { number, picture } = await caseWithFiles(world);
      expect(await verifyAuditTrail(world.store.manager)).toBeNull();
      await tamper(world.store.manager, picture);
      expect(await verifyAuditTrail(world.store.manager)).toMatchObject({ number, problem });
    });
  });
}

eachDatabase('R24 R30 a changed file asked for', (db) => {
  test('R24 R30 a file whose part was changed is not handed out as the one the trail recorded', async () => {
    const world = await World.open(db(), patientOrg);
    const { number, picture } = await caseWithFiles(world);
    await flipByte(world.store.manager, picture);
    await expect(
      openAttachment(world.core, await world.as('hu.bin'), number, picture.id),
    ).rejects.toMatchObject({ key: 'refusal.attachment_changed' });
  });
});

eachDatabase('R23 R30 files at destruction', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R23 R30 destruction removes a case’s files and their parts, and the trail still verifies', async () => {
    const { number, id, picture } = await caseWithFiles(world);
    const kept = await world.file('hu.bin');
    await attach(world.core, await world.as('hu.bin'), kept.number, { name: 'a.pdf', bytes: pdf });
    await destroyedLongAgo(world, number);
    const m = world.store.manager;
    expect(await m.countBy(AttachmentEntity, { petitionId: id })).toBe(0);
    expect(await m.countBy(AttachmentChunkEntity, { attachmentId: picture.id })).toBe(0);
    expect(await m.countBy(AttachmentEntity, { petitionId: kept.id })).toBe(1);
    expect(await verifyAuditTrail(m)).toBeNull();
  });
});
