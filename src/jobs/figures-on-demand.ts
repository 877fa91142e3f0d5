import { daysBetween, addDays, startOfLocalDay } from '../calendar/local-date';
import type { Report } from '../domain/figures';
import { namedPeriod, type Days } from '../domain/named-period';
import { everyDepartment, holds, scopesOf, type Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { today, type Core } from '../services/core';
import { buildReport } from './reports';

/**
 * R22 R15: the scope a person's figures cover: the company for the petition office (`'*'`),
 * leaders of every area, the party committee and admins; a leader's areas; the departments a
 * head or handler works. Null for anyone else: an employee has no register to count.
 */
export function figureScope(actor: Actor): string | null {
  const departments = [
    ...scopesOf(actor, 'leader'),
    ...scopesOf(actor, 'department_head'),
    ...scopesOf(actor, 'handler'),
  ];
  if (
    holds(actor, 'admin') ||
    holds(actor, 'party_reader') ||
    departments.includes(everyDepartment)
  ) {
    return 'company';
  }
  return departments.length > 0 ? [...new Set(departments)].sort().join(',') : null;
}

function window(core: Core, days: Days) {
  const zone = core.rules.timeZone;
  return { ...days, from: startOfLocalDay(days.first, zone), to: startOfLocalDay(days.end, zone) };
}

/**
 * R22 on demand: the weekly summary's figures for the asker's scope and the period they name
 * (本月, 2026-Q3, 近4周…), beside the period of the same length just before it.
 */
export async function figuresOnDemand(core: Core, actor: Actor, period: string): Promise<Report> {
  const scope = figureScope(actor);
  if (scope === null) throw new Refusal('desk.no_figures');
  const days = namedPeriod(period, today(core));
  const length = daysBetween(days.first, days.end);
  const before = { first: addDays(days.first, -length), end: days.first };
  return buildReport(
    core.store.manager,
    window(core, days),
    window(core, before),
    scope,
    core.org.thresholds,
  );
}
