import type { EntityManager } from 'typeorm';
import { addDays, daysBetween, type LocalDate } from '../calendar/local-date';
import { addWorkingDays } from '../calendar/working-calendar';
import type { DeadlineProjection } from '../domain/deadline-projection';
import { overdueWorkingDays, statutoryOverdueDays } from '../domain/deadlines';
import { timedStates } from '../domain/lifecycle';
import { theBot, type Role } from '../domain/people';
import type { Petition } from '../domain/petition';
import type { NoticePayload } from '../notices/notice';
import type { CaseParties } from '../domain/permissions';
import {
  addNotices,
  casePartiesOf,
  partyColumns,
  type NewNotice,
  type PartyRow,
} from '../notices/outbox';
import { Refusal } from '../domain/refusal';
import { holdersOf, leaderFor } from '../services/audience';
import { flagMajor } from '../services/major';
import { today, type Core } from '../services/core';
import { PageWrites } from './page-writes';

/**
 * Due cases are swept a page at a time. A small page gets the first reminders written sooner:
 * the pages after it are read and decided while it is written.
 */
export const sweepPage = 1000;

/**
 * Pages whose reminders are written at the same time, each in its own transaction: the writes,
 * not the reads, take most of a sweep, and MySQL/MariaDB run two side by side (SQLite queues
 * them). Their keys are distinct, and a deadlock between them is a lost conflict the store runs
 * again.
 */
const pagesWrittenAtOnce = 2;

/** What the rules read of a due case: its columns and its deadline projection. */
type DueCase = Pick<
  Petition,
  'id' | 'number' | 'state' | 'leadDepartmentId' | 'leaderId' | 'ownerId' | 'major'
>;
type DueDeadlines = Pick<
  DeadlineProjection,
  | 'acceptanceDue'
  | 'registerBy'
  | 'handlingDue'
  | 'statutoryHandlingDue'
  | 'reviewDue'
  | 'paused'
  | 'provisional'
  | 'extensionPending'
  | 'extensionRequester'
  | 'remindFrom'
>;

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

/** The sweep's day and the days its rules compare deadlines with, worked out once per sweep. */
interface SweepDay {
  day: LocalDate;
  inThreeDays: LocalDate;
  /** The next working day after it, and the one after that. */
  nextWorkingDay: LocalDate;
  secondWorkingDay: LocalDate;
}

function sweepDay(core: Core, day: LocalDate): SweepDay {
  return {
    day,
    inThreeDays: addDays(day, 3),
    nextWorkingDay: addWorkingDays(core.calendar, day, 1),
    secondWorkingDay: addWorkingDays(core.calendar, day, 2),
  };
}

