import { holds, type Actor } from '../domain/people';
import type { Policy } from '../domain/catalogue';
import { Refusal } from '../domain/refusal';
import { PolicyEntity } from '../store/entities';
import type { Core } from './core';
import { requiredText } from './input';

export interface PolicyForm {
  title: string;
  riskPoints: string;
  mitigation: string;
}

/**
 * R17: before a major policy (pay reform, post adjustment) a department head registers its risk
 * points and mitigation plan; petitions can then name it when filed, and digests count them.
 */
export async function registerPolicy(core: Core, actor: Actor, form: PolicyForm): Promise<Policy> {
  const department = actor.person.departmentId;
  if (!department || !holds(actor, 'department_head', department)) {
    throw new Refusal('refusal.policy_head_only');
  }
  const policy = {
    departmentId: department,
    title: requiredText(form.title, 'title', 191),
    riskPoints: requiredText(form.riskPoints, 'riskPoints'),
    mitigation: requiredText(form.mitigation, 'mitigation'),
    registeredBy: actor.person.id,
    registeredAt: core.clock.now(),
  };
  return core.store.transaction((m) => m.save(PolicyEntity, policy));
}
