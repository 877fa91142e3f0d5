import { In } from 'typeorm';
import { addDays } from '../calendar/local-date';
import { workingDaysBetween } from '../calendar/working-calendar';
import { deadlinesOf, overdueWorkingDays } from '../domain/deadlines';
import { pendingExtension } from '../domain/history';
import { openStates } from '../domain/lifecycle';
import type { NoticeKind } from '../notices/notice';
import { addNotices, type NewNotice } from '../notices/outbox';
import { historyOf } from '../store/audit-trail';
import { NoticeEntity, PetitionEntity } from '../store/entities';
import { holdersOf, leaderFor } from '../services/audience';
import { today, type Core } from '../services/core';

/**
 * R18: what is due today, computed from the database and each case's history, so a day the bot
 * was down is caught up on the next run. Every reminder is keyed on case, kind, day and
 * recipient: however often and on however many instances this runs, each is written once.
 * Closed, withdrawn and paused cases get none, and nobody is reminded on a rest day.
 */
export async function sweepReminders(core: Core): Promise<number> {
  const m = core.store.manager;
  const day = today(core);
  // Nobody works on a rest day; the first working day after it sees everything still due.
  if (!core.calendar.isWorkingDay(day)) return 0;
  const now = core.clock.now();
  const open = await m.find(PetitionEntity, { where: { state: In([...openStates]) } });
  const notices: NewNotice[] = [];
  for (const petition of open) {
    const history = await historyOf(m, petition.id);
    const deadlines = deadlinesOf(history, core.rules, core.calendar);
    if (deadlines.paused) continue;
    const remind = (kind: NoticeKind, people: (number | null)[], extra = {}) => {
      for (const id of new Set(people.filter((p): p is number => p !== null))) {
        notices.push({
          kind,
          to: { kind: 'person', id: String(id) },
          petitionId: petition.id,
          params: { number: petition.number, ...extra },
          dedupeKey: `reminder:${petition.id}:${kind}:${day}:${id}`,
        });
      }
    };
    const lead = petition.leadDepartmentId;
    const overdue = overdueWorkingDays(deadlines, core.calendar, day);
    if (petition.state === 'submitted') {
      if (overdue > 0) {
        remind(
          'acceptance_overdue',
          [
            ...(await holdersOf(m, 'handler', lead)),
            ...(await holdersOf(m, 'department_head', lead)),
          ],
          { due: deadlines.acceptanceDue, days: overdue },
        );
      }
      continue;
    }
    const due = deadlines.handlingDue;
    if (due && workingDaysBetween(core.calendar, day, due) === 1) {
      remind('due_soon', [petition.ownerId], { due });
    }
    const statutory = deadlines.statutoryHandlingDue;
    if (statutory && addDays(day, 1) === statutory) {
      remind('statutory_due_soon', [petition.ownerId], { due: statutory });
    }
    if (overdue > 0) {
      remind('overdue', await holdersOf(m, 'department_head', lead), { due, days: overdue });
    }
    if (overdue >= core.org.thresholds.longOverdueWorkingDays) {
      remind('long_overdue', [petition.leaderId ?? (await leaderFor(m, lead))], {
        due,
        days: overdue,
      });
    }
    const request = pendingExtension(history);
    if (request) {
      remind(
        'extension_waiting',
        [...(await holdersOf(m, 'department_head', lead)), petition.leaderId].filter(
          (id) => id !== request.actorId,
        ),
      );
    }
  }
  const keys = notices.map((n) => n.dedupeKey);
  const known = keys.length > 0 ? await m.countBy(NoticeEntity, { dedupeKey: In(keys) }) : 0;
  await addNotices(m, now, notices);
  return notices.length - known;
}
