import { deadlinesOf } from '../domain/deadlines';
import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { takeStep, toParties, type StepResult } from './case-step';
import { today, type Core } from './core';
import { requiredDate } from './input';

/**
 * R8, R5: the first handler to accept owns the case until it closes, and commits to a reply date
 * the petitioner sees. Two handlers accepting at once: the row lock (or the version guard) lets
 * exactly one through; the other is told the case is no longer waiting.
 */
export function accept(
  core: Core,
  actor: Actor,
  number: string,
  replyBy: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'accept', ({ history, view, now }) => {
    const committed = requiredDate(replyBy, 'replyBy');
    const day = today(core);
    if (committed < day) throw new Refusal('refusal.reply_date_past', { date: committed });
    const projected = deadlinesOf(
      [
        ...history,
        {
          seq: 0,
          type: 'accepted',
          actorId: actor.person.id,
          at: now,
          reason: null,
          data: { replyBy: committed, due: null },
        },
      ],
      core.rules,
      core.calendar,
    );
    if (projected.handlingDue && committed > projected.handlingDue) {
      throw new Refusal('refusal.reply_date_late', { date: committed, due: projected.handlingDue });
    }
    const params = {
      number: view.petition.number,
      owner: actor.person.name,
      replyBy: committed,
      due: projected.handlingDue,
      provisional: projected.provisional,
    };
    return {
      event: { type: 'accepted', data: { replyBy: committed, due: projected.handlingDue } },
      changes: { ownerId: actor.person.id },
      notices: toParties(view, 'accepted', params),
    };
  });
}

/** R4: declined with one of the configured situations; the petitioner is told why and where to go. */
export function decline(
  core: Core,
  actor: Actor,
  number: string,
  situationId: string,
  note?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'decline', ({ view, now }) => {
    const situation = core.org.declineSituations.find((s) => s.id === situationId);
    if (!situation) throw new Refusal('refusal.unknown_situation', { situation: situationId });
    return {
      event: { type: 'declined', reason: note?.trim() || null, data: { situation: situation.id } },
      changes: { closedAt: now },
      notices: toParties(view, 'declined', {
        number: view.petition.number,
        situation: situation.id,
      }),
    };
  });
}
