import { In, MoreThan, type EntityManager } from 'typeorm';
import { addDays, daysBetween, type LocalDate } from '../calendar/local-date';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-calendar';
import { deadlinesOf, overdueWorkingDays, statutoryOverdueDays } from '../domain/deadlines';
import { pendingExtension, type CaseEvent } from '../domain/history';
import { timedStates } from '../domain/lifecycle';
import { theBot, type Role } from '../domain/people';
import type { Petition } from '../domain/petition';
import type { NoticePayload } from '../notices/notice';
import { addNotices, type NewNotice } from '../notices/outbox';
import { Refusal } from '../domain/refusal';
import { holdersOf, leaderFor } from '../services/audience';
import { flagMajor } from '../services/major';
import { today, type Core } from '../services/core';
import { historiesOf } from '../store/audit-trail';
import { NoticeEntity, PetitionEntity } from '../store/entities';

/** Cases are swept a page at a time, each page's histories in one query. */
const page = 1000;

/** Who holds a role in a department, asked once per sweep. */
class Audience {
  private readonly known = new Map<string, Promise<number[]>>();

  constructor(private readonly m: EntityManager) {}

  of(role: Role, department: string): Promise<number[]> {
    const key = `${role}:${department}`;
    if (!this.known.has(key)) {
      this.known.set(
        key,
        role === 'leader'
          ? leaderFor(this.m, department).then((id) => (id === null ? [] : [id]))
          : holdersOf(this.m, role, department || undefined),
      );
    }
    return this.known.get(key) as Promise<number[]>;
  }
}

async function remindersFor(
  core: Core,
  audience: Audience,
  petition: Petition,
  history: CaseEvent[],
  day: LocalDate,
): Promise<NewNotice[]> {
  const deadlines = deadlinesOf(history, core.rules, core.calendar);
  const notices: NewNotice[] = [];
  const number = petition.number;
  const remind = (people: (number | null)[], reminder: NoticePayload) => {
    for (const id of new Set(people.filter((p): p is number => p !== null))) {
      notices.push({
        ...reminder,
        to: { kind: 'person', id: String(id) },
        petitionId: petition.id,
        dedupeKey: `reminder:${petition.id}:${reminder.kind}:${day}:${id}`,
      });
    }
  };
  const lead = petition.leadDepartmentId;
  if (deadlines.reviewDue) {
    // R13: the leading group decides a review within its statutory window.
    const board = await audience.of('review_board', '');
    const params = { number, due: deadlines.reviewDue };
    if (day > deadlines.reviewDue) remind(board, { kind: 'review_overdue', params });
    else if (deadlines.reviewDue <= addDays(day, 3)) {
      remind(board, { kind: 'review_due_soon', params });
    }
    return notices;
  }
  const overdue = overdueWorkingDays(deadlines, core.calendar, day);
  if (petition.state === 'submitted') {
    if (overdue > 0) {
      const people = [
        ...(await audience.of('handler', lead)),
        ...(await audience.of('department_head', lead)),
      ];
      remind(people, {
        kind: 'acceptance_overdue',
        params: {
          number,
          due: deadlines.acceptanceDue,
          days: overdue,
          provisional: deadlines.provisional,
        },
      });
    }
    // R9: the statutory 15 days to register and route it, past which the head and the leader act.
    const registerBy = deadlines.registerBy;
    if (registerBy && day > registerBy) {
      const leaders = petition.leaderId ? [petition.leaderId] : await audience.of('leader', lead);
      remind([...(await audience.of('department_head', lead)), ...leaders], {
        kind: 'register_overdue',
        params: { number, due: registerBy, days: daysBetween(registerBy, day) },
      });
    }
    return notices;
  }
  // R9: the statutory clock runs through every pause but a hearing's or an appraisal's, so it is
  // watched even while the company's clock stands.
  const statutory = deadlines.statutoryHandlingDue;
  const pastStatutory = statutoryOverdueDays(deadlines, day);
  if (statutory && pastStatutory > 0) {
    const leaders = petition.leaderId ? [petition.leaderId] : await audience.of('leader', lead);
    remind([petition.ownerId, ...(await audience.of('department_head', lead)), ...leaders], {
      kind: 'statutory_overdue',
      params: { number, due: statutory, days: pastStatutory },
    });
    if (!petition.major) await flagOverdue(core, petition.number, 'statutory_overdue');
  } else if (
    statutory &&
    statutory > day &&
    (statutory <= addDays(day, 3) || statutory < addWorkingDays(core.calendar, day, 1))
  ) {
    // Checked on working days only: three days ahead, and on the last working day before rest
    // days within which the window closes (a Spring Festival week is longer than three days).
    remind([petition.ownerId], {
      kind: 'statutory_due_soon',
      params: { number, due: statutory, days: daysBetween(day, statutory) },
    });
  }
  if (deadlines.paused) return notices;
  const due = deadlines.handlingDue;
  if (due && workingDaysBetween(core.calendar, day, due) === 1) {
    remind([petition.ownerId], {
      kind: 'due_soon',
      params: { number, due, provisional: deadlines.provisional },
    });
  }
  if (overdue > 0) {
    remind(await audience.of('department_head', lead), {
      kind: 'overdue',
      params: { number, due, days: overdue, provisional: deadlines.provisional },
    });
  }
  if (overdue >= core.org.thresholds.longOverdueWorkingDays) {
    const leaders = petition.leaderId ? [petition.leaderId] : await audience.of('leader', lead);
    remind(leaders, {
      kind: 'long_overdue',
      params: { number, due, days: overdue, provisional: deadlines.provisional },
    });
    if (!petition.major) await flagOverdue(core, petition.number, 'long_overdue');
  }
  const request = pendingExtension(history);
  if (request) {
    const deciders = [...(await audience.of('department_head', lead)), petition.leaderId];
    remind(
      deciders.filter((id) => id !== request.actorId),
      { kind: 'extension_waiting', params: { number } },
    );
  }
  return notices;
}

