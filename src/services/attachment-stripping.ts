import type JSZip from 'jszip';
import type { AttachmentType } from '../domain/attachment';
import { Refusal } from '../domain/refusal';
import { imageFormats } from './attachment-kinds';
import { jszip, pdfLib, sharp } from './file-libraries';

/**
 * R6 R30: a picture re-encoded without its metadata (EXIF with GPS and camera, XMP, IPTC with
 * author): sharp keeps none unless asked. It is first turned as its EXIF orientation says, since
 * that goes with the rest.
 */
async function strippedImage(format: (typeof imageFormats)[number][0], bytes: Buffer) {
  const image = sharp()(bytes, { animated: format === 'gif' || format === 'webp' }).rotate();
  return image.toFormat(format).toBuffer();
}

/** Office properties that name people (author, last editor, company, manager), emptied. */
const blankParts: Record<string, string> = {
  'docProps/core.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>',
  'docProps/app.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>',
  'docProps/custom.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>',
};

/**
 * Who the parts of an Office file name: authors and initials of comments and tracked changes
 * (`w:author`, `w15:author`), the people lists' ids and names (`w15:userId`, `displayName`,
 * `providerId`), a workbook's comment authors (`<author>`), a presentation's (`name`).
 */
const peopleAttributes =
  /(\s(?:[A-Za-z0-9]+:)?(?:author|initials|userId|providerId|displayName))="[^"]*"/g;
const authorElements = /<((?:[A-Za-z0-9]+:)?author)>[^<]*<\/\1>/g;
const commentAuthorNames = /(\sname)="[^"]*"/g;

/** The most an Office file's text and pictures may come to inflated: a ZIP bomb stops there. */
const inflatedLimit = 64 * 1024 * 1024;

/** A part's bytes, inflated only while the file's budget lasts (then the stream is paused). */
function inflated(part: JSZip.JSZipObject, budget: { left: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // JSZip's stream is an old readable-stream, not async-iterable: it is read by its events.
    const stream = part.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left >= 0) {
        chunks.push(chunk);
        return;
      }
      stream.pause();
      stream.removeAllListeners();
      reject(new Refusal('refusal.attachment_unreadable'));
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A part rewritten without the people it names, or its picture without metadata. */
async function strippedPart(path: string, bytes: Buffer): Promise<Buffer | string> {
  if (/\.(jpe?g|png|gif|webp)$/i.test(path)) {
    const { format } = await sharp()(bytes).metadata();
    const known = imageFormats.find(([f]) => f === format);
    if (!known) throw new Refusal('refusal.attachment_unreadable');
    return strippedImage(known[0], bytes);
  }
  let xml = bytes
    .toString('utf8')
    .replace(peopleAttributes, '$1=""')
    .replace(authorElements, '<$1></$1>');
  if (/commentAuthors\.xml$/i.test(path)) xml = xml.replace(commentAuthorNames, '$1=""');
  return xml;
}

/**
 * An Office file with its document properties emptied, the people its comments, tracked changes
 * and people lists name blanked, and its pictures (the thumbnail too) re-encoded without
 * metadata. The parts stay where the package's relationships expect them, so the file still
 * opens; what else it holds is copied compressed as it came (JSZip reuses a DEFLATE entry's
 * bytes), and what is read is inflated within a limit, so a ZIP bomb is never inflated whole.
 */
async function strippedOffice(bytes: Buffer): Promise<Buffer> {
  const zip = await jszip().loadAsync(bytes);
  const budget = { left: inflatedLimit };
  for (const part of Object.values(zip.files)) {
    if (part.dir) continue;
    const blank = blankParts[part.name];
    if (blank !== undefined) zip.file(part.name, blank);
    else if (/\.(xml|jpe?g|png|gif|webp)$/i.test(part.name)) {
      zip.file(part.name, await strippedPart(part.name, await inflated(part, budget)));
    }
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A PDF without its document information (author, creator, title) and its XMP metadata. */
async function strippedPdf(bytes: Buffer): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFRef } = pdfLib();
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = pdf;
  // The objects themselves go, not only the references: every object left is written out.
  const info = context.trailerInfo.Info;
  if (info instanceof PDFRef) context.delete(info);
  context.trailerInfo.Info = undefined;
  const metadata = catalog.get(PDFName.of('Metadata'));
  if (metadata instanceof PDFRef) context.delete(metadata);
  catalog.delete(PDFName.of('Metadata'));
  return Buffer.from(await pdf.save());
}

/**
 * R6 R30: a confidential or anonymous filer's file without what would tell who made it:
 * pictures without EXIF/XMP/IPTC, Office files without their document properties, PDFs without
 * their document information and XMP. Plain text carries none. A file that cannot be rewritten
 * is refused rather than kept with its metadata.
 */
export async function stripped(type: AttachmentType, bytes: Buffer): Promise<Buffer> {
  const format = imageFormats.find(([, t]) => t === type)?.[0];
  try {
    if (format) return await strippedImage(format, bytes);
    if (type === 'application/pdf') return await strippedPdf(bytes);
    if (type.startsWith('application/vnd.openxmlformats')) return await strippedOffice(bytes);
    return bytes;
  } catch {
    throw new Refusal('refusal.attachment_unreadable');
  }
}
