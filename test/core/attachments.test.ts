import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { attachmentsPerCase, chunkBytes } from '../../src/domain/attachment';
import { accept, decline } from '../../src/services/accept';
import {
  attach,
  attachmentsOf,
  attachTargets,
  openAttachment,
} from '../../src/services/attachments';
import { createCore } from '../../src/services/core';
import { AttachmentChunkEntity } from '../../src/store/entities';
import * as trail from '../../src/store/audit-trail';
import { noisyPng, pdf, photoWithExif, program, wordDocument } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

eachDatabase('R30 attachments kept with a case', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  const filesOf = async (number: string) =>
    attachmentsOf(world.core, await world.as('zhao.min'), number);

  test('R30 a file is kept in parts of 256 KiB and opened again byte for byte', async () => {
    const { number } = await world.file('hu.bin');
    const picture = await noisyPng(450, 450);
    expect(picture.length).toBeGreaterThan(2 * chunkBytes);
    await attach(world.core, await world.as('hu.bin'), number, {
      name: '现场.png',
      bytes: picture,
    });
    const [line] = await filesOf(number);
    expect(line).toMatchObject({ name: '现场.png', mediaType: 'image/png', bytes: picture.length });
    const parts = await world.store.manager.find(AttachmentChunkEntity, {
      where: { attachmentId: line.id },
      order: { part: 'ASC' },
    });
    expect(parts.map((p) => p.part)).toEqual([0, 1, 2]);
    expect(parts.every((p) => p.data.length <= chunkBytes)).toBe(true);
    const opened = await openAttachment(world.core, await world.as('hu.bin'), number, line.id);
    expect(opened.bytes.equals(picture)).toBe(true);
  });

  test('R30 R24 the trail records the attached file with the sha256 of the bytes kept', async () => {
    const { number } = await world.file('hu.bin');
    const bytes = await wordDocument();
    const { events } = await attach(world.core, await world.as('hu.bin'), number, {
      name: '说明.docx',
      bytes,
    });
    expect(events.map((e) => e.type)).toEqual(['attached']);
    expect(JSON.parse(events[0].data)).toEqual({
      name: '说明.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: bytes.length,
      sha256: sha256(bytes),
    });
  });

  test('R30 the kind of a file is told by its bytes: a program named .jpg is refused, a PDF named .jpg kept as PDF', async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    await expect(
      attach(world.core, hu, number, { name: '照片.jpg', bytes: program }),
    ).rejects.toMatchObject({
      key: 'refusal.attachment_type',
    });
    await attach(world.core, hu, number, { name: '照片.jpg', bytes: pdf });
    await attach(world.core, hu, number, {
      name: '说明.txt',
      bytes: Buffer.from('加班记录见附表。\n'),
    });
    expect((await filesOf(number)).map((f) => [f.name, f.mediaType])).toEqual([
      ['照片.jpg.pdf', 'application/pdf'],
      ['说明.txt', 'text/plain'],
    ]);
  });

  test('R30 a TIFF is refused, and an SVG, whose script a browser would run, is kept only as plain text', async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .tiff()
      .toBuffer();
    await expect(
      attach(world.core, hu, number, { name: '扫描.tif', bytes: tiff }),
    ).rejects.toMatchObject({
      key: 'refusal.attachment_type',
    });
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    await attach(world.core, hu, number, { name: '图.svg', bytes: svg });
    expect((await filesOf(number)).map((f) => [f.name, f.mediaType])).toEqual([
      ['图.svg.txt', 'text/plain'],
    ]);
  });

  test('R30 a name is kept without its path, control or format characters, shortened from the front, and given one when it has none', async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    const long = `${'很长的文件名'.repeat(40)}.pdf`;
    // A right-to-left override would show `证据\u202Efdp.exe` as `证据exe.pdf`.
    const disguised = '证据\u202Efdp.exe\u200B\u0085';
    for (const name of ['..\\..\\报告.pdf', '/tmp/a/工时\u0007.pdf', long, '  ', disguised]) {
      await attach(world.core, hu, number, { name, bytes: pdf });
    }
    const names = (await filesOf(number)).map((f) => f.name);
    expect(names.slice(0, 2)).toEqual(['报告.pdf', '工时.pdf']);
    expect([...names[2]]).toHaveLength(191);
    expect(names[2].endsWith('名.pdf')).toBe(true);
    expect(names[3]).toBe('附件-4.pdf');
    expect(names[4]).toBe('证据fdp.exe.pdf');
  });

  test('R30 a file over ATTACHMENT_MAX_BYTES is refused naming the limit, and nothing is kept', async () => {
    const { number } = await world.file('hu.bin');
    const small = createCore(world.store, world.core.org, world.clock, undefined, 1024 * 1024);
    const bytes = await noisyPng(700, 700);
    await expect(
      attach(small, await world.as('hu.bin'), number, { name: '大图.png', bytes }),
    ).rejects.toMatchObject({ key: 'refusal.attachment_too_large', params: { limit: '1 MB' } });
    expect(await filesOf(number)).toEqual([]);
  });

  test(`R30 a case keeps at most ${attachmentsPerCase} files`, async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    for (let i = 1; i <= attachmentsPerCase; i++) {
      await attach(world.core, hu, number, {
        name: `第${i}页.txt`,
        bytes: Buffer.from(`第${i}页`),
      });
    }
    await expect(
      attach(world.core, hu, number, { name: '多一页.txt', bytes: Buffer.from('多') }),
    ).rejects.toMatchObject({
      key: 'refusal.attachment_count',
      params: { limit: attachmentsPerCase },
    });
    expect(await filesOf(number)).toHaveLength(attachmentsPerCase);
  });

  test('R30 R26 a step that fails after writing its file leaves no row and no part', async () => {
    const { number } = await world.file('hu.bin');
    const failing = jest.spyOn(trail, 'appendEvents').mockRejectedValueOnce(new Error('lost'));
    try {
      await expect(
        attach(world.core, await world.as('hu.bin'), number, { name: 'a.pdf', bytes: pdf }),
      ).rejects.toThrow('lost');
    } finally {
      failing.mockRestore();
    }
    expect(await filesOf(number)).toEqual([]);
    const [{ orphans }] = (await world.store.manager.query(
      'SELECT COUNT(*) AS orphans FROM attachment_chunks c ' +
        'LEFT JOIN attachments a ON a.id = c.attachment_id WHERE a.id IS NULL',
    )) as { orphans: number | string }[];
    expect(Number(orphans)).toBe(0);
  });

  test('R30 R15 the petitioner and those who work the case may attach; a party reader or leader who only reads may not', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-20');
    for (const who of ['hu.bin', 'zhao.min', 'yang.lei']) {
      await attach(world.core, await world.as(who), number, { name: `${who}.pdf`, bytes: pdf });
    }
    // zhang.wei leads the HR area and reads for the party committee; he-ping only reads.
    for (const who of ['zhang.wei', 'he.ping']) {
      await expect(
        attach(world.core, await world.as(who), number, { name: 'x.pdf', bytes: pdf }),
      ).rejects.toMatchObject({ key: 'refusal.role' });
    }
    await expect(
      attach(world.core, await world.as('guo.hong'), number, { name: 'x.pdf', bytes: pdf }),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
    expect(await filesOf(number)).toHaveLength(3);
  });

  test('R30 R15 an employee may neither list nor open the files of a case they may not see', async () => {
    const { number } = await world.file('hu.bin');
    await attach(world.core, await world.as('hu.bin'), number, { name: 'a.pdf', bytes: pdf });
    const [file] = await filesOf(number);
    const guo = await world.as('guo.hong');
    await expect(attachmentsOf(world.core, guo, number)).rejects.toMatchObject({
      key: 'refusal.not_found',
    });
    await expect(openAttachment(world.core, guo, number, file.id)).rejects.toMatchObject({
      key: 'refusal.not_found',
    });
    // A file of another case is not opened through a case one may see.
    const own = await world.file('guo.hong');
    await expect(openAttachment(world.core, guo, own.number, file.id)).rejects.toMatchObject({
      key: 'refusal.attachment_not_found',
    });
  });

  test("R30 the cases a file may be attached to are the sender's live ones, newest first", async () => {
    const open = await world.file('guo.hong');
    const finished = await world.file('guo.hong');
    await decline(world.core, await world.as('zhao.min'), finished.number, 'litigation', '已起诉');
    const newest = await world.file('guo.hong', { mode: 'anonymous' });
    const targets = (await attachTargets(world.core, await world.as('guo.hong'))).map(
      (t) => t.number,
    );
    expect(targets).toEqual(expect.arrayContaining([newest.number, open.number]));
    expect(targets.indexOf(newest.number)).toBeLessThan(targets.indexOf(open.number));
    expect(targets).not.toContain(finished.number);
    const others = await attachTargets(world.core, await world.as('hu.bin'));
    expect(others.map((t) => t.number)).not.toContain(open.number);
  });

  test('R30 a named case keeps a picture as it was given', async () => {
    const { number } = await world.file('hu.bin');
    const photo = await photoWithExif();
    await attach(world.core, await world.as('hu.bin'), number, {
      name: '胡斌-工资条.jpg',
      bytes: photo,
    });
    const [file] = await filesOf(number);
    expect(file.name).toBe('胡斌-工资条.jpg');
    const opened = await openAttachment(world.core, await world.as('hu.bin'), number, file.id);
    expect((await sharp(opened.bytes).metadata()).exif).toBeDefined();
  });
});
