/**
 * A platform-neutral notice: who is told what. The core writes it to the outbox in the same
 * transaction as the change that caused it; adapters render `kind` + `params` through i18n.
 */
/** Every notice the core writes; each has a text in both catalogues under `notice.<kind>`. */
export const noticeKinds = [
  'filed_receipt',
  'new_case',
  'accepted',
  'declined',
  'transferred_in',
  'co_department_added',
  'paused',
  'resumed',
  'extension_requested',
  'extension_decided',
  'replied',
  'rating_requested',
  'rated',
  'appealed',
  'reviewed',
  'closed',
  'withdrawn',
  'leader_assigned',
  'disclosure_requested',
  'disclosure_decided',
  'message_to_petitioner',
  'message_from_petitioner',
  'acceptance_overdue',
  'due_soon',
  'statutory_due_soon',
  'statutory_overdue',
  'overdue',
  'long_overdue',
  'extension_waiting',
  'review_due_soon',
  'review_overdue',
  'weekly_summary',
  'monthly_pack',
  'quarterly_report',
  'leader_digest',
  'pre_shift',
  'reception_day',
  'joint_meeting',
  'archive_report',
  'calendar_year_unknown',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

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
