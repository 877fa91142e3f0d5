import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { holdersOf } from './audience';
import { takeStep, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

function knownDepartment(core: Core, id: string) {
  if (!core.org.departments.some((d) => d.id === id)) {
    throw new Refusal('refusal.unknown_department', { department: id });
  }
}

/** Hands the case to another lead department. The owner, once there is one, stays (R8). */
export function transfer(
  core: Core,
  actor: Actor,
  number: string,
  departmentId: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'transfer', async ({ m, view }) => {
    knownDepartment(core, departmentId);
    if (departmentId === view.petition.leadDepartmentId) {
      throw new Refusal('refusal.same_department', { department: departmentId });
    }
    const params = { number: view.petition.number, department: departmentId };
    return {
      event: {
        type: 'transferred',
        reason: requiredText(reason, 'reason'),
        data: { from: view.petition.leadDepartmentId, to: departmentId },
      },
      changes: { leadDepartmentId: departmentId },
      notices: [
        ...toPeople(await holdersOf(m, 'handler', departmentId), 'transferred_in', params),
        { kind: 'transferred_in', to: { kind: 'department_channel', id: departmentId }, params },
      ],
    };
  });
}

/** R3: a co-department (协同部门) contributes; ownership does not move. */
export function addCoDepartment(
  core: Core,
  actor: Actor,
  number: string,
  departmentId: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'addCoDepartment', async ({ m, view }) => {
    knownDepartment(core, departmentId);
    if (
      departmentId === view.petition.leadDepartmentId ||
      view.coDepartments.includes(departmentId)
    ) {
      throw new Refusal('refusal.already_involved', { department: departmentId });
    }
    return {
      coDepartments: [departmentId],
      event: { type: 'co_department_added', data: { department: departmentId } },
      notices: toPeople(await holdersOf(m, 'handler', departmentId), 'co_department_added', {
        number: view.petition.number,
        department: departmentId,
      }),
    };
  });
}
