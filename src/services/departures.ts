import { In } from 'typeorm';
import { steps } from '../domain/lifecycle';
import type { NewNotice } from '../notices/outbox';
import { PersonEntity, PetitionEntity } from '../store/entities';
import { holdersOf } from './audience';
import type { Core } from './core';

/**
 * R27: owners the organisation file no longer lists (deactivated by the sync) who still own
 * cases that can be handed over, each told once to the heads of the cases' lead department with
 * the cases' numbers, so that no case waits for someone who has left.
 */
export async function departedOwners(core: Core): Promise<NewNotice[]> {
  const m = core.store.manager;
  const gone = await m.find(PersonEntity, { where: { active: false }, select: { id: true } });
  if (gone.length === 0) return [];
  const stuck = await m.find(PetitionEntity, {
    where: { ownerId: In(gone.map((p) => p.id)), state: In([...steps.handover.from]) },
    select: { id: true, number: true, ownerId: true, leadDepartmentId: true },
    order: { id: 'ASC' },
  });
  const groups = new Map<string, { ownerId: number; department: string; numbers: string[] }>();
  for (const p of stuck) {
    const key = `${p.ownerId}:${p.leadDepartmentId}`;
    const group = groups.get(key) ?? {
      ownerId: p.ownerId as number,
      department: p.leadDepartmentId,
      numbers: [],
    };
    group.numbers.push(p.number);
    groups.set(key, group);
  }
  const notices: NewNotice[] = [];
  for (const g of groups.values()) {
    const owner = await m.findOneByOrFail(PersonEntity, { id: g.ownerId });
    for (const head of await holdersOf(m, 'department_head', g.department)) {
      notices.push({
        kind: 'owner_deactivated',
        params: { owner: owner.name, count: g.numbers.length, numbers: g.numbers.join('、') },
        to: { kind: 'person', id: String(head) },
        // Once a departure: someone who returns and leaves again is reported again.
        dedupeKey: `owner-deactivated:${g.ownerId}:${owner.leftAt?.getTime() ?? 0}:${g.department}:${head}`,
      });
    }
  }
  return notices;
}
