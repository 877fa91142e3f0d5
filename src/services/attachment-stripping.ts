import JSZip from 'jszip';
import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import type { AttachmentType } from '../domain/attachment';
import { Refusal } from '../domain/refusal';
import { imageFormats } from './attachment-kinds';

/**
 * R6 R30: a picture re-encoded without its metadata (EXIF with GPS and camera, XMP, IPTC with
 * author): sharp keeps none unless asked. It is first turned as its EXIF orientation says, since
 * that goes with the rest.
 */
async function strippedImage(format: (typeof imageFormats)[number][0], bytes: Buffer) {
  const image = sharp(bytes, { animated: format === 'gif' || format === 'webp' }).rotate();
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
 * An Office file with its document properties emptied. The parts stay where the package's
 * relationships expect them, so the file still opens; the other parts are copied compressed as
 * they came (JSZip reuses a DEFLATE entry's bytes), so a ZIP bomb is never inflated here.
 */
async function strippedOffice(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  for (const [path, blank] of Object.entries(blankParts)) {
    if (zip.file(path)) zip.file(path, blank);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A PDF without its document information (author, creator, title) and its XMP metadata. */
async function strippedPdf(bytes: Buffer): Promise<Buffer> {
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
