import { In, type EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import {
  deadlinesOf,
  overdueWorkingDays,
  statutoryOverdueDays,
  type Deadlines,
} from '../domain/deadlines';
import { detailsOf, type EventDetail } from '../domain/event-details';
import type { EventType } from '../domain/history';
import { openStates } from '../domain/lifecycle';
import { holds, scopesOf, everyDepartment, type Actor } from '../domain/people';
import { maySee, maySeeIdentity, type CaseView } from '../domain/permissions';
import type { Mode, Petition, Rating } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { historyOf } from '../store/audit-trail';
import { PersonEntity, PetitionEntity } from '../store/entities';
import { caseOf, loadCase } from './case-view';
import { today, type Core } from './core';

/** One line of a list; `petitioner` is null where the reader may not see who filed (R6). */
export interface PetitionSummary {
  number: string;
  state: Petition['state'];
  categoryId: string;
  leadDepartmentId: string;
  mode: Mode;
  major: boolean;
  filedAt: Date;
  owner: string | null;
  petitioner: string | null;
  due: LocalDate | null;
  /** R31: `due` falls in a year without official holidays and was counted Monday to Friday. */
  dueProvisional: boolean;
  paused: boolean;
  overdueWorkingDays: number;
  /** R9: calendar days past the statutory handling window. */
  statutoryOverdueDays: number;
}

export interface HistoryEntry {
  seq: number;
  type: EventType;
  at: Date;
  /** Null for the system, or for the petitioner where their identity is hidden from the reader. */
  actor: string | null;
  /** The petitioner acted here and the reader may not know who they are (R6). */
  actorHidden: boolean;
  reason: string | null;
  /** What the event recorded, people left out (they are named as actors, or hidden: R6). */
  details: EventDetail[];
}

export interface CaseFile extends PetitionSummary {
  content: string;
  contact: string | null;
  attachments: string | null;
  peopleConcerned: number;
  coDepartments: string[];
  leader: string | null;
  rating: Rating | null;
  resolvedAtTeam: boolean;
  closedAt: Date | null;
  /** R23: where the paper file is kept, and whether a legal hold keeps the case from destruction. */
  paperCopy: string | null;
  legalHold: boolean;
  deadlines: Deadlines;
  history: HistoryEntry[];
}

async function namesOf(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const people = await m.findBy(PersonEntity, { id: In(wanted) });
  return new Map(people.map((p) => [p.id, p.name]));
}

async function describe(core: Core, actor: Actor, view: CaseView): Promise<CaseFile> {
  const m = core.store.manager;
  const { petition, party } = view;
  const history = await historyOf(m, petition.id);
  const deadlines = deadlinesOf(history, core.rules, core.calendar);
  const identity = maySeeIdentity(actor, view);
  const names = await namesOf(m, [
    petition.ownerId,
    petition.leaderId,
    party.petitionerId,
    ...history.map((e) => e.actorId),
  ]);
  // The liaison who filed for a worker would point to the worker's team: hidden alike (R6).
  const hidden = new Set(identity ? [] : [party.petitionerId, party.filedById]);
  const nameOf = (id: number | null) =>
    id === null || hidden.has(id) ? null : (names.get(id) ?? null);
  return {
    number: petition.number,
    state: petition.state,
    categoryId: petition.categoryId,
    leadDepartmentId: petition.leadDepartmentId,
    mode: petition.mode,
    major: petition.major,
    filedAt: petition.filedAt,
    owner: nameOf(petition.ownerId),
    petitioner: identity ? (nameOf(party.petitionerId) ?? party.petitionerName) : null,
    due: deadlines.handlingDue ?? deadlines.acceptanceDue,
    dueProvisional: deadlines.provisional,
    paused: deadlines.paused,
    overdueWorkingDays: overdueWorkingDays(deadlines, core.calendar, today(core)),
    statutoryOverdueDays: statutoryOverdueDays(deadlines, today(core)),
    content: petition.content,
    contact: identity ? party.contact : null,
    attachments: petition.attachments,
    peopleConcerned: petition.peopleConcerned,
    coDepartments: view.coDepartments,
    leader: nameOf(petition.leaderId),
    rating: petition.rating,
    resolvedAtTeam: petition.resolvedAtTeam,
    closedAt: petition.closedAt,
    paperCopy: petition.paperCopy,
    legalHold: petition.legalHold,
    deadlines,
    history: history.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at,
      actor: nameOf(e.actorId),
      actorHidden: e.actorId !== null && hidden.has(e.actorId),
      reason: e.reason,
      details: detailsOf(e),
    })),
  };
}

