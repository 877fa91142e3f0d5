import type { Actor } from '../domain/people';
import { holdersOf } from './audience';
import { takeStep, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/** R14: the owner (or their head) closes a case that has been answered. */
export function close(
  core: Core,
  actor: Actor,
  number: string,
  reason?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'close', ({ view, now }) => ({
    event: { type: 'closed', reason: reason?.trim() || null },
    changes: { closedAt: now },
    notices: toPeople([view.party.petitionerId, view.party.filedById], 'closed', {
      number: view.petition.number,
    }),
  }));
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
