import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import {
  deadlinesOf,
  overdueWorkingDays,
  statutoryOverdueDays,
  type Deadlines,
} from '../domain/deadlines';
import { detailsOf, type EventDetail } from '../domain/event-details';
import type { CaseEvent, EventType } from '../domain/history';
import { liveStates, openStates } from '../domain/lifecycle';
import { holds, scopesOf, everyDepartment, type Actor } from '../domain/people';
import { maySee, maySeeIdentity, type CaseView } from '../domain/permissions';
import { modes, type Mode, type Petition, type Rating } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import type { AttachmentLine } from '../domain/attachment';
import { historiesOf, historyOf } from '../store/audit-trail';
import { attachmentRowsOf } from '../store/case-rows';
import { custodyRecordsOf, openParty, type Party } from '../store/custody';
import { PersonEntity, PetitionEntity } from '../store/entities';
import { caseViewsOf, loadCase } from './case-view';
import { today, type Core } from './core';
import { anyOf } from './id-lookups';
import { ownCases } from './own-cases';
import { pageSize, pageWithin, type Page } from './page';

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
  /** R8: who accepted the case first; the owner may differ after a handover (R27). */
  firstReceiver: string | null;
  /** R30: the files kept with the case, oldest first (their bytes are opened on their own). */
  attached: AttachmentLine[];
}

async function namesOf(m: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const people = await m.findBy(PersonEntity, { id: In(wanted) });
  return new Map(people.map((p) => [p.id, p.name]));
}

/** Who the reader may know on one case: names, except the petitioner's where hidden (R6). */
interface Naming {
  identity: boolean;
  /** The parties as the reader may know them: opened from custody only where R6 allows. */
  party: Party;
  hidden: Set<number | null>;
  nameOf(id: number | null): string | null;
  /** Who took a step: a name, or null for the bot or a party the reader may not know. */
  actorOf(e: CaseEvent): { actor: string | null; actorHidden: boolean };
}

/**
 * R6: opens the custody of the cases whose petitioner the reader may see; every other case
 * keeps its parties as its row has them (a case in custody: no one).
 */
async function partiesFor(
  core: Core,
  actor: Actor,
  views: CaseView[],
): Promise<Map<number, Party>> {
  const opening = views.filter((v) => v.sealed && maySeeIdentity(actor, v));
  const kept = await custodyRecordsOf(
    core.store.manager,
    opening.map((v) => v.petition.id),
  );
  return new Map(
    views.map((view) => {
      const record = kept.get(view.petition.id);
      return [view.petition.id, record ? openParty(core.store.custody, record) : view.party];
    }),
  );
}

function namingOf(actor: Actor, view: CaseView, party: Party, names: Map<number, string>): Naming {
  const identity = maySeeIdentity(actor, view);
  // The liaison who filed for a worker would point to the worker's team: hidden alike (R6).
  const hidden = new Set(identity ? [] : [party.petitionerId, party.filedById]);
  const nameOf = (id: number | null) =>
    id === null || hidden.has(id) ? null : (names.get(id) ?? null);
  const relays = view.sealed?.relays;
  return {
    identity,
    party,
    hidden,
    nameOf,
    actorOf: (e) => {
      if (e.actorRelay) {
        if (!identity) return { actor: null, actorHidden: true };
        const who = relays?.petitioner === e.actorRelay ? party.petitionerId : party.filedById;
        return { actor: nameOf(who), actorHidden: false };
      }
      return {
        actor: nameOf(e.actorId),
        actorHidden: e.actorId !== null && hidden.has(e.actorId),
      };
    },
  };
}

function summaryOf(
  core: Core,
  view: CaseView,
  deadlines: Deadlines,
  naming: Naming,
): PetitionSummary {
  const { petition } = view;
  const { party } = naming;
  return {
    number: petition.number,
    state: petition.state,
    categoryId: petition.categoryId,
    leadDepartmentId: petition.leadDepartmentId,
    mode: petition.mode,
    major: petition.major,
    filedAt: petition.filedAt,
    owner: naming.nameOf(petition.ownerId),
    petitioner: naming.identity
      ? (naming.nameOf(party.petitionerId) ?? party.petitionerName)
      : null,
    due: deadlines.handlingDue ?? deadlines.acceptanceDue,
    dueProvisional: deadlines.provisional,
    paused: deadlines.paused,
    overdueWorkingDays: overdueWorkingDays(deadlines, core.calendar, today(core)),
    statutoryOverdueDays: statutoryOverdueDays(deadlines, today(core)),
  };
}

