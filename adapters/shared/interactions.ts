import { filingInteractions } from './filing-interactions';
import { handlingInteractions } from './handling-interactions';
import { oversightInteractions } from './oversight-interactions';
import { policyInteractions } from './policy-interactions';

export type {
  FieldContext,
  Interaction,
  ModelStep,
  Origin,
  PolicyTaken,
  Taken,
  Values,
} from './interaction';

/**
 * R32: everything a person does in a chat, by the command that names it. Every step of the state
 * table a person takes is in some entry's `steps` (the walk test checks it); the bot's own
 * (archive, destroy) stay with the jobs.
 */
export const interactions = {
  ...filingInteractions,
  ...handlingInteractions,
  ...policyInteractions,
  ...oversightInteractions,
};

export type InteractionName = keyof typeof interactions;

export const interactionNames = Object.keys(interactions) as InteractionName[];

export function isInteraction(name: unknown): name is InteractionName {
  return typeof name === 'string' && Object.hasOwn(interactions, name);
}
