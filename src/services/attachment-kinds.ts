import type { FormatEnum } from 'sharp';
import { attachmentTypes, type AttachmentType } from '../domain/attachment';
import { Refusal } from '../domain/refusal';
import { jszip, sharp } from './file-libraries';

/** What sharp reads and writes each kind of image a case keeps as. */
export const imageFormats = [
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
] as const satisfies readonly (readonly [keyof FormatEnum, AttachmentType])[];

/** The part each Office Open XML kind must have, beside its content types. */
const officeParts: [string, AttachmentType][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [
    'ppt/presentation.xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
];

async function imageType(bytes: Buffer): Promise<AttachmentType | null> {
  try {
    const { format } = await sharp()(bytes).metadata();
    return imageFormats.find(([f]) => f === format)?.[1] ?? null;
  } catch {
    return null;
  }
}

async function officeType(bytes: Buffer): Promise<AttachmentType | null> {
  // A ZIP begins with a local file header; anything else is not worth handing to the unzipper.
  if (bytes.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') return null;
  try {
    const zip = await jszip().loadAsync(bytes);
    if (!zip.file('[Content_Types].xml')) return null;
    return officeParts.find(([part]) => zip.file(part))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** PDF readers accept the header anywhere in the first kilobyte (ISO 32000-1, 7.5.2 note). */
function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Plain text: valid UTF-8 with no control characters but tabs, line and page breaks. */
function isPlainText(bytes: Buffer): boolean {
  try {
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(utf8.decode(bytes));
  } catch {
    return false;
  }
}

/**
 * R30: what a file is by its bytes, never by its name (a `.jpg` that is a program stays out):
 * images as the image library decodes their header, Office files by the parts inside the ZIP.
 */
export async function sniff(bytes: Buffer): Promise<AttachmentType> {
  const type =
    (await imageType(bytes)) ??
    (await officeType(bytes)) ??
    (isPdf(bytes) ? 'application/pdf' : null) ??
    (isPlainText(bytes) ? 'text/plain' : null);
  if (!type) {
    // Latin extensions, listed as both languages read them.
    const kinds = [...new Set(Object.values(attachmentTypes))].join(', ');
    throw new Refusal('refusal.attachment_type', { kinds });
  }
  return type;
}
