import { EntitySchema } from 'typeorm';
import type { Attachment, AttachmentChunk } from '../../domain/attachment';
import { col } from './columns';

/** R30: the files kept with a case; no column names who uploaded one. */
export const AttachmentEntity = new EntitySchema<Attachment>({
  name: 'Attachment',
  tableName: 'attachments',
  columns: {
    id: col.serial,
    petitionId: col.int('petition_id'),
    name: col.text('name'),
    mediaType: col.text('media_type'),
    bytes: col.int('bytes'),
    sha256: col.text('sha256'),
    createdAt: col.instant('created_at'),
  },
});

export const AttachmentChunkEntity = new EntitySchema<AttachmentChunk>({
  name: 'AttachmentChunk',
  tableName: 'attachment_chunks',
  columns: {
    attachmentId: { ...col.int('attachment_id'), primary: true },
    part: { ...col.int('part'), primary: true },
    data: { name: 'data', type: 'blob' },
  },
});
