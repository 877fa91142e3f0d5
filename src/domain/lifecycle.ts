/**
 * The petition lifecycle: one table of states and the steps allowed from each. Services, tests
 * and the README's diagram all read it from here.
 */
export const states = [
  'submitted',
  'accepted',
  'in_progress',
  'declined',
  'replied',
  'rated',
  'under_review',
  'reviewed',
  'under_re_review',
  'closed',
  'withdrawn',
  'archived',
  'destroyed',
] as const;
export type PetitionState = (typeof states)[number];

const open: PetitionState[] = ['submitted', 'accepted', 'in_progress'];
const handling: PetitionState[] = ['accepted', 'in_progress'];
const live: PetitionState[] = [
  ...open,
  'replied',
  'rated',
  'under_review',
  'reviewed',
  'under_re_review',
];

/** Finished cases, kept as the electronic archive until their retention ends (R23). */
const kept: PetitionState[] = ['closed', 'declined', 'withdrawn', 'archived'];

/** `to` absent: the step keeps the state (a note, a pause, a flag). */
interface Step {
  from: PetitionState[];
  to?: PetitionState;
}

export const steps = {
  accept: { from: ['submitted'], to: 'accepted' },
  decline: { from: ['submitted'], to: 'declined' },
  transfer: { from: open },
  addCoDepartment: { from: open },
  note: { from: handling, to: 'in_progress' },
  pause: { from: handling },
  resume: { from: handling },
  requestExtension: { from: handling },
  decideExtension: { from: handling },
  reply: { from: handling, to: 'replied' },
  rate: { from: ['replied'], to: 'rated' },
  appeal: { from: ['replied', 'rated'], to: 'under_review' },
  recordReview: { from: ['under_review'], to: 'reviewed' },
  appealAgain: { from: ['reviewed'], to: 'under_re_review' },
  recordReReview: { from: ['under_re_review'], to: 'closed' },
  close: { from: ['replied', 'rated', 'reviewed'], to: 'closed' },
  withdraw: { from: open, to: 'withdrawn' },
  flagMajor: { from: live },
  assignLeader: { from: live },
  requestDisclosure: { from: live },
  decideDisclosure: { from: live },
  relay: { from: live },
  recordPaperCopy: { from: kept },
  placeLegalHold: { from: [...live, ...kept] },
  releaseLegalHold: { from: [...live, ...kept] },
  archive: { from: ['closed', 'declined', 'withdrawn'], to: 'archived' },
  /** R23: at the end of retention; the trail goes, a statistical tombstone stays. */
  destroy: { from: ['archived'], to: 'destroyed' },
} satisfies Record<string, Step>;

export type StepName = keyof typeof steps;

/** States in which the case is still being worked and its clocks run. */
export const openStates: readonly PetitionState[] = open;
export function allows(step: StepName, state: PetitionState): boolean {
  return (steps[step].from as PetitionState[]).includes(state);
}

/** The state after the step, or the same state for steps that do not move the case. */
export function nextState(step: StepName, state: PetitionState): PetitionState {
  const s: Step = steps[step];
  return s.to ?? state;
}
