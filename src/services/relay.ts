import type { Actor } from '../domain/people';
import { isPetitioner } from '../domain/permissions';
import { holdersOf } from './audience';
import { takeStep, toParties, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/**
 * R6: messages between the handler and the petitioner go through the bot, so an anonymous or
 * confidential petitioner can be asked questions without anyone learning who they are. The
 * notice to the petitioner is addressed by the core; the handler never sees the address.
 */
export function relay(core: Core, actor: Actor, number: string, text: string): Promise<StepResult> {
  return takeStep(core, actor, number, 'relay', async ({ m, view }) => {
    const message = requiredText(text, 'message', 2000);
    const fromPetitioner = isPetitioner(actor, view);
    const params = { number: view.petition.number, text: message };
    const notices = fromPetitioner
      ? toPeople(
          view.petition.ownerId !== null
            ? [view.petition.ownerId]
            : await holdersOf(m, 'handler', view.petition.leadDepartmentId),
          'message_from_petitioner',
          params,
        )
      : toParties(view, 'message_to_petitioner', params);
    return {
      event: {
        type: 'message_relayed',
        reason: message,
        data: { direction: fromPetitioner ? 'from_petitioner' : 'to_petitioner' },
      },
      notices,
    };
  });
}
