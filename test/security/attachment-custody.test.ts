import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { accept } from '../../src/services/accept';
import { attach, attachmentsOf, openAttachment } from '../../src/services/attachments';
import { PetitionEventEntity } from '../../src/store/entities';
import { noisyJpeg, photoWithExif, wordDocument } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A PDF as a word processor exports it: its document information names the author. */
async function pdfByAuthor(author: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  pdf.setAuthor(author);
  pdf.setTitle(`${author}的加班记录`);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

eachDatabase('R6 R30 the files of a confidential or anonymous filer', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  const keptFile = async (number: string, n = 0) => {
    const zhao = await world.as('zhao.min');
    const line = (await attachmentsOf(world.core, zhao, number))[n];
    return { line, file: await openAttachment(world.core, zhao, number, line.id) };
  };

  test('R6 R30 a confidential filer’s photo is kept without EXIF, under a neutral name, and the trail names a relay id', async () => {
    const { number } = await world.file('hu.bin', { mode: 'confidential' });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-20');
    const photo = await photoWithExif();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const { events } = await attach(world.core, await world.as('hu.bin'), number, {
      name: '胡斌-工资条.jpg',
      bytes: photo,
    });
    const { line, file } = await keptFile(number);
    expect(line.name).toBe('附件-1.jpg');
    expect(file.mediaType).toBe('image/jpeg');
    expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
    expect(file.bytes.includes('Zhang San')).toBe(false);
    expect(file.bytes.includes('PhoneMaker')).toBe(false);
    const { petitionId, seq } = events[0];
    const event = await world.store.manager.findOneByOrFail(PetitionEventEntity, {
      petitionId,
      seq,
    });
    expect(event.actorId).toBeNull();
    expect(event.actorRelay).toEqual(expect.any(String));
    expect(JSON.parse(event.data)).toMatchObject({
      name: '附件-1.jpg',
      sha256: sha256(file.bytes),
    });
  });

  test.each(['png', 'webp'] as const)(
    'R6 R30 a confidential filer’s %s loses its EXIF too',
    async (format) => {
      const { number } = await world.file('hu.bin', { mode: 'confidential' });
      const picture = await sharp({
        create: { width: 8, height: 8, channels: 3, background: '#36c' },
      })
        [format]()
        .withExif({ IFD0: { Artist: 'Zhang San' } })
        .toBuffer();
      await attach(world.core, await world.as('hu.bin'), number, {
        name: `x.${format}`,
        bytes: picture,
      });
      const { line, file } = await keptFile(number);
      expect(line.name).toBe(`附件-1.${format}`);
      expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
      expect(file.bytes.includes('Zhang San')).toBe(false);
    },
  );

  test('R6 R30 an animated GIF keeps its frames when it is rewritten', async () => {
    const { number } = await world.file('hu.bin', { mode: 'anonymous' });
    const frame = (background: string) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#00f')], {
      join: { animated: true },
    })
      .gif()
      .toBuffer();
    await attach(world.core, await world.as('hu.bin'), number, { name: 'a.gif', bytes: gif });
    const { line, file } = await keptFile(number);
    expect(line.mediaType).toBe('image/gif');
    expect((await sharp(file.bytes).metadata()).pages).toBe(2);
  });

  test('R6 R30 a photo taken sideways is turned upright before its orientation goes with the EXIF', async () => {
    const { number } = await world.file('hu.bin', { mode: 'anonymous' });
    const sideways = await sharp({
      create: { width: 16, height: 12, channels: 3, background: '#963' },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await attach(world.core, await world.as('hu.bin'), number, { name: 'a.jpg', bytes: sideways });
    const kept = await sharp((await keptFile(number)).file.bytes).metadata();
    expect([kept.width, kept.height, kept.orientation]).toEqual([12, 16, undefined]);
  });

  test('R6 R30 an anonymous filer’s Word file and PDF lose the author their properties name', async () => {
    const { number } = await world.file('hu.bin', { mode: 'anonymous' });
    const hu = await world.as('hu.bin');
    await attach(world.core, hu, number, { name: '胡斌.docx', bytes: await wordDocument('胡斌') });
    await attach(world.core, hu, number, { name: '胡斌.pdf', bytes: await pdfByAuthor('胡斌') });
    const word = await keptFile(number, 0);
    expect(word.line.name).toBe('附件-1.docx');
    const core = await (
      await JSZip.loadAsync(word.file.bytes)
    )
      .file('docProps/core.xml')
      ?.async('string');
    expect(core).not.toContain('胡斌');
    const pdf = await keptFile(number, 1);
    expect(pdf.line.name).toBe('附件-2.pdf');
    const kept = await PDFDocument.load(pdf.file.bytes);
    expect(kept.getAuthor()).toBeUndefined();
    expect(kept.getTitle()).toBeUndefined();
    expect(kept.getPageCount()).toBe(1);
  });

  test('R6 R30 an anonymous filer’s Word file loses the authors of its comments and tracked changes, its people list, and its pictures’ EXIF', async () => {
    const { number } = await world.file('hu.bin', { mode: 'anonymous' });
    const zip = await JSZip.loadAsync(await wordDocument('胡斌'));
    zip.file(
      'word/document.xml',
      '<?xml version="1.0"?><w:document><w:body><w:p><w:ins w:id="1" w:author="胡斌" w:date="2026-11-01T00:00:00Z"><w:r><w:t>加班</w:t></w:r></w:ins></w:p></w:body></w:document>',
    );
    zip.file(
      'word/comments.xml',
      '<?xml version="1.0"?><w:comments><w:comment w:id="0" w:author="胡斌" w:initials="HB"><w:p><w:r><w:t>见附件</w:t></w:r></w:p></w:comment></w:comments>',
    );
    zip.file(
      'word/people.xml',
      '<?xml version="1.0"?><w15:people><w15:person w15:author="胡斌"><w15:presenceInfo w15:providerId="AD" w15:userId="hu.bin@example.com"/></w15:person></w15:people>',
    );
    zip.file('word/media/image1.jpg', await photoWithExif());
    zip.file('docProps/thumbnail.jpeg', await photoWithExif());
    const given = await zip.generateAsync({ type: 'nodebuffer' });
    await attach(world.core, await world.as('hu.bin'), number, { name: 'a.docx', bytes: given });
    const kept = await JSZip.loadAsync((await keptFile(number)).file.bytes);
    for (const part of ['word/document.xml', 'word/comments.xml', 'word/people.xml']) {
      const xml = (await kept.file(part)?.async('string')) ?? '';
      expect([part, xml.includes('胡斌') || xml.includes('hu.bin') || xml.includes('HB')]).toEqual([
        part,
        false,
      ]);
    }
    expect(await kept.file('word/document.xml')?.async('string')).toContain('<w:t>加班</w:t>');
    for (const picture of ['word/media/image1.jpg', 'docProps/thumbnail.jpeg']) {
      const bytes = (await kept.file(picture)?.async('nodebuffer')) ?? Buffer.alloc(0);
      expect([picture, (await sharp(bytes).metadata()).exif]).toEqual([picture, undefined]);
    }
  });

  test('R6 R30 an Office file whose parts would inflate past the limit is refused, not inflated whole', async () => {
    const { number } = await world.file('hu.bin', { mode: 'confidential' });
    const zip = await JSZip.loadAsync(await wordDocument());
    zip.file('word/document.xml', `<w:document>${' '.repeat(80 * 1024 * 1024)}</w:document>`);
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await expect(
      attach(world.core, await world.as('hu.bin'), number, { name: 'a.docx', bytes: bomb }),
    ).rejects.toMatchObject({ key: 'refusal.attachment_unreadable' });
  });

  test('R6 R30 a picture cut short, which cannot be re-encoded, is refused rather than kept with its metadata', async () => {
    const { number } = await world.file('hu.bin', { mode: 'confidential' });
    const photo = await noisyJpeg();
    const cut = photo.subarray(0, photo.length / 2);
    expect((await sharp(cut).metadata()).format).toBe('jpeg');
    await expect(
      attach(world.core, await world.as('hu.bin'), number, { name: 'a.jpg', bytes: cut }),
    ).rejects.toMatchObject({ key: 'refusal.attachment_unreadable' });
    expect(await attachmentsOf(world.core, await world.as('hu.bin'), number)).toEqual([]);
  });

  test('R6 R30 the attachments table keeps no column naming who uploaded a file', async () => {
    const runner = world.store.dataSource.createQueryRunner();
    try {
      const columns = (await runner.getTable('attachments'))?.columns.map((c) => c.name);
      // Every column, so one added later is looked at here: the trail names the uploader.
      expect(columns?.sort()).toEqual([
        'bytes',
        'created_at',
        'id',
        'media_type',
        'name',
        'petition_id',
        'sha256',
      ]);
    } finally {
      await runner.release();
    }
  });
});
