/**
 * R30: a file or picture kept with a case. Its bytes are kept in the database in parts (every
 * instance sees them, and no statement comes near MariaDB's packet or Galera's write-set
 * limit); who uploaded it is not kept, the trail's `attached` event names the actor.
 */
export interface Attachment {
  id: number;
  petitionId: number;
  name: string;
  mediaType: AttachmentType;
  bytes: number;
  /** Of the bytes kept, after any stripping: the same hash the trail's event records (R24). */
  sha256: string;
  createdAt: Date;
}

/** An attachment as a reader is shown it, without the case it belongs to. */
export type AttachmentLine = Omit<Attachment, 'petitionId'>;

/** One part of an attachment's bytes, numbered from 0. */
export interface AttachmentChunk {
  attachmentId: number;
  part: number;
  data: Buffer;
}

/** 256 KiB: far under MariaDB's 16 MiB max_allowed_packet and Galera's write-set limit. */
export const chunkBytes = 256 * 1024;

/** R30: the most files one case keeps. */
export const attachmentsPerCase = 20;

/** R30: the default largest file, in bytes (ATTACHMENT_MAX_BYTES). */
export const defaultAttachmentMaxBytes = 10 * 1024 * 1024;

/** The kinds of file a case keeps, by what their bytes are, and the extension each is named with. */
export const attachmentTypes = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
} as const;
export type AttachmentType = keyof typeof attachmentTypes;

/**
 * R6: the name a confidential or anonymous filer's file is kept under (`附件-3.jpg`). It is
 * stored, as the file's name in the trail too, so it is in the office's language, not a reader's.
 */
export function neutralName(position: number, type: AttachmentType): string {
  return `附件-${position}.${attachmentTypes[type]}`;
}

/** What a file is as someone uploads it: the name it came with and its bytes. */
export interface Upload {
  name: string;
  bytes: Buffer;
}
