import { caseDigest } from '../../src/domain/audit-chain';
import { attach, attachmentsOf } from '../../src/services/attachments';
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

  test('R24 R30 a case with files verifies, and a case without keeps the digest it had before files existed', async () => {
    await caseWithFiles(world);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    const rows = { petition: { content: '加班' }, party: null, coDepartments: [] };
    expect(caseDigest({ ...rows, attachments: [] })).toBe(caseDigest(rows));
  });
});

eachDatabase('R24 R30 a file changed in the database', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 R30 audit:verify rehashes each file from its parts and names the case whose part was changed', async () => {
    const { number, picture } = await caseWithFiles(world);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    const m = world.store.manager;
    const part = await m.findOneByOrFail(AttachmentChunkEntity, {
      attachmentId: picture.id,
      part: 1,
    });
    const changed = Buffer.from(part.data);
    changed[100] ^= 0xff;
    await m.update(AttachmentChunkEntity, { attachmentId: picture.id, part: 1 }, { data: changed });
    expect(await verifyAuditTrail(m)).toMatchObject({ number, problem: 'attachment edited' });
  });
});

eachDatabase('R24 R30 a file part taken out in the database', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R24 R30 a file missing its last part is reported with its case', async () => {
    const { number, picture } = await caseWithFiles(world);
    await world.store.manager.delete(AttachmentChunkEntity, { attachmentId: picture.id, part: 2 });
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({
      number,
      problem: 'attachment edited',
    });
  });
});

eachDatabase("R24 R30 a file's row changed in the database", (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test("R24 R30 a file renamed or rehashed outside the bot no longer matches the case's digest", async () => {
    const { number, picture } = await caseWithFiles(world);
    await world.store.manager.update(AttachmentEntity, { id: picture.id }, { name: '别的.png' });
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({
      number,
      problem: 'case edited',
    });
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
