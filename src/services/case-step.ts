import type { EntityManager } from 'typeorm';
import { wholeSecond } from '../domain/audit-chain';
import type { CaseEvent, EventDraft } from '../domain/history';
import {
  allows,
  creations,
  nextState,
  type CreationName,
  type StepName,
} from '../domain/lifecycle';
import { isBot, type Actor, type StepActor } from '../domain/people';
import {
  maySee,
  mayTake,
  partyRoleOf,
  type CaseParties,
  type CaseView,
} from '../domain/permissions';
import type { Petition, PetitionParty } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { addNotices, type NewNotice } from '../notices/outbox';
import {
  appendEvents,
  eraseTrail,
  historyOf,
  toCaseEvent,
  type AppendedEvent,
} from '../store/audit-trail';
import { custodyRecordsOf, keptInCustody, nobody, placeInCustody } from '../store/custody';
import { attachmentRowsOf, digestOf } from '../store/case-rows';
import { insertRows } from '../store/raw-rows';
import { PetitionCoDepartmentEntity, PetitionEntity, PetitionPartyEntity } from '../store/entities';
import type { Store } from '../store/store';
import { indexTerms } from '../store/petition-terms';
import { noteTallyChange } from '../store/term-tallies';
import type { Announcement } from './announcements';
import type { Core } from './core';
import { loadCase } from './case-view';
import { project } from './deadline-projection';

export { toParties, toPeople, type Announcement } from './announcements';

export interface StepContext<A extends StepActor = StepActor> {
  m: EntityManager;
  /** The step being taken, when the use case let the case's state choose it. */
  step: StepName;
  actor: A;
  view: CaseView;
  history: CaseEvent[];
  now: Date;
}

/**
 * R14: an event the step records after its own. The rules' own steps (a filing the rules flag
 * major, the leader they assign) are the bot's, not the person's whose step set them off.
 */
export interface FollowingEvent {
  by: 'actor' | 'bot';
  event: EventDraft;
  /** Notices this event causes, keyed on it (given the case's number when it is a new case). */
  notices?: (number: string) => Announcement[];
}

/** The events a step appends to the trail: its own first, credited to whoever takes it. */
export interface Recording {
  event: EventDraft;
  then?: FollowingEvent[];
}

/** R23: destruction appends nothing: it erases the trail and logs the trail's fingerprint. */
export interface Erasure {
  erase: 'trail';
}

type Columns = Partial<Omit<Petition, 'id' | 'number' | 'state' | 'version'>>;

/** What a use case decides; the runner applies it in one transaction. */
export type StepOutcome = (Recording | Erasure) & {
  changes?: Columns;
  /** Changes to who the case is from (R6, R23). */
  party?: Partial<Omit<PetitionParty, 'petitionId'>>;
  /** R3: departments that join the case to work beside the lead. */
  coDepartments?: string[];
  /** Notices the step causes, written to the outbox in the same transaction (never posted here). */
  notices?: Announcement[];
};

export interface StepResult {
  petition: Petition;
  /** The events the step appended, its own first; none for a destruction. */
  events: AppendedEvent[];
}

type Which = StepName | ((petition: Petition) => StepName);

/**
 * The actor's role and the state table both allow the step, or it is refused with why. Who may
 * act is asked before what state the case is in, so the refusal tells only what the actor may
 * know: a case they may not see is answered as one that does not exist.
 */
export function admit(actor: StepActor, view: CaseView, which: Which): StepName {
  const { petition } = view;
  const step = typeof which === 'function' ? which(petition) : which;
  if (!isBot(actor) && !maySee(actor, view)) {
    throw new Refusal('refusal.not_found', { number: petition.number });
  }
  if (!mayTake(step, actor, view)) {
    throw new Refusal('refusal.role', { number: petition.number, step });
  }
  if (!allows(step, petition.state)) {
    throw new Refusal('refusal.state', { number: petition.number, state: petition.state, step });
  }
  return step;
}

/**
 * Whether the step could be taken now, before a form for it is opened: a stale button answers
 * with the same refusal the step itself would give.
 */
export async function checkStep(
  core: Core,
  actor: StepActor,
  number: string,
  which: Which,
): Promise<void> {
  admit(actor, await loadCase(core.store.manager, core.store, number, false), which);
}

