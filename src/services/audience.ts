import type { EntityManager } from 'typeorm';
import { everyDepartment, type Role } from '../domain/people';

/**
 * Active people holding a role, in a department scope (or everywhere with '*') when given.
 * Notices are addressed to them.
 */
export async function holdersOf(m: EntityManager, role: Role, scope?: string): Promise<number[]> {
  const query = m
    .createQueryBuilder()
    .select('DISTINCT r.person_id', 'id')
    .from('role_assignments', 'r')
    .innerJoin('people', 'p', 'p.id = r.person_id AND p.active = :active', { active: true })
    .where('r.role = :role', { role });
  if (scope !== undefined) {
    query.andWhere('r.scope IN (:...scopes)', { scopes: [scope, everyDepartment] });
  }
  const rows: { id: number | string }[] = await query.orderBy('id').getRawMany();
  return rows.map((r) => Number(r.id));
}

/** The leader in charge of a department's area (R16), if the organisation names one. */
export async function leaderFor(m: EntityManager, departmentId: string): Promise<number | null> {
  const rows: { id: number | string }[] = await m
    .createQueryBuilder()
    .select('r.person_id', 'id')
    .from('role_assignments', 'r')
    .innerJoin('people', 'p', 'p.id = r.person_id AND p.active = :active', { active: true })
    .where('r.role = :role AND r.scope = :scope', { role: 'leader', scope: departmentId })
    .orderBy('r.id')
    .limit(1)
    .getRawMany();
  return rows.length > 0 ? Number(rows[0].id) : null;
}
