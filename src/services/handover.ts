import { isParty } from '../domain/permissions';
import { holds, type Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { actorByKeyOrName } from './actors';
import { takeStep, toParties, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/**
 * R27: the owner has left (deactivated by the organisation file) or is away; the department head
 * or an admin hands the case to another handler of the lead department, with a reason. From then
 * on the new owner is the handler for every rule; the first receiver stays the one who accepted
 * it (R8), and both are shown.
 */
export async function handover(
  core: Core,
  actor: Actor,
  number: string,
  handler: string,
  reason: string,
): Promise<StepResult> {
  const next = await actorByKeyOrName(core, handler);
  return takeStep(core, actor, number, 'handover', ({ view }) => {
    const { petition } = view;
    const lead = petition.leadDepartmentId;
    if (!holds(next, 'handler', lead) && !holds(next, 'department_head', lead)) {
      throw new Refusal('refusal.not_a_handler', { who: next.person.name, department: lead });
    }
    // R28: a case is never handed to someone it is from (by keyed hash for a case in custody).
    if (isParty(next.person.id, view)) {
      throw new Refusal('refusal.handover_to_party', {
        who: next.person.name,
        number: petition.number,
      });
    }
    if (petition.ownerId === next.person.id) {
      throw new Refusal('refusal.already_owner', {
        who: next.person.name,
        number: petition.number,
      });
    }
    const why = requiredText(reason, 'reason');
    return {
      event: {
        type: 'handed_over',
        reason: why,
        data: { from: petition.ownerId ?? 0, to: next.person.id },
      },
      changes: { ownerId: next.person.id },
      notices: [
        ...toPeople([next.person.id], 'handed_over', {
          number: petition.number,
          from: actor.person.name,
          reason: why,
        }),
        // R27: the owner who leaves knows the case is no longer theirs, and who has it now.
        ...toPeople([petition.ownerId], 'handed_over_from', {
          number: petition.number,
          to: next.person.name,
          reason: why,
        }),
        // R27: the petitioner is told who handles their case now (not why: that is internal).
        ...toParties(view, 'owner_changed', {
          number: petition.number,
          owner: next.person.name,
        }),
      ],
    };
  });
}