/**
 * The one way a petition changes: lock it, check the state table and the actor's role, let the
 * use case decide, then move the state under the version guard, write the trail and the notices
 * together.
 */
export async function takeStep<A extends StepActor>(
  core: Core,
  actor: A,
  number: string,
  which: Which,
  decide: (ctx: StepContext<A>) => StepOutcome | Promise<StepOutcome>,
): Promise<StepResult> {
  return core.store.transaction(async (m) => {
    const view = await loadCase(m, core.store, number, core.store.rowLocks);
    const { petition } = view;
    const step = admit(actor, view, which);
    const now = core.clock.now();
    const history = await historyOf(m, petition.id);
    const outcome = await decide({ m, step, actor, view, history, now });
    const updated = asStored({
      ...petition,
      ...outcome.changes,
      state: nextState(step, petition.state),
      updatedAt: now,
      version: petition.version + 1,
    });
    const { id, number: _number, version, ...columns } = updated;
    // The version guard makes a change lost to a concurrent one (another process on SQLite) fail
    // loudly instead of overwriting it.
    const result = await m
      .createQueryBuilder()
      .update(PetitionEntity)
      .set({ ...columns, version })
      .where('id = :id AND version = :version', { id, version: petition.version })
      .execute();
    if (result.affected !== 1) throw new Refusal('refusal.concurrent', { number: petition.number });
    await noteTallyChange(m, petition, updated);
    if (outcome.party) await m.update(PetitionPartyEntity, { petitionId: id }, outcome.party);
    for (const departmentId of outcome.coDepartments ?? []) {
      await m.insert(PetitionCoDepartmentEntity, { petitionId: id, departmentId });
    }
    // A case in custody keeps its record there until destruction removes it with the case (R6).
    const custody =
      keptInCustody(petition.mode) && !('erase' in outcome)
        ? ((await custodyRecordsOf(m, [id])).get(id) ?? null)
        : null;
    const digest = digestOf(
      m,
      updated,
      { ...view.party, ...outcome.party },
      {
        coDepartments: [...view.coDepartments, ...(outcome.coDepartments ?? [])],
        custody,
        // As the step left them: an attach step has written its file, a destruction removed them.
        attachments: await attachmentRowsOf(m, id),
      },
    );
    if ('erase' in outcome) {
      await eraseTrail(m, petition, now, digest, core.store.sealKey);
      return { petition: updated, events: [] };
    }
    const events = await record(m, core, creditOf(actor, view), id, now, outcome, history, digest);
    await announceAll(m, core.store, now, events, outcome.notices ?? [], outcome, petition.number);
    return { petition: updated, events };
  });
}

export interface OpeningContext {
  m: EntityManager;
  actor: Actor;
  now: Date;
}

/** What a step that makes a case decides. */
export interface Opening extends Recording {
  /** The new case; its number, state, times and version are the runner's. */
  petition: Omit<Petition, 'id' | 'number' | 'state' | 'filedAt' | 'updatedAt' | 'version'>;
  party: Omit<PetitionParty, 'petitionId'>;
  /** R3: the departments that work the case beside the lead from the start. */
  coDepartments: string[];
  /** The notices, which carry the number, to the parties as the case now names them. */
  notices: (number: string, parties: Parties) => Announcement[];
}

/** Who a case is from, as notices and events may name them. */
export type Parties = CaseParties;

/**
 * A step that makes a case (R1, R7), from no case at all to the state the lifecycle names, under
 * the next number of `counter` (R2). The number comes from this instance's block before the
 * transaction, so no filing waits on a counter row; one whose filing does not commit is
 * recorded as void. The case's trail and notices are written as every step's are.
 */