async function remindersFor(
  core: Core,
  audience: Audience,
  petition: DueCase,
  deadlines: DueDeadlines,
  on: SweepDay,
): Promise<NewNotice[]> {
  const { day } = on;
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
    else if (deadlines.reviewDue <= on.inThreeDays) {
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
    (statutory <= on.inThreeDays || statutory < on.nextWorkingDay)
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
  // Exactly one working day left: due on the next working day or a rest day before the second.
  if (due && due >= on.nextWorkingDay && due < on.secondWorkingDay) {
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
  if (deadlines.extensionPending) {
    const deciders = [...(await audience.of('department_head', lead)), petition.leaderId];
    remind(
      deciders.filter((id) => id !== deadlines.extensionRequester),
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

/** Keys asked about per statement: far under SQLite's 32,766 bound values, whatever a page holds. */
const keysAsked = 5000;

/** Which of these notice keys are in the outbox already. */
async function writtenKeys(m: EntityManager, keys: string[]): Promise<Set<string>> {
  const written = new Set<string>();
  for (let i = 0; i < keys.length; i += keysAsked) {
    const some = keys.slice(i, i + keysAsked);
    const rows = (await m.query(
      `SELECT dedupe_key AS k FROM notices WHERE dedupe_key IN (${some.map(() => '?').join(', ')})`,
      some,
    )) as { k: string }[];
    for (const r of rows) written.add(r.k);
  }
  return written;
}

interface DueRow extends PartyRow {
  id: number;
  number: string;
  state: Petition['state'];
  leadDepartmentId: string;
  leaderId: number | null;
  ownerId: number | null;
  major: unknown;
  acceptanceDue: string | null;
  registerBy: string | null;
  handlingDue: string | null;
  statutoryHandlingDue: string | null;
  reviewDue: string | null;
  paused: unknown;
  provisional: unknown;
  extensionPending: unknown;
  extensionRequester: number | null;
  remindFrom: string;
}

const flag = (v: unknown) => v === true || Number(v) === 1;

/**
 * The next page of timed cases whose first reminder day has come, in the order of the
 * projection's index on that day (then the case), after the last one read.
 */
async function duePage(
  m: EntityManager,
  day: LocalDate,
  after: { from: string; id: number } | null,
): Promise<DueRow[]> {
  const query = m
    .createQueryBuilder()
    .select([
      'p.id AS id',
      'p.number AS number',
      'p.state AS state',
      'p.lead_department_id AS leadDepartmentId',
      'p.leader_id AS leaderId',
      'p.owner_id AS ownerId',
      'p.major AS major',
      'd.acceptance_due AS acceptanceDue',
      'd.register_by AS registerBy',
      'd.handling_due AS handlingDue',
      'd.statutory_handling_due AS statutoryHandlingDue',
      'd.review_due AS reviewDue',
      'd.paused AS paused',
      'd.provisional AS provisional',
      'd.extension_pending AS extensionPending',
      'd.extension_requester AS extensionRequester',
      'd.remind_from AS remindFrom',
    ])
    // R28: who each case is from, read with it rather than again as its reminders are written.
    .addSelect(partyColumns)
    .from('deadline_projections', 'd')
    .innerJoin('petitions', 'p', 'p.id = d.petition_id')
    .leftJoin('petition_parties', 'x', 'x.petition_id = p.id')
    .leftJoin('custody', 'c', 'c.petition_id = p.id')
    .where('d.remind_from <= :day', { day })
    .andWhere('p.state IN (:...states)', { states: timedStates });
  if (after) {
    query.andWhere(
      '(d.remind_from > :from OR (d.remind_from = :from AND d.petition_id > :id))',
      after,
    );
  }
  return query.orderBy('d.remind_from').addOrderBy('d.petition_id').limit(sweepPage).getRawMany();
}

/**
 * R18: what is due today, computed from the database, so a day the bot was down is caught up on
 * the next run. Only the cases whose first reminder day (kept in their deadline projection by
 * every step) has come are read, through an index; the rules then decide on their projected
 * deadlines what each is reminded of. Every reminder is keyed on case, kind, day and recipient:
 * however often and on however many instances this runs, each is written once. Closed, withdrawn
 * and paused cases get none, and nobody is reminded on a rest day. Returns how many reminders
 * were new.
 */
export async function sweepReminders(core: Core): Promise<number> {
  const m = core.store.manager;
  const day = today(core);
  // Nobody works on a rest day; the first working day after it sees everything still due.
  if (!core.calendar.isWorkingDay(day)) return 0;
  const now = core.clock.now();
  const audience = new Audience(m);
  const on = sweepDay(core, day);
  // Each page is read, and its reminders decided, while the pages before it are being written.
  const writes = new PageWrites(pagesWrittenAtOnce);
  try {
    let next = duePage(m, day, null);
    for (;;) {
      await writes.check();
      const due = await next;
      if (due.length === 0) break;
      const last = due[due.length - 1];
      next =
        due.length < sweepPage
          ? Promise.resolve([])
          : duePage(m, day, { from: last.remindFrom, id: Number(last.id) });
      // Awaited on the next turn, which then fails with it; until then it is not left unhandled.
      next.catch(() => undefined);
      const notices: NewNotice[] = [];
      const parties = new Map<number, CaseParties>();
      for (const row of due) {
        parties.set(Number(row.id), casePartiesOf(row, core.store));
        const petition: DueCase = { ...row, id: Number(row.id), major: flag(row.major) };
        const deadlines: DueDeadlines = {
          ...row,
          paused: flag(row.paused),
          provisional: flag(row.provisional),
          extensionPending: flag(row.extensionPending),
        };
        notices.push(...(await remindersFor(core, audience, petition, deadlines, on)));
      }
      if (notices.length === 0) continue;
      // Most reminders of a later run today exist already: only the new ones are written. The
      // check goes with the page's write, beside the next page's reading and deciding.
      await writes.start(async () => {
        const known = await writtenKeys(
          m,
          notices.map((n) => n.dedupeKey),
        );
        const fresh = notices.filter((n) => !known.has(n.dedupeKey));
        if (fresh.length === 0) return 0;
        return core.store.transaction((tx) => addNotices(tx, now, fresh, core.store, parties));
      });
    }
  } catch (e) {
    await writes.settled();
    throw e;
  }
  return writes.finish();
}
