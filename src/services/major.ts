import type { MajorTrigger } from '../domain/history';
import { holds, type Actor, type StepActor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { actorById } from './actors';
import { holdersOf, leaderFor } from './audience';
import { loadCase } from './case-view';
import { takeStep, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/**
 * R16: flags a case major (领导包案): the major time limit applies and the leader in charge of the
 * area is assigned and told, unless a leader already follows it.
 */
export function flagMajor(
  core: Core,
  actor: StepActor,
  number: string,
  trigger: MajorTrigger,
  reason?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'flagMajor', async ({ m, view }) => {
    if (view.petition.major) throw new Refusal('refusal.already_major', { number });
    const leaderId = view.petition.leaderId ?? (await leaderFor(m, view.petition.leadDepartmentId));
    const assigned = view.petition.leaderId === null && leaderId !== null;
    // A case flagged for being overdue keeps its deadline: a longer limit would hide the delay.
    const overdue = trigger === 'long_overdue' || trigger === 'statutory_overdue';
    const limitWorkingDays = overdue ? 0 : core.org.timeLimits.major;
    return {
      event: {
        type: 'flagged_major',
        reason: trigger === 'manual' ? requiredText(reason, 'reason') : reason?.trim() || null,
        data: { trigger, limitWorkingDays, leaderId },
      },
      // The leader in charge of the area is the rules' choice (R16): the bot assigns them.
      then: assigned ? [{ by: 'bot', event: { type: 'leader_assigned', data: { leaderId } } }] : [],
      changes: { major: true, leaderId },
      notices: toPeople([leaderId], 'leader_assigned', {
        number: view.petition.number,
        trigger,
      }),
    };
  });
}

/** R16: the leaders a case may be given: those in charge of its lead department's area. */
export async function leadersInCharge(core: Core, number: string): Promise<Actor[]> {
  const { petition } = await loadCase(core.store.manager, number, false);
  const ids = await holdersOf(core.store.manager, 'leader', petition.leadDepartmentId);
  return Promise.all(ids.map((id) => actorById(core, id)));
}

/** R16: names (or changes) the leader who owns a case: one in charge of the case's area. */
export async function assignLeader(
  core: Core,
  actor: Actor,
  number: string,
  leaderId: number,
): Promise<StepResult> {
  const leader = await actorById(core, leaderId);
  return takeStep(core, actor, number, 'assignLeader', ({ view }) => {
    if (!holds(leader, 'leader', view.petition.leadDepartmentId)) {
      throw new Refusal('refusal.leader_not_in_charge', {
        who: leader.person.name,
        number: view.petition.number,
      });
    }
    return {
      event: { type: 'leader_assigned', data: { leaderId } },
      changes: { leaderId },
      notices: toPeople([leaderId], 'leader_assigned', {
        number: view.petition.number,
        trigger: 'manual',
      }),
    };
  });
}
