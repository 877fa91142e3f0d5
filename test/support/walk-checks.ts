import type { Core } from '../../src/services/core';
import type { PolicyStep } from '../../src/services/policy';
import {
  PetitionEntity,
  PetitionEventEntity,
  PolicyEntity,
  PolicyEventEntity,
} from '../../src/store/entities';
import { creations, steps, type CreationName, type StepName } from '../../src/domain/lifecycle';
import { interactions, type InteractionName } from '../../adapters/shared/interactions';
import { fileSteps, jobSteps, scenes, type Scene } from './walk';

/**
 * What the walk must cover, read from the state table itself: every step a person takes, each
 * with an interaction that takes it. Empty when nothing is missing.
 */
export function unwalked(): string[] {
  const personSteps = [
    ...(Object.keys(steps) as StepName[]).filter(
      (s) => !jobSteps.includes(s) && !fileSteps.includes(s),
    ),
    ...(Object.keys(creations) as CreationName[]),
    ...policySteps,
  ];
  const missing = personSteps.filter(
    (step) =>
      !scenes.some(
        (s) =>
          s.step === step &&
          (interactions[s.interaction].steps as readonly string[]).includes(step),
      ),
  );
  const idle = (Object.keys(interactions) as InteractionName[]).filter(
    (name) => !scenes.some((s) => s.interaction === name),
  );
  return [...missing.map((s) => `step ${s}`), ...idle.map((n) => `interaction ${n}`)];
}

/** R17: the steps of the policy register, walked beside the state table's. */
const policySteps: readonly PolicyStep[] = ['registerPolicy', 'signOffPolicy'];

/**
 * How many events the case's (or policy's) trail has, and how many cases (or policies) there
 * are: what a step changes.
 */
export async function footprint(core: Core, number?: string, subject?: 'policy'): Promise<number> {
  const m = core.store.manager;
  if (subject === 'policy') {
    if (!number) return m.count(PolicyEntity);
    return m.count(PolicyEventEntity, { where: { policyId: Number(number) } });
  }
  if (!number) return m.count(PetitionEntity);
  const petition = await m.findOneByOrFail(PetitionEntity, { number });
  return m.count(PetitionEventEntity, { where: { petitionId: petition.id } });
}

/** Whether a button's value is the scene's step (a rating button, the scene's rating). */
export function isSceneButton(scene: Scene, core: Core, value: Record<string, unknown>): boolean {
  if (value.name !== scene.interaction) return false;
  const rating = (value.values as { rating?: string } | undefined)?.rating;
  return scene.interaction !== 'rate' || rating === scene.answers(core).rating;
}

/** What a person types to see the scene's case, or its policy, with its buttons. */
export const viewCommand = (scene: Scene, number: string) =>
  `${scene.subject === 'policy' ? 'policy' : 'show'} ${number}`;

/** A scene's title, naming the rule. */
export const titleOf = (s: Scene) =>
  `R32 ${s.step} (${s.interaction}): ${s.may} takes it${s.mayNot ? `; ${s.mayNot} has no button and is refused` : ''}`;
