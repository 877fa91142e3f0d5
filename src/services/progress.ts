import { deadlinesOf, overdueWorkingDays } from '../domain/deadlines';
import { pauseKinds, type CaseEvent, type PauseKind } from '../domain/history';
import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { takeStep, toParties, type StepResult } from './case-step';
import { today, type Core } from './core';
import { requiredText } from './input';

/** A progress note on the case (internal: the petitioner is not told). */
export function note(core: Core, actor: Actor, number: string, text: string): Promise<StepResult> {
  return takeStep(core, actor, number, 'note', () => ({
    event: { type: 'noted', reason: requiredText(text, 'note') },
  }));
}

/** Whether the case's clock stands, as its deadlines see it. */
function isPaused(core: Core, history: CaseEvent[]): boolean {
  return deadlinesOf(history, core.rules, core.calendar).paused;
}

/**
 * R9: stops the company's clock (waiting for the petitioner, say), and for a hearing or an
 * appraisal the statutory clock too; the kind and the reason are logged and told.
 */
export function pause(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
  kind: PauseKind = 'other',
): Promise<StepResult> {
  return takeStep(core, actor, number, 'pause', ({ history, view }) => {
    const deadlines = deadlinesOf(history, core.rules, core.calendar);
    if (deadlines.paused) throw new Refusal('refusal.already_paused', { number });
    // A clock stopped after its deadline would hide the delay: the reply would count as on time.
    if (overdueWorkingDays(deadlines, core.calendar, today(core)) > 0) {
      throw new Refusal('refusal.pause_overdue', { number, due: deadlines.handlingDue ?? '' });
    }
    if (!pauseKinds.includes(kind)) throw new Refusal('refusal.pause_kind', { kind });
    const why = requiredText(reason, 'reason');
    return {
      event: { type: 'paused', reason: why, data: { kind } },
      notices: toParties(view, 'paused', {
        number: view.petition.number,
        reason: why,
        pauseKind: kind,
      }),
    };
  });
}

export function resume(
  core: Core,
  actor: Actor,
  number: string,
  reason?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'resume', ({ history, view }) => {
    if (!isPaused(core, history)) throw new Refusal('refusal.not_paused', { number });
    return {
      event: { type: 'resumed', reason: reason?.trim() || null },
      notices: toParties(view, 'resumed', {
        number: view.petition.number,
      }),
    };
  });
}
