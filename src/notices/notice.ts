/**
 * A platform-neutral notice: who is told what. The core writes it to the outbox in the same
 * transaction as the change that caused it; adapters render `kind` + `params` through i18n.
 */
export type RecipientKind = 'person' | 'department_channel' | 'channel';

export type NoticeState = 'pending' | 'sent' | 'parked';

export interface Recipient {
  kind: RecipientKind;
  /** A person id, a department id, or a key of the organisation's `channels`. */
  id: string;
}

export type NoticeParams = Record<string, string | number | boolean | null>;

export interface Notice {
  id: number;
  dedupeKey: string;
  petitionId: number | null;
  kind: string;
  recipientKind: RecipientKind;
  recipient: string;
  params: string;
  state: NoticeState;
  attempts: number;
  notBefore: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}
