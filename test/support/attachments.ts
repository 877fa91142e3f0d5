import JSZip from 'jszip';
import sharp from 'sharp';
import { keepArchive } from '../../src/jobs/retention';
import { withdraw } from '../../src/services/closure';
import type { TestClock } from './clock';
import type { World } from './world';

/** What moving a case through the years needs: a core, its people, and a clock to set. */
export type Years = Pick<World, 'core' | 'as'> & { clock: Pick<TestClock, 'now' | 'set'> };

/**
 * R23: the petitioner's case withdrawn, archived three years on and destroyed ten years after
 * that, by the archive job as it runs each night. The world's clock stays where it ends.
 */
export async function destroyedLongAgo(world: Years, number: string): Promise<void> {
  await withdraw(world.core, await world.as('hu.bin'), number, '已私下解决');
  const later = (years: number) => {
    const at = world.clock.now();
    // A day past the anniversary, as the nightly job finds it.
    at.setUTCFullYear(at.getUTCFullYear() + years, at.getUTCMonth(), at.getUTCDate() + 1);
    world.clock.set(at.toISOString());
  };
  later(3);
  expect((await keepArchive(world.core, world.clock.now())).archived).toContain(number);
  later(10);
  expect((await keepArchive(world.core, world.clock.now())).destroyed).toContain(number);
}

/** A small picture such as a phone takes: a JPEG whose EXIF names its author and camera. */
export function photoWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: '#2a6' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Zhang San', Make: 'PhoneMaker', Model: 'P40' } })
    .toBuffer();
}

/** Pixels that do not compress away, so an image of them is about as large as they are. */
function noise(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed >> 16;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** A PNG of the given size whose bytes are about width × height × 3. */
export function noisyPng(width: number, height: number): Promise<Buffer> {
  return noise(width, height).png({ compressionLevel: 0 }).toBuffer();
}

/** A JPEG large enough that cutting it short leaves its header whole. */
export function noisyJpeg(): Promise<Buffer> {
  return noise(256, 256).jpeg().toBuffer();
}

/** The smallest Word document a reader opens: its content types and its document part. */
export function wordDocument(author = '张三'): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document/>');
  zip.file(
    'docProps/core.xml',
    `<?xml version="1.0"?><cp:coreProperties><dc:creator>${author}</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A one-page PDF, as small as a reader (and pdf-lib, which strips it) still opens. */
export const pdf = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

/** A Windows program's first bytes, under a picture's name. */
export const program = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1');