/**
 * R16: a long-unresolved case (久拖未决), or one past its statutory window, becomes major and goes
 * to the leader in charge.
 */
async function flagOverdue(
  core: Core,
  number: string,
  trigger: 'long_overdue' | 'statutory_overdue',
) {
  try {
    await flagMajor(core, theBot, number, trigger);
  } catch (e) {
    // Another instance flagged it first: the case is major either way.
    if (!(e instanceof Refusal)) throw e;
  }
}

/**
 * R18: what is due today, computed from the database and each case's history, so a day the bot
 * was down is caught up on the next run. Every reminder is keyed on case, kind, day and
 * recipient: however often and on however many instances this runs, each is written once.
 * Closed, withdrawn and paused cases get none, and nobody is reminded on a rest day.
 * Returns how many reminders were new.
 */
export async function sweepReminders(core: Core): Promise<number> {
  const m = core.store.manager;
  const day = today(core);
  // Nobody works on a rest day; the first working day after it sees everything still due.
  if (!core.calendar.isWorkingDay(day)) return 0;
  const now = core.clock.now();
  const audience = new Audience(m);
  let added = 0;
  for (let after = 0; ;) {
    const open = await m.find(PetitionEntity, {
      where: { state: In(timedStates), id: MoreThan(after) },
      order: { id: 'ASC' },
      take: page,
    });
    if (open.length === 0) return added;
    after = open[open.length - 1].id;
    const histories = await historiesOf(
      m,
      open.map((p) => p.id),
    );
    const notices: NewNotice[] = [];
    for (const petition of open) {
      notices.push(
        ...(await remindersFor(core, audience, petition, histories.get(petition.id) ?? [], day)),
      );
    }
    // Most reminders of a later run today exist already: write only the new ones.
    const keys = notices.map((n) => n.dedupeKey);
    const known = new Set(
      keys.length === 0
        ? []
        : (
            await m.find(NoticeEntity, {
              select: { dedupeKey: true },
              where: { dedupeKey: In(keys) },
            })
          ).map((n) => n.dedupeKey),
    );
    const fresh = notices.filter((n) => !known.has(n.dedupeKey));
    await core.store.transaction((tx) => addNotices(tx, now, fresh, core.store));
    added += fresh.length;
  }
}
