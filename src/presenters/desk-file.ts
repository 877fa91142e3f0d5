/** A file the desk hands a person (R29): an export or a chart, sent to their DM or written to disk. */
export interface DeskFile {
  name: string;
  mime: string;
  data: Buffer;
  /** What it is, in the reader's language: the message sent with it. */
  title: string;
}
