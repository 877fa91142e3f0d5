import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import subsetFont from 'subset-font';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';

/**
 * Makes the CJK font the charts are drawn with (R29): a subset of Noto Sans CJK SC (SIL Open
 * Font License 1.1, the licence beside it in assets/fonts/) holding ASCII, every character of the
 * catalogues and the example organisation, and the 3,755 most common Chinese characters (GB 2312
 * level 1), so another organisation's department and category names draw too. resvg reads no
 * woff2 and no font collection, so the SC face is taken out of Debian's fonts-noto-cjk .ttc and
 * written as an OpenType file.
 *
 *   apt-get install fonts-noto-cjk   (or dpkg-deb -x its .deb somewhere)
 *   npx ts-node scripts/font-subset.ts [--from /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
 */
const family = 'Noto Sans CJK SC';
const subsetFile = 'assets/fonts/NotoSansCJKsc-Regular-subset.otf';

/** The family name (name id 1, Windows Unicode) of the font whose table directory is at `at`. */
function familyAt(font: Buffer, at: number): string {
  const tables = font.readUInt16BE(at + 4);
  for (let i = 0; i < tables; i++) {
    const record = at + 12 + i * 16;
    if (font.toString('latin1', record, record + 4) !== 'name') continue;
    const name = font.readUInt32BE(record + 8);
    const count = font.readUInt16BE(name + 2);
    const strings = name + font.readUInt16BE(name + 4);
    for (let n = 0; n < count; n++) {
      const r = name + 6 + n * 12;
      const [platform, , , id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) =>
        font.readUInt16BE(r + o),
      );
      if (platform === 3 && id === 1) {
        return font
          .subarray(strings + offset, strings + offset + length)
          .swap16()
          .toString('utf16le');
      }
    }
  }
  return '';
}

/** One face of a collection as a font file of its own: its table directory and tables, copied. */
function faceOf(collection: Buffer, wanted: string): Buffer {
  if (collection.toString('latin1', 0, 4) !== 'ttcf') return collection;
  const faces = collection.readUInt32BE(8);
  for (let f = 0; f < faces; f++) {
    const at = collection.readUInt32BE(12 + f * 4);
    if (familyAt(collection, at) !== wanted) continue;
    const tables = collection.readUInt16BE(at + 4);
    const header = Buffer.from(collection.subarray(at, at + 12 + tables * 16));
    const parts: Buffer[] = [header];
    let offset = header.length;
    for (let i = 0; i < tables; i++) {
      const record = 12 + i * 16;
      const from = header.readUInt32BE(record + 8);
      const length = header.readUInt32BE(record + 12);
      header.writeUInt32BE(offset, record + 8);
      const padded = Buffer.alloc((length + 3) & ~3);
      collection.copy(padded, 0, from, from + length);
      parts.push(padded);
      offset += padded.length;
    }
    return Buffer.concat(parts);
  }
  throw new Error(`no face named "${wanted}" in the collection`);
}

/** GB 2312 level 1: rows 16 to 55, the 3,755 characters of everyday Chinese. */
function commonChinese(): string {
  const gbk = new TextDecoder('gbk');
  let text = '';
  for (let row = 0xb0; row <= 0xd7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) text += gbk.decode(Uint8Array.of(row, cell));
  }
  return text.replace(/\uFFFD/g, '');
}

function strings(value: unknown): string {
  if (typeof value === 'string') return value;
  return value && typeof value === 'object' ? Object.values(value).map(strings).join('') : '';
}

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
    },
  });
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const text = [
    ascii,
    strings(zhCN),
    strings(en),
    readFileSync('org.example.yaml', 'utf8'),
    commonChinese(),
    '，。、：；！？（）《》“”‘’—…·％',
  ].join('');
  const face = faceOf(readFileSync(values.from as string), family);
  const subset = await subsetFont(face, [...new Set(text)].join(''), { targetFormat: 'sfnt' });
  writeFileSync(join(process.cwd(), subsetFile), subset);
  console.log(`${subsetFile}: ${subset.length} bytes, ${new Set(text).size} characters`);
}

void main();
