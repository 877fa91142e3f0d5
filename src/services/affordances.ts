import { allows, steps, type PetitionState, type StepName } from '../domain/lifecycle';
import type { Actor } from '../domain/people';
import { mayTake } from '../domain/permissions';
import type { Core } from './core';
import { loadCase } from './case-view';

/** A case as a chat offers it to one person: its state, and the steps they may take now. */
export interface Affordances {
  number: string;
  state: PetitionState;
  steps: StepName[];
}

/**
 * R32: the steps this person may take on the case now, straight from the state table and the
 * role rules, so that a chat shows only the buttons that will work. With no person (a channel
 * post, read by many), the steps the case's state allows.
 */
export async function affordances(
  core: Core,
  actor: Actor | null,
  number: string,
): Promise<Affordances> {
  const view = await loadCase(core.store.manager, number, false);
  const { state } = view.petition;
  const open = (Object.keys(steps) as StepName[]).filter(
    (step) => allows(step, state) && (actor === null || mayTake(step, actor, view)),
  );
  return { number: view.petition.number, state, steps: open };
}