export async function openCase(
  core: Core,
  actor: Actor,
  creation: CreationName,
  counter: string,
  decide: (ctx: OpeningContext) => Promise<Opening>,
): Promise<StepResult> {
  const { number, ...taken } = await core.numbers.take(counter);
  let filed = false;
  try {
    const result = await core.store.writingNew(async (m) => {
      const now = core.clock.now();
      const opening = await decide({ m, actor, now });
      const draft = asStored({
        ...opening.petition,
        id: 0,
        number,
        state: creations[creation].to,
        filedAt: now,
        updatedAt: now,
        version: 1,
      });
      const { id: _draft, ...row } = draft;
      const id = await insertRows(m, PetitionEntity, [row]);
      // R6: an anonymous or confidential case's people go into custody, and its row names no one.
      const kept = keptInCustody(draft.mode)
        ? await placeInCustody(m, core.store.custody, id, draft.mode, opening.party)
        : null;
      const party = { ...(kept ? nobody : opening.party), petitionId: id };
      await insertRows(m, PetitionPartyEntity, [party]);
      await indexTerms(m, id, draft.content);
      const co = opening.coDepartments.map((departmentId) => ({ petitionId: id, departmentId }));
      await insertRows(m, PetitionCoDepartmentEntity, co);
      const petition = { ...draft, id };
      const parties = { party, sealed: kept?.sealed ?? null };
      const digest = digestOf(m, petition, party, {
        coDepartments: opening.coDepartments,
        custody: kept?.record ?? null,
        attachments: [],
      });
      const events = await record(m, core, creditOf(actor, parties), id, now, opening, [], digest);
      await announceAll(
        m,
        core.store,
        now,
        events,
        opening.notices(number, parties),
        opening,
        number,
        new Map([[id, parties]]),
      );
      return { petition, events };
    });
    filed = true;
    return result;
  } finally {
    await core.numbers.settle({ number, ...taken }, filed);
  }
}

/**
 * The petition as the database keeps it: instants at whole seconds (MySQL's DATETIME keeps no
 * milliseconds), so the digest of what is written is the digest of what is read back.
 */
function asStored(petition: Petition): Petition {
  const instant = (at: Date | null) => at && wholeSecond(at);
  return {
    ...petition,
    filedAt: wholeSecond(petition.filedAt),
    updatedAt: wholeSecond(petition.updatedAt),
    closedAt: instant(petition.closedAt),
    archivedAt: instant(petition.archivedAt),
  };
}

/** Whom a step's events name as its actor: a person, a relay id (R6), or no one (the bot). */
interface Credit {
  actorId: number | null;
  actorRelay: string | null;
}

const theBotsCredit: Credit = { actorId: null, actorRelay: null };

/** R6: a party of a case in custody is named in its trail by their relay id, never in person. */
function creditOf(actor: StepActor, parties: Parties): Credit {
  if (isBot(actor)) return theBotsCredit;
  const role = partyRoleOf(actor.person.id, parties);
  if (role && parties.sealed) return { actorId: null, actorRelay: parties.sealed.relays[role] };
  return { actorId: actor.person.id, actorRelay: null };
}

/**
 * Appends the step's events, each credited to the actor or, where the rules took it, the bot,
 * and writes the case's deadline projection from the trail they complete.
 */
async function record(
  m: EntityManager,
  core: Core,
  credit: Credit,
  petitionId: number,
  now: Date,
  recording: Recording,
  before: CaseEvent[],
  caseDigest: string,
): Promise<AppendedEvent[]> {
  const recorded: FollowingEvent[] = [
    { by: 'actor', event: recording.event },
    ...(recording.then ?? []),
  ];
  const drafts = recorded.map(({ by, event }) => ({
    ...event,
    ...(by === 'bot' ? theBotsCredit : credit),
    at: now,
  }));
  // A new case has no trail yet: there is no newest event to read.
  const newest = before.length === 0 ? null : undefined;
  const events = await appendEvents(m, petitionId, drafts, caseDigest, core.store.sealKey, newest);
  await project(core, m, petitionId, [...before, ...events.map(toCaseEvent)]);
  return events;
}

/**
 * The step's own notices on its own event, and each following event's on that event, written
 * together in one go.
 */
async function announceAll(
  m: EntityManager,
  store: Store,
  now: Date,
  events: AppendedEvent[],
  own: Announcement[],
  recording: Recording,
  number: string,
  known?: ReadonlyMap<number, Parties>,
): Promise<void> {
  const notices = keyed(events[0], own);
  for (const [i, following] of (recording.then ?? []).entries()) {
    if (following.notices) notices.push(...keyed(events[i + 1], following.notices(number)));
  }
  await addNotices(m, now, notices, store, known);
}

/** The notices an event causes, keyed on that event so they exist exactly once. */
function keyed(event: AppendedEvent, notices: Announcement[]): NewNotice[] {
  return notices.map((n): NewNotice => ({
    ...n,
    petitionId: event.petitionId,
    dedupeKey: `${event.petitionId}:${event.seq}:${n.kind}:${n.to.kind}:${n.to.id}`,
  }));
}