/** One case with its whole history, as far as the reader may see it. */
export async function caseFile(core: Core, actor: Actor, number: string): Promise<CaseFile> {
  const m = core.store.manager;
  const view = await loadCase(m, core.store, number, false);
  // A case one may not see is answered as one that does not exist (the same as a step on it).
  if (!maySee(actor, view))
    throw new Refusal('refusal.not_found', { number: view.petition.number });
  const { petition } = view;
  const party = (await partiesFor(core, actor, [view])).get(petition.id) ?? view.party;
  const [history, files] = await Promise.all([
    historyOf(m, petition.id),
    attachmentRowsOf(m, petition.id),
  ]);
  const deadlines = deadlinesOf(history, core.rules, core.calendar);
  const names = await namesOf(m, [
    petition.ownerId,
    petition.leaderId,
    party.petitionerId,
    party.filedById,
    ...history.map((e) => e.actorId),
  ]);
  const naming = namingOf(actor, view, party, names);
  return {
    ...summaryOf(core, view, deadlines, naming),
    content: petition.content,
    contact: naming.identity ? naming.party.contact : null,
    peopleConcerned: petition.peopleConcerned,
    coDepartments: view.coDepartments,
    leader: naming.nameOf(petition.leaderId),
    rating: petition.rating,
    resolvedAtTeam: petition.resolvedAtTeam,
    closedAt: petition.closedAt,
    paperCopy: petition.paperCopy,
    legalHold: petition.legalHold,
    deadlines,
    firstReceiver: naming.nameOf(history.find((e) => e.type === 'accepted')?.actorId ?? null),
    attached: files.map(({ petitionId: _case, ...file }) => file),
    history: history.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at,
      ...naming.actorOf(e),
      reason: e.reason,
      details: detailsOf(e),
    })),
  };
}

/** A case of a list with what its line needs: the rules' view and the deadlines. */
interface Listed {
  view: CaseView;
  deadlines: Deadlines;
}

/**
 * The lines of many cases the reader may see, in the order given, in a fixed number of queries
 * (parties, co-departments, disclosures, histories, names) however many there are.
 */
async function listed(core: Core, actor: Actor, petitions: Petition[]): Promise<Listed[]> {
  const m = core.store.manager;
  const [views, histories] = await Promise.all([
    caseViewsOf(m, core.store, petitions),
    historiesOf(
      m,
      petitions.map((p) => p.id),
    ),
  ]);
  return views
    .filter((view) => maySee(actor, view))
    .map((view) => ({
      view,
      deadlines: deadlinesOf(histories.get(view.petition.id) ?? [], core.rules, core.calendar),
    }));
}

async function linesOf(core: Core, actor: Actor, cases: Listed[]): Promise<PetitionSummary[]> {
  const parties = await partiesFor(
    core,
    actor,
    cases.map((c) => c.view),
  );
  const partyOf = ({ view }: Listed) => parties.get(view.petition.id) ?? view.party;
  const names = await namesOf(
    core.store.manager,
    cases.flatMap((c) => [c.view.petition.ownerId, partyOf(c).petitionerId]),
  );
  return cases.map((c) =>
    summaryOf(core, c.view, c.deadlines, namingOf(actor, c.view, partyOf(c), names)),
  );
}

/**
 * One page of a list the database orders, counted first so a page past the end shows the last.
 * The query selects only cases the reader may see; `listed` checks again, never showing more.
 */
export async function pageOf(
  core: Core,
  actor: Actor,
  query: SelectQueryBuilder<Petition>,
  page: number,
  size = pageSize,
): Promise<Page<PetitionSummary>> {
  const total = await query.getCount();
  const at = pageWithin(total, page, size);
  const petitions = await query
    .offset((at.page - 1) * size)
    .limit(size)
    .getMany();
  return { ...at, total, items: await linesOf(core, actor, await listed(core, actor, petitions)) };
}