function summary(file: CaseFile): PetitionSummary {
  const { number, state, categoryId, leadDepartmentId, mode, major, filedAt, owner } = file;
  return {
    number,
    state,
    categoryId,
    leadDepartmentId,
    mode,
    major,
    filedAt,
    owner,
    petitioner: file.petitioner,
    due: file.due,
    dueProvisional: file.dueProvisional,
    paused: file.paused,
    overdueWorkingDays: file.overdueWorkingDays,
    statutoryOverdueDays: file.statutoryOverdueDays,
  };
}

async function summaries(
  core: Core,
  actor: Actor,
  petitions: Petition[],
): Promise<PetitionSummary[]> {
  const m = core.store.manager;
  const result: PetitionSummary[] = [];
  for (const petition of petitions) {
    const view = await caseOf(m, petition);
    if (maySee(actor, view)) result.push(summary(await describe(core, actor, view)));
  }
  return result;
}

/** One case with its whole history, as far as the reader may see it. */
export async function caseFile(core: Core, actor: Actor, number: string): Promise<CaseFile> {
  const view = await loadCase(core.store.manager, number, false);
  if (!maySee(actor, view))
    throw new Refusal('refusal.not_yours', { number: view.petition.number });
  return describe(core, actor, view);
}

/** The petitions a person filed, or filed for someone as a liaison; newest first. */
export async function myPetitions(core: Core, actor: Actor): Promise<PetitionSummary[]> {
  const petitions = await core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .innerJoin('petition_parties', 'x', 'x.petition_id = p.id')
    .where('x.petitioner_id = :id OR x.filed_by_id = :id', { id: actor.person.id })
    .orderBy('p.id', 'DESC')
    .getMany();
  return summaries(core, actor, petitions);
}

/**
 * A handler's queue: open cases of the departments they work (as lead or co-department), or
 * that they own, soonest due first.
 */
export function queue(core: Core, actor: Actor): Promise<PetitionSummary[]> {
  return openCasesOf(core, actor, [
    ...scopesOf(actor, 'handler'),
    ...scopesOf(actor, 'department_head'),
  ]);
}

/**
 * Open cases of these departments (as lead or co-department) or owned by the reader, as far as
 * the reader may see them, soonest due first.
 */
export async function openCasesOf(
  core: Core,
  actor: Actor,
  scopes: string[],
): Promise<PetitionSummary[]> {
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.state IN (:...open)', { open: openStates });
  if (!scopes.includes(everyDepartment)) {
    const departments = scopes.length > 0 ? scopes : ['-'];
    query.andWhere(
      '(p.owner_id = :me OR p.lead_department_id IN (:...departments) OR p.id IN ' +
        '(SELECT c.petition_id FROM petition_co_departments c WHERE c.department_id IN (:...departments)))',
      { me: actor.person.id, departments },
    );
  }
  const list = await summaries(core, actor, await query.getMany());
  return list.sort(
    (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.number.localeCompare(b.number),
  );
}

/** R16: the cases a leader owns, and the open cases of the departments in their charge. */
export async function leaderCases(core: Core, actor: Actor): Promise<PetitionSummary[]> {
  if (!holds(actor, 'leader')) return [];
  const petitions = await core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.leader_id = :me', { me: actor.person.id })
    .orWhere(
      '(p.lead_department_id IN (:...areas) AND p.state IN (:...open) AND p.major = :major)',
      {
        areas: scopesOf(actor, 'leader'),
        open: openStates,
        major: true,
      },
    )
    .orderBy('p.id', 'DESC')
    .getMany();
  return summaries(core, actor, petitions);
}

/** What a person's home shows (Slack's App Home, Lark's welcome card), by their roles. */
export interface HomeLists {
  mine: PetitionSummary[];
  /** A handler's or department head's queue; null for everyone else. */
  queue: PetitionSummary[] | null;
  /** A leader's cases; null for everyone else. */
  leading: PetitionSummary[] | null;
}

export async function homeLists(core: Core, actor: Actor): Promise<HomeLists> {
  const handles = holds(actor, 'handler') || holds(actor, 'department_head');
  return {
    mine: await myPetitions(core, actor),
    queue: handles ? await queue(core, actor) : null,
    leading: holds(actor, 'leader') ? await leaderCases(core, actor) : null,
  };
}
