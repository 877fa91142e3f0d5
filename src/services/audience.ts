import type { EntityManager } from 'typeorm';
import { everyDepartment, type Role } from '../domain/people';

/**
 * Active people holding a role, in a department scope (or everywhere with '*') when given.
 * Notices are addressed to them.
 */
export async function holdersOf(m: EntityManager, role: Role, scope?: string): Promise<number[]> {
  if (scope !== undefined) return (await holdersIn(m, role, [scope])).get(scope) ?? [];
  const rows: { id: number | string }[] = await m
    .createQueryBuilder()
    .select('DISTINCT r.person_id', 'id')
    .from('role_assignments', 'r')
    .innerJoin('people', 'p', 'p.id = r.person_id AND p.active = :active', { active: true })
    .where('r.role = :role', { role })
    .orderBy('id')
    .getRawMany();
  return rows.map((r) => Number(r.id));
}

/**
 * The active holders of a role in each of several department scopes (with those holding it
 * everywhere), in one statement: a filing tells its lead and co-departments' handlers.
 */
export async function holdersIn(
  m: EntityManager,
  role: Role,
  scopes: string[],
): Promise<Map<string, number[]>> {
  const rows: { id: number | string; scope: string }[] = await m
    .createQueryBuilder()
    .select('r.person_id', 'id')
    .addSelect('r.scope', 'scope')
    .from('role_assignments', 'r')
    .innerJoin('people', 'p', 'p.id = r.person_id AND p.active = :active', { active: true })
    .where('r.role = :role AND r.scope IN (:...scopes)', {
      role,
      scopes: [...scopes, everyDepartment],
    })
    .orderBy('r.person_id')
    .getRawMany();
  const holding = (scope: string) =>
    rows.filter((r) => r.scope === scope || r.scope === everyDepartment).map((r) => Number(r.id));
  return new Map(scopes.map((scope) => [scope, [...new Set(holding(scope))]]));
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
