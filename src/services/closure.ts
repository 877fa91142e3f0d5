import { deadlinesOf } from '../domain/deadlines';
import type { Actor, StepActor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { holdersOf } from './audience';
import { takeStep, toParties, toPeople, type StepResult } from './case-step';
import { today, type Core } from './core';
import { requiredText } from './input';

/**
 * R14: the owner (or their head) closes a case that has been answered: once the petitioner is
 * satisfied, or once their time to ask for review has run out (R13: closing earlier would take
 * that right away).
 */
export function close(
  core: Core,
  actor: StepActor,
  number: string,
  reason?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'close', ({ view, history, now }) => {
    const { appealBy } = deadlinesOf(history, core.rules, core.calendar);
    const rating = view.petition.rating;
    const content = rating === 'satisfied' || rating === 'basically_satisfied';
    if (!content && appealBy && today(core) <= appealBy) {
      throw new Refusal('refusal.appeal_window_open', {
        number: view.petition.number,
        date: appealBy,
      });
    }
    return {
      event: { type: 'closed', reason: reason?.trim() || null },
      changes: { closedAt: now },
      notices: toParties(view, 'closed', {
        number: view.petition.number,
      }),
    };
  });
}

/** R14: the petitioner withdraws while the case is still open. */
export function withdraw(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'withdraw', async ({ m, view, now }) => {
    const told =
      view.petition.ownerId !== null
        ? [view.petition.ownerId]
        : await holdersOf(m, 'handler', view.petition.leadDepartmentId);
    return {
      event: { type: 'withdrawn', reason: requiredText(reason, 'reason') },
      changes: { closedAt: now },
      notices: toPeople(told, 'withdrawn', { number: view.petition.number }),
    };
  });
}
