import type { EntityManager } from 'typeorm';
import type { CaseEvent, NewEventOf } from '../domain/history';
import { allows, nextState, type StepName } from '../domain/lifecycle';
import type { Actor } from '../domain/people';
import { may, type CaseView } from '../domain/permissions';
import type { Petition, PetitionEvent } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import type { NoticeKind, NoticeParams, Recipient } from '../notices/notice';
import { addNotices, type NewNotice } from '../notices/outbox';
import { appendEvent, historyOf } from '../store/audit-trail';
import { PetitionEntity } from '../store/entities';
import { systemActor } from './actors';
import type { Core } from './core';
import { loadCase } from './case-view';

export interface StepContext {
  m: EntityManager;
  /** The step being taken, when the use case let the case's state choose it. */
  step: StepName;
  actor: Actor;
  view: CaseView;
  history: CaseEvent[];
  now: Date;
}

/** A notice a step causes; the runner keys it on the step's event. */
export type Announcement<K extends NoticeKind = NoticeKind> = {
  [P in K]: { kind: P; to: Recipient; params: NoticeParams<P> };
}[K];

/** What a use case decides; the runner applies it in one transaction. */
export interface StepOutcome {
  event: NewEventOf;
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
    notices.map((n): NewNotice => ({
      ...n,
      petitionId: event.petitionId,
      dedupeKey: `${event.petitionId}:${event.seq}:${n.kind}:${n.to.kind}:${n.to.id}`,
    })),
  );
}

/** Notices to several people about the same thing. */
export function toPeople<K extends NoticeKind>(
  ids: (number | null | undefined)[],
  kind: K,
  params: NoticeParams<K>,
): Announcement<K>[] {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  return unique.map((id) => ({ kind, to: { kind: 'person', id: String(id) }, params }));
}
