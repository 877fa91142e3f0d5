import type { EntityManager } from 'typeorm';
import type { CaseEvent, EventData, EventType } from '../domain/history';
import { allows, nextState, type StepName } from '../domain/lifecycle';
import type { Actor } from '../domain/people';
import { may, type CaseView } from '../domain/permissions';
import type { Petition, PetitionEvent } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import type { NoticeKind } from '../notices/notice';
import { addNotices, type NewNotice } from '../notices/outbox';
import { appendEvent, historyOf, toCaseEvent } from '../store/audit-trail';
import { PetitionEntity } from '../store/entities';
import { systemActor } from './actors';
import type { Core } from './core';
import { loadCase } from './case-view';
import { project } from './deadline-projection';

export interface StepContext {
  m: EntityManager;
  /** The step being taken, when the use case let the case's state choose it. */
  step: StepName;
  actor: Actor;
  view: CaseView;
  history: CaseEvent[];
  now: Date;
}

export type Announcement = Omit<NewNotice, 'dedupeKey' | 'petitionId'>;

/** What a use case decides; the runner applies it in one transaction. */
export interface StepOutcome {
  event: { type: EventType; reason?: string | null; data?: EventData };
  changes?: Partial<Omit<Petition, 'id' | 'number' | 'state' | 'version'>>;
  /** Notices the step causes, written to the outbox in the same transaction (never posted here). */
  notices?: Announcement[];
}

export interface StepResult {
  petition: Petition;
  event: PetitionEvent;
}

type Which = StepName | ((petition: Petition) => StepName);

/** The state table and the actor's role both allow the step, or it is refused with why. */
export function admit(actor: Actor, view: CaseView, which: Which): StepName {
  const { petition } = view;
  const step = typeof which === 'function' ? which(petition) : which;
  if (!allows(step, petition.state)) {
    throw new Refusal('refusal.state', { number: petition.number, state: petition.state, step });
  }
  if (!may[step](actor, view)) throw new Refusal('refusal.role', { number: petition.number, step });
  return step;
}

/**
 * Whether the step could be taken now, before a form for it is opened: a stale button answers
 * with the same refusal the step itself would give.
 */
export async function checkStep(
  core: Core,
  actor: Actor,
  number: string,
  which: Which,
): Promise<void> {
  admit(actor, await loadCase(core.store.manager, number, false), which);
}

/**
 * The one way a petition changes: lock it, check the state table and the actor's role, let the
 * use case decide, then move the state, append the audit event and write the notices together.
 */
export async function takeStep(
  core: Core,
  actor: Actor,
  number: string,
  which: Which,
  decide: (ctx: StepContext) => StepOutcome | Promise<StepOutcome>,
): Promise<StepResult> {
  return core.store.transaction(async (m) => {
    const view = await loadCase(m, number, core.store.rowLocks);
    const { petition } = view;
    const step = admit(actor, view, which);
    const now = core.clock.now();
    const history = await historyOf(m, petition.id);
    const outcome = await decide({ m, step, actor, view, history, now });
    const updated: Petition = {
      ...petition,
      ...outcome.changes,
      state: nextState(step, petition.state),
      updatedAt: now,
      version: petition.version + 1,
    };
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
    const event = await appendEvent(
      m,
      id,
      { ...outcome.event, actorId: actor === systemActor ? null : actor.person.id, at: now },
      core.store.sealKey,
    );
    await project(core, m, id, [...history, toCaseEvent(event)]);
    await announce(m, now, event, outcome.notices ?? []);
    return { petition: updated, event };
  });
}

/** Writes the notices an event causes, keyed on that event so they exist exactly once. */
export function announce(
  m: EntityManager,
  now: Date,
  event: PetitionEvent,
  notices: Announcement[],
): Promise<void> {
  return addNotices(
    m,
    now,
    notices.map((n) => ({
      ...n,
      petitionId: event.petitionId,
      dedupeKey: `${event.petitionId}:${event.seq}:${n.kind}:${n.to.kind}:${n.to.id}`,
    })),
  );
}

/** Notices to several people about the same thing. */
export function toPeople(
  ids: (number | null | undefined)[],
  kind: NoticeKind,
  params: Announcement['params'],
): Announcement[] {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  return unique.map((id) => ({ kind, to: { kind: 'person', id: String(id) }, params }));
}
