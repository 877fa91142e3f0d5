import { addDays, daysBetween, type LocalDate } from '../calendar/local-date';
import { deadlinesOf, type Deadlines } from '../domain/deadlines';
import { pendingExtension, type CaseEvent, type EventDraft } from '../domain/history';
import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { holdersOf, leaderFor } from './audience';
import { takeStep, toParties, toPeople, type StepResult } from './case-step';
import { isProvisional } from './calendar-coverage';
import type { Core } from './core';
import { requiredText } from './input';

export const maxExtensionWorkingDays = 30;

/**
 * R10: the handling deadline once this extension is approved. It may not pass 60 days from
 * acceptance plus the one extension of at most 30 days the regulation allows: refused with both dates.
 */
function dueAfterExtension(
  core: Core,
  history: CaseEvent[],
  number: string,
  workingDays: number,
  at: Date,
): LocalDate | null {
  const before = deadlinesOf(history, core.rules, core.calendar);
  // Only the working days move the company deadline; the approval's other details follow from it.
  const approved: CaseEvent = {
    seq: 0,
    type: 'extension_approved',
    actorId: null,
    at,
    reason: null,
    data: { requestSeq: 0, workingDays, calendarDays: 0, due: null },
  };
  const after = deadlinesOf([...history, approved], core.rules, core.calendar);
  const limit = before.statutoryLimit;
  if (after.handlingDue && limit && after.handlingDue > limit) {
    throw new Refusal('refusal.extension_beyond_statutory', {
      number,
      due: after.handlingDue,
      limit,
    });
  }
  return after.handlingDue;
}

/**
 * R10: the calendar days the approval adds to the statutory window: as many as the new handling
 * deadline needs beyond 60 days from acceptance (hearings and appraisals added), less what earlier
 * approvals added, and never past the one extension of at most 30 days.
 */
function statutoryExtension(core: Core, before: Deadlines, due: LocalDate | null): number {
  if (!due || !before.statutoryLimit || !before.statutoryHandlingDue) return 0;
  const { extensionMaxDays } = core.rules.statutory;
  const base = addDays(before.statutoryLimit, -extensionMaxDays);
  const needed = Math.min(extensionMaxDays, Math.max(0, daysBetween(base, due)));
  return Math.max(0, needed - daysBetween(base, before.statutoryHandlingDue));
}

/** R10: the owner asks for more time, with a reason; the department head or leader decides. */
export function requestExtension(
  core: Core,
  actor: Actor,
  number: string,
  workingDays: number,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'requestExtension', async ({ m, history, view, now }) => {
    if (pendingExtension(history)) throw new Refusal('refusal.extension_pending', { number });
    if (
      !Number.isInteger(workingDays) ||
      workingDays < 1 ||
      workingDays > maxExtensionWorkingDays
    ) {
      throw new Refusal('refusal.extension_days', { max: maxExtensionWorkingDays });
    }
    const why = requiredText(reason, 'reason');
    dueAfterExtension(core, history, view.petition.number, workingDays, now);
    const lead = view.petition.leadDepartmentId;
    const deciders = [
      ...(await holdersOf(m, 'department_head', lead)),
      view.petition.leaderId ?? (await leaderFor(m, lead)),
    ].filter((id) => id !== actor.person.id);
    return {
      event: { type: 'extension_requested', reason: why, data: { workingDays } },
      notices: toPeople(deciders, 'extension_requested', {
        number: view.petition.number,
        workingDays,
        reason: why,
        requester: actor.person.name,
      }),
    };
  });
}

/** R10: approve or reject; the new deadline and the reason are recorded and the petitioner told. */
export function decideExtension(
  core: Core,
  actor: Actor,
  number: string,
  approve: boolean,
  reason?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'decideExtension', ({ history, view, now }) => {
    const request = pendingExtension(history);
    if (!request) throw new Refusal('refusal.no_extension_pending', { number });
    if (request.actorId === actor.person.id) throw new Refusal('refusal.own_extension', { number });
    const { workingDays } = request.data;
    const before = deadlinesOf(history, core.rules, core.calendar);
    // While the clock stands there is no deadline to move: decide once it runs again.
    if (before.paused) throw new Refusal('refusal.paused', { number });
    const why = reason?.trim() || null;
    const requestSeq = request.seq;
    let event: EventDraft = { type: 'extension_rejected', reason: why, data: { requestSeq } };
    let due = before.handlingDue;
    if (approve) {
      const after = dueAfterExtension(core, history, view.petition.number, workingDays, now);
      const calendarDays = statutoryExtension(core, before, after);
      due = after;
      event = {
        type: 'extension_approved',
        reason: why,
        data: { requestSeq, workingDays, calendarDays, due },
      };
    }
    const params = {
      number: view.petition.number,
      approved: approve,
      workingDays,
      due,
      reason: why,
      provisional: isProvisional(core, due),
    };
    return {
      event,
      notices: [
        ...toPeople([view.petition.ownerId], 'extension_decided', params),
        ...toParties(view, 'extension_decided', params),
      ],
    };
  });
}
