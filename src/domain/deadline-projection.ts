import { addDays, localDateOf, type LocalDate } from '../calendar/local-date';
import {
  addWorkingDays,
  workingDaysBetween,
  type WorkingCalendar,
} from '../calendar/working-calendar';
import { deadlinesOf, type DeadlineRules, type Deadlines } from './deadlines';
import { finishingEvents, pendingExtension, type CaseEvent } from './history';

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
  /** R10: an extension asked for and not yet decided, and who asked (they do not decide it). */
  extensionPending: boolean;
  extensionRequester: number | null;
  /**
   * R18: the first day on which a reminder could be due for the case as it stands, so the daily
   * sweep reads only the cases whose day has come (an index range), never every open history.
   */
  remindFrom: LocalDate | null;
}

/** The earliest day, walking back from `from`, on which `due(day)` still holds. */
function earliestWhile(from: LocalDate, due: (day: LocalDate) => boolean): LocalDate {
  let day = from;
  while (due(addDays(day, -1))) day = addDays(day, -1);
  return day;
}

/**
 * The first day any of the sweep's rules (src/jobs/reminders.ts) fires for these deadlines: a
 * review three days ahead; acceptance and registration the day after they are due; the
 * statutory window three days ahead or on the last working day before rest days it ends in; the
 * company's deadline on the working day before it; a pending extension from the day it was
 * asked for. From then on the case is read every day until a step moves its deadlines.
 */
function firstReminderDay(
  d: Deadlines,
  calendar: WorkingCalendar,
  extensionAsked: LocalDate | null,
): LocalDate | null {
  const days: LocalDate[] = [];
  if (d.reviewDue) days.push(addDays(d.reviewDue, -3));
  if (d.acceptanceDue) days.push(addDays(d.acceptanceDue, 1));
  if (d.registerBy) days.push(addDays(d.registerBy, 1));
  const statutory = d.statutoryHandlingDue;
  if (statutory) {
    days.push(
      earliestWhile(
        statutory,
        (day) => statutory <= addDays(day, 3) || statutory < addWorkingDays(calendar, day, 1),
      ),
    );
  }
  const handling = d.handlingDue;
  if (handling) {
    days.push(earliestWhile(handling, (day) => workingDaysBetween(calendar, day, handling) <= 1));
  }
  if (extensionAsked) days.push(extensionAsked);
  return days.length === 0 ? null : days.reduce((a, b) => (a < b ? a : b));
}

/** Part of the projections' basis: a projection computed by an earlier format is computed anew. */
export const projectionFormat = 2;

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
  const extension = pendingExtension(history);
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
    extensionPending: extension !== undefined,
    extensionRequester: extension?.actorId ?? null,
    remindFrom: firstReminderDay(now, calendar, day(extension)),
  };
}
