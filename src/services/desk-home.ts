import { In, IsNull } from 'typeorm';
import { everyDepartment, holds, scopesOf, type Actor } from '../domain/people';
import { NoticeEntity, PolicyEntity } from '../store/entities';
import { endOfWeek } from './case-filter';
import { today, type Core } from './core';
import { countCases } from './find';

/** R29: what needs action now, as the home dashboard (App Home, Lark welcome card) shows it. */
export interface ActionCounts {
  overdue: number;
  dueThisWeek: number;
  /** Notices the outbox gave up on (wrong address, no permission); null for all but the office. */
  parked: number | null;
  /** R17: policies not yet signed off, for the office and the leaders in charge; else null. */
  unsignedPolicies: number | null;
}

/** The petition office: an admin, or a handler or head of every department. */
function isOffice(actor: Actor): boolean {
  const works = [...scopesOf(actor, 'handler'), ...scopesOf(actor, 'department_head')];
  return holds(actor, 'admin') || works.includes(everyDepartment);
}

/**
 * The counts that need action, over the cases the reader may see (R15): cases unanswered past
 * their deadline, and open cases due by Sunday, as `list 超期` and `list 本周到期` list them; for the office also the parked notices, which nobody received. Null
 * for people who handle, lead or read nothing (an employee's home has their own petitions).
 */
export async function actionCounts(core: Core, actor: Actor): Promise<ActionCounts | null> {
  const desk = (['handler', 'department_head', 'leader', 'party_reader', 'admin'] as const).some(
    (role) => holds(actor, role),
  );
  if (!desk) return null;
  const [overdue, dueThisWeek, parked] = await Promise.all([
    countCases(core, actor, { overdue: true }),
    countCases(core, actor, { dueBy: endOfWeek(today(core)) }),
    isOffice(actor) ? core.store.manager.countBy(NoticeEntity, { state: 'parked' }) : null,
  ]);
  return { overdue, dueThisWeek, parked, unsignedPolicies: await unsignedPolicies(core, actor) };
}

/** The policies awaiting sign-off that the reader oversees: all for the office, a leader's areas. */
function unsignedPolicies(core: Core, actor: Actor): Promise<number | null> {
  const leads = scopesOf(actor, 'leader');
  const unsigned = { signedOffBy: IsNull() };
  if (isOffice(actor) || leads.includes(everyDepartment)) {
    return core.store.manager.countBy(PolicyEntity, unsigned);
  }
  if (leads.length === 0) return Promise.resolve(null);
  return core.store.manager.countBy(PolicyEntity, { ...unsigned, departmentId: In(leads) });
}
