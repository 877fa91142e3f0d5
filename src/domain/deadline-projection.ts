import { localDateOf, type LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { deadlinesOf, type DeadlineRules } from './deadlines';
import { finishingEvents, type CaseEvent } from './history';

/**
 * R9, R22: a case's deadlines as they stand after its newest event, kept beside the case so
 * figures and sweeps can select on them in SQL. Always `deadlinesOf(history)` plus what the
 * metrics measure against: when the case was replied and finished, and the handling deadline its
 * reply was due by.
 */
export interface DeadlineProjection {
  acceptanceDue: LocalDate | null;
  registerBy: LocalDate | null;
  handlingDue: LocalDate | null;
  statutoryHandlingDue: LocalDate | null;
  committedReplyBy: LocalDate | null;
  appealBy: LocalDate | null;
  reviewDue: LocalDate | null;
  paused: boolean;
  provisional: boolean;
  /** The day of the written reply (R11), once there is one. */
  repliedOn: LocalDate | null;
  /** R22 按期办结: the handling deadline, extensions included, that stood when the reply was given. */
  replyDue: LocalDate | null;
  /** R22 超期: the statutory window that stood when the reply was given. */
  replyStatutoryDue: LocalDate | null;
  /** The day the case was accepted or declined, and the acceptance deadline that stood then. */
  decidedOn: LocalDate | null;
  decisionDue: LocalDate | null;
  /** The day the case was declined, withdrawn, resolved at team level or closed. */
  finishedOn: LocalDate | null;
}

export function projectDeadlines(
  history: CaseEvent[],
  rules: DeadlineRules,
  calendar: WorkingCalendar,
): DeadlineProjection {
  const now = deadlinesOf(history, rules, calendar);
  const reply = history.findIndex((e) => e.type === 'replied');
  const decision = history.findIndex((e) => e.type === 'accepted' || e.type === 'declined');
  // What stood just before an event: the deadline it was measured against.
  const before = (i: number) => (i < 0 ? null : deadlinesOf(history.slice(0, i), rules, calendar));
  const finished = history.find((e) => finishingEvents.includes(e.type));
  const day = (e: CaseEvent | undefined) => (e ? localDateOf(e.at, rules.timeZone) : null);
  return {
    acceptanceDue: now.acceptanceDue,
    registerBy: now.registerBy,
    handlingDue: now.handlingDue,
    statutoryHandlingDue: now.statutoryHandlingDue,
    committedReplyBy: now.committedReplyBy,
    appealBy: now.appealBy,
    reviewDue: now.reviewDue,
    paused: now.paused,
    provisional: now.provisional,
    repliedOn: day(history[reply]),
    replyDue: before(reply)?.handlingDue ?? null,
    replyStatutoryDue: before(reply)?.statutoryHandlingDue ?? null,
    decidedOn: day(history[decision]),
    decisionDue: before(decision)?.acceptanceDue ?? null,
    finishedOn: day(finished),
  };
}
