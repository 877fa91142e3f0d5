import { addDays, daysBetween, localDateOf, type LocalDate } from '../calendar/local-date';
import {
  addWorkingDays,
  workingDaysBetween,
  yearOf,
  type WorkingCalendar,
} from '../calendar/working-calendar';
import { answeringEvents, isOf, lastOf, type CaseEvent, type PauseKind } from './history';

export interface DeadlineRules {
  timeZone: string;
  acceptanceWorkingDays: number;
  statutory: {
    registerDays: number;
    handleDays: number;
    extensionMaxDays: number;
    reviewRequestDays: number;
    reviewDays: number;
  };
}

/**
 * Both clocks of R9 for one case, derived from its history every time they are asked for, so a
 * pause or an extension can never leave a stale number behind. Company limits are in working
 * days; the statutory windows of 《信访工作条例》 are in calendar days.
 */
export interface Deadlines {
  /** Company: decide to accept or decline by this day (while submitted). */
  acceptanceDue: LocalDate | null;
  /** Statutory: register and route within 15 days of filing (while submitted). */
  registerBy: LocalDate | null;
  /** Company: the handling limit by type, moved by pauses and approved extensions. */
  handlingDue: LocalDate | null;
  /**
   * Statutory: 60 days from acceptance, + the approved extension (≤ 30), + the days of pauses the
   * regulation leaves out (a hearing, an appraisal); null while such a pause stands.
   */
  statutoryHandlingDue: LocalDate | null;
  /** R10: the furthest any extension may take the case: 60 days + the one extension of ≤ 30. */
  statutoryLimit: LocalDate | null;
  /** A hearing or appraisal stops the statutory clock too (R9). */
  statutoryPaused: boolean;
  /** R5: the reply date the accepting handler committed to. */
  committedReplyBy: LocalDate | null;
  paused: boolean;
  /** Working days still left on the company clock when paused. */
  remainingWorkingDays: number | null;
  extendedWorkingDays: number;
  /** R13: the last day the petitioner may ask for review (or re-review). */
  appealBy: LocalDate | null;
  /** R13: the review (or re-review) must be decided by this day. */
  reviewDue: LocalDate | null;
  /**
   * R31: a working-day deadline above falls in a year whose official holidays are unknown, so it
   * was counted Monday to Friday and may move once the operator gives that year.
   */
  provisional: boolean;
}

/**
 * R9: 《信访工作条例》 leaves out of its 60 days only the time a hearing or an appraisal takes; any
 * other pause (waiting for the petitioner's materials, say) stops the company's clock alone.
 */
export function stopsStatutoryClock(kind: PauseKind): boolean {
  return kind !== 'other';
}

interface Pause {
  from: LocalDate;
  until: LocalDate | null;
  kind: PauseKind;
}

function pausesOf(history: CaseEvent[], zone: string): Pause[] {
  const pauses: Pause[] = [];
  for (const e of history) {
    if (e.type === 'paused') {
      pauses.push({ from: localDateOf(e.at, zone), until: null, kind: e.data.kind });
    }
    if (e.type === 'resumed' && pauses.length > 0) {
      pauses[pauses.length - 1].until = localDateOf(e.at, zone);
    }
  }
  return pauses;
}

const inPause = (pauses: Pause[]) => (day: LocalDate) =>
  pauses.some((p) => day >= p.from && (p.until === null || day < p.until));

function handlingLimit(history: CaseEvent[]): number {
  return Math.max(
    ...history.map((e) =>
      e.type === 'filed' || e.type === 'flagged_major' ? e.data.limitWorkingDays : 0,
    ),
  );
}

/** The working and calendar days that approved extensions added (R10). */
function extensions(history: CaseEvent[]): { workingDays: number; calendarDays: number } {
  return history
    .filter((e) => isOf(e, 'extension_approved'))
    .reduce(
      (total, e) => ({
        workingDays: total.workingDays + e.data.workingDays,
        calendarDays: total.calendarDays + e.data.calendarDays,
      }),
      { workingDays: 0, calendarDays: 0 },
    );
}