/** The petitions a person filed, or filed for someone as a liaison; newest first. */
export function myPetitions(core: Core, actor: Actor, page = 1): Promise<Page<PetitionSummary>> {
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where(ownCases(core, actor.person.id, modes, ['petitioner', 'filer']))
    .orderBy('p.id', 'DESC');
  return pageOf(core, actor, query, page);
}

/**
 * A handler's queue: open cases of the departments they work (as lead or co-department), or
 * that they own, soonest due first.
 */
export function queue(core: Core, actor: Actor, page = 1): Promise<Page<PetitionSummary>> {
  return openCasesOf(
    core,
    actor,
    [...scopesOf(actor, 'handler'), ...scopesOf(actor, 'department_head')],
    page,
  );
}

/**
 * Open cases of these departments (as lead or co-department) or owned by the reader, as far as
 * the reader may see them, soonest due first.
 */
async function openCasesOf(
  core: Core,
  actor: Actor,
  scopes: string[],
  page = 1,
): Promise<Page<PetitionSummary>> {
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.state IN (:...open)', { open: openStates });
  if (!scopes.includes(everyDepartment)) {
    const departments = scopes.length > 0 ? scopes : ['-'];
    // The open ones only: a co-department's cases of past years are no part of its queue.
    const open = 'INNER JOIN petitions o ON o.id = c.petition_id AND o.state IN (:...open)';
    query.andWhere(
      await anyOf(
        core.store.manager,
        'queued',
        ['p.lead_department_id IN (:...departments)'],
        { departments },
        {
          lookups: [
            'SELECT id FROM petitions WHERE owner_id = :me AND state IN (:...open)',
            `SELECT c.petition_id AS id FROM petition_co_departments c ${open} ` +
              'WHERE c.department_id IN (:...departments)',
          ],
          params: { me: actor.person.id, departments, open: openStates },
        },
      ),
    );
  }
  // By the deadlines each step projects (R9), so the database cuts the page; the line shows the
  // same deadlines, computed from the history.
  query
    .leftJoin('deadline_projections', 'd', 'd.petition_id = p.id')
    .addSelect("COALESCE(d.handling_due, d.acceptance_due, '9999')", 'due_order')
    .orderBy('due_order', 'ASC')
    .addOrderBy('p.number', 'ASC');
  return pageOf(core, actor, query, page);
}

/** R16: the unfinished cases a leader owns, and the open major cases of the departments in their charge. */
export async function leaderCases(
  core: Core,
  actor: Actor,
  page = 1,
): Promise<Page<PetitionSummary>> {
  if (!holds(actor, 'leader')) return { items: [], page: 1, pages: 1, total: 0 };
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    // A finished case is no longer followed: it leaves the list (and the digest) when it closes.
    .where('p.state IN (:...live)', { live: liveStates })
    .andWhere(
      '(p.leader_id = :me OR (p.lead_department_id IN (:...areas) AND p.state IN (:...open) AND p.major = :major))',
      {
        me: actor.person.id,
        areas: scopesOf(actor, 'leader'),
        open: openStates,
        major: true,
      },
    )
    .orderBy('p.id', 'DESC');
  return pageOf(core, actor, query, page);
}

/** What a person's home shows (Slack's App Home, Lark's welcome card), by their roles: first pages. */
export interface HomeLists {
  mine: Page<PetitionSummary>;
  /** A handler's or department head's queue; null for everyone else. */
  queue: Page<PetitionSummary> | null;
  /** A leader's cases; null for everyone else. */
  leading: Page<PetitionSummary> | null;
}

export async function homeLists(core: Core, actor: Actor): Promise<HomeLists> {
  const handles = holds(actor, 'handler') || holds(actor, 'department_head');
  return {
    mine: await myPetitions(core, actor),
    queue: handles ? await queue(core, actor) : null,
    leading: holds(actor, 'leader') ? await leaderCases(core, actor) : null,
  };
}
