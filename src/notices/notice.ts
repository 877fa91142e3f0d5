import type { LocalDate } from '../calendar/local-date';
import type { Digest, Report } from '../domain/figures';
import type { MajorTrigger, PauseKind, ReviewLevel, ReviewOutcome } from '../domain/history';
import type { DeliveryMethod, Rating } from '../domain/petition';
import type { RecipientKind } from '../store/entities';

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
  'handed_over',
  'disclosure_requested',
  'disclosure_decided',
  'message_to_petitioner',
  'message_from_petitioner',
  'acceptance_overdue',
  'due_soon',
  'statutory_due_soon',
  'statutory_overdue',
  'register_overdue',
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

/**
 * R28: what someone a case is from hears about it, as its petitioner. Every other notice about a
 * case asks its reader to work on it, and the outbox never gives it to a party to the case.
 */
export const partyNotices: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
  'filed_receipt',
  'accepted',
  'declined',
  'paused',
  'resumed',
  'extension_decided',
  'replied',
  'rating_requested',
  'reviewed',
  'closed',
  'message_to_petitioner',
]);

export interface Recipient {
  kind: RecipientKind;
  /** A person id, a department id, or a key of the organisation's `channels`. */
  id: string;
}

type About = { number: string };
/** R31: a working-day date in a year without official holidays was counted Monday to Friday. */
type Provisional = { provisional: boolean };
type Reminder = About & { due: LocalDate };
type Overdue = About & Provisional & { due: LocalDate | null; days: number };
type Relayed = About & { text: string };
type Filing = About & { category: string; department: string };
type Analysis = { report: Report };
type OnDay = { date: LocalDate };

/**
 * What each notice kind carries, as its text in the catalogues reads it (`notice.<kind>`); a
 * value named like a catalogue (a rating, a level…) is rendered in the reader's language.
 */
export interface NoticeParamsOf {
  filed_receipt: Filing & Provisional & { acceptBy: LocalDate };
  new_case: Filing & { peopleConcerned: number; major: boolean };
  accepted: About & Provisional & { owner: string; replyBy: LocalDate; due: LocalDate | null };
  declined: About & { situation: string };
  transferred_in: About & { department: string };
  co_department_added: About & { department: string };
  paused: About & { reason: string; pauseKind: PauseKind };
  resumed: About;
  extension_requested: About & { workingDays: number; reason: string; requester: string };
  extension_decided: About &
    Provisional & {
      approved: boolean;
      workingDays: number;
      due: LocalDate | null;
      reason: string | null;
    };
  /** R11: the four parts of the written reply; notices written before they were carried lack three. */
  replied: About & {
    investigation?: string;
    facts?: string;
    basis?: string;
    conclusion: string;
    deliveredOn: LocalDate;
    method: DeliveryMethod;
  };
  rating_requested: About;
  rated: About & { rating: Rating };
  appealed: About & { level: ReviewLevel };
  reviewed: About & { level: ReviewLevel; outcome: ReviewOutcome; final: boolean };
  closed: About;
  withdrawn: About;
  /** A filing names the case's category and department too; a later flag only the trigger. */
  handed_over: About & { from: string; reason: string };
  leader_assigned: About & { trigger: MajorTrigger; category?: string; department?: string };
  disclosure_requested: About & { request: number; requester: string; reason: string };
  disclosure_decided: About & { granted: boolean };
  message_to_petitioner: Relayed;
  message_from_petitioner: Relayed;
  acceptance_overdue: Overdue;
  due_soon: Reminder & Provisional;
  /** The statutory window in calendar days: how many are left, or how many it is past. */
  statutory_due_soon: Reminder & { days: number };
  statutory_overdue: Reminder & { days: number };
  /** R9: still not registered and routed (accepted or declined) 15 days after filing. */
  register_overdue: Reminder & { days: number };
  overdue: Overdue;
  long_overdue: Overdue;
  extension_waiting: About;
  review_due_soon: Reminder;
  review_overdue: Reminder;
  weekly_summary: Analysis;
  monthly_pack: Analysis;
  quarterly_report: Analysis;
  leader_digest: { digest: Digest };
  pre_shift: { team: string };
  reception_day: OnDay;
  joint_meeting: OnDay;
  archive_report: {
    day: LocalDate;
    closed: number;
    archived: number;
    destroyed: number;
    numbers: string;
  };
  /** R31: deadlines reaching this year are counted Monday to Friday, up to `horizon` for now. */
  calendar_year_unknown: { year: number; horizon: LocalDate };
}

export type NoticeParams<K extends NoticeKind> = NoticeParamsOf[K];

/** A notice's kind with its params, kept together so that one cannot be paired with another's. */
export type NoticePayload<K extends NoticeKind = NoticeKind> = Extract<
  { [P in NoticeKind]: { kind: P; params: NoticeParams<P> } }[NoticeKind],
  { kind: K }
>;

/** A notice taken from the outbox, read and typed once, for an adapter to render and post. */
export type OutgoingNotice<K extends NoticeKind = NoticeKind> = NoticePayload<K> & {
  id: number;
  to: Recipient;
};