export function deadlinesOf(
  history: CaseEvent[],
  rules: DeadlineRules,
  calendar: WorkingCalendar,
): Deadlines {
  const zone = rules.timeZone;
  const day = (e: CaseEvent) => localDateOf(e.at, zone);
  const filed = lastOf(history, 'filed');
  const accepted = lastOf(history, 'accepted');
  const extended = extensions(history);
  const finished = history.some((e) => answeringEvents.includes(e.type));
  const result: Deadlines = {
    acceptanceDue: null,
    registerBy: null,
    handlingDue: null,
    statutoryHandlingDue: null,
    statutoryLimit: null,
    statutoryPaused: false,
    committedReplyBy: accepted ? accepted.data.replyBy : null,
    paused: false,
    remainingWorkingDays: null,
    extendedWorkingDays: extended.workingDays,
    appealBy: null,
    reviewDue: null,
    provisional: false,
  };
  if (filed && !accepted && !finished) {
    result.acceptanceDue = addWorkingDays(calendar, day(filed), rules.acceptanceWorkingDays);
    result.registerBy = addDays(day(filed), rules.statutory.registerDays);
  }
  if (accepted && !finished) {
    const pauses = pausesOf(history, zone);
    const excluded = inPause(pauses);
    const limit = handlingLimit(history) + result.extendedWorkingDays;
    const open = pauses.find((p) => p.until === null);
    result.paused = open !== undefined;
    if (open) {
      const used = workingDaysBetween(calendar, day(accepted), addDays(open.from, -1), excluded);
      result.remainingWorkingDays = limit - used;
    } else {
      result.handlingDue = addWorkingDays(calendar, day(accepted), limit, excluded);
    }
    const statutoryPauses = pauses.filter((p) => stopsStatutoryClock(p.kind));
    const statutoryOpen = statutoryPauses.some((p) => p.until === null);
    result.statutoryPaused = statutoryOpen;
    if (!statutoryOpen) {
      const pausedDays = statutoryPauses.reduce(
        (n, p) => n + daysBetween(p.from, p.until as LocalDate),
        0,
      );
      const { handleDays, extensionMaxDays } = rules.statutory;
      const extension = Math.min(extensionMaxDays, extended.calendarDays);
      const start = addDays(day(accepted), pausedDays);
      result.statutoryHandlingDue = addDays(start, handleDays + extension);
      result.statutoryLimit = addDays(start, handleDays + extensionMaxDays);
    }
  }
  const reviewOpen = lastOf(history, 'appealed');
  const decided = [...history].reverse().find((e) => e.type === 'replied' || e.type === 'reviewed');
  if (reviewOpen && (!decided || decided.seq < reviewOpen.seq)) {
    result.reviewDue = addDays(day(reviewOpen), rules.statutory.reviewDays);
  } else if (decided && !(decided.type === 'reviewed' && decided.data.level === 're_review')) {
    result.appealBy = addDays(day(decided), rules.statutory.reviewRequestDays);
  }
  if (result.appealBy && history.some((e) => e.type === 'closed' || e.type === 'withdrawn')) {
    result.appealBy = null;
  }
  result.provisional = [result.acceptanceDue, result.handlingDue].some(
    (due) => due !== null && !calendar.knowsYear(yearOf(due)),
  );
  return result;
}

/** Working days past the company deadline now due (acceptance or handling); 0 when on time. */
export function overdueWorkingDays(
  deadlines: Pick<Deadlines, 'handlingDue' | 'acceptanceDue'>,
  calendar: WorkingCalendar,
  today: LocalDate,
): number {
  const due = deadlines.handlingDue ?? deadlines.acceptanceDue;
  if (!due || today <= due) return 0;
  return workingDaysBetween(calendar, due, today);
}

/** R9: calendar days past the statutory handling window; 0 while within it or while it stands. */
export function statutoryOverdueDays(
  deadlines: Pick<Deadlines, 'statutoryHandlingDue'>,
  today: LocalDate,
): number {
  const due = deadlines.statutoryHandlingDue;
  return due && today > due ? daysBetween(due, today) : 0;
}
