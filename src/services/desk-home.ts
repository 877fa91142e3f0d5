import { everyDepartment, holds, scopesOf, type Actor } from '../domain/people';
import { NoticeEntity } from '../store/entities';
import { endOfWeek } from './case-filter';
import { today, type Core } from './core';
import { countCases } from './find';

/** R29: what needs action now, as the home dashboard (App Home, Lark welcome card) shows it. */
export interface ActionCounts {
  overdue: number;
  dueThisWeek: number;
  /** Notices the outbox gave up on (wrong address, no permission); null for all but the office. */
  parked: number | null;
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
  return { overdue, dueThisWeek, parked };
}
