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

/** The case is still being worked: its handling clocks run and the petitioner may withdraw. */
export const openStates: readonly PetitionState[] = ['submitted', 'accepted', 'in_progress'];
/** Accepted and with its owner: noted, paused, extended and answered from here. */
export const handlingStates: readonly PetitionState[] = ['accepted', 'in_progress'];
/** Answered, waiting for the petitioner's rating or for their time to ask for review (R12, R13). */
export const answeredStates: readonly PetitionState[] = ['replied', 'rated', 'reviewed'];
/** Waiting for the review board's decision, whose statutory window runs (R13). */
export const reviewStates: readonly PetitionState[] = ['under_review', 'under_re_review'];
/** Not finished: the case can still become major, be relayed, be disclosed. */
export const liveStates: readonly PetitionState[] = [
  ...openStates,
  ...answeredStates,
  ...reviewStates,
];
/** A deadline runs: the handling clocks, or the review board's statutory window (R9, R13, R18). */
export const timedStates: readonly PetitionState[] = [...openStates, ...reviewStates];
/** Finished and not yet archived: the archive takes them after `archiveAfterYears` (R23). */
export const finishedStates: readonly PetitionState[] = ['closed', 'declined', 'withdrawn'];
/** Finished cases, kept as the electronic archive until their retention ends (R23). */
export const keptStates: readonly PetitionState[] = [...finishedStates, 'archived'];
/** Concluded with a result: closed, or closed and then archived (R13: a final result stays final). */
export const concludedStates: readonly PetitionState[] = ['closed', 'archived'];
/** What the review board may read: cases that went or may have gone before it (R13). */
export const boardStates: readonly PetitionState[] = [
  ...reviewStates,
  'reviewed',
  ...concludedStates,
];

/** `to` absent: the step keeps the state (a note, a pause, a flag). */
interface Step {
  from: readonly PetitionState[];
  to?: PetitionState;
}

export const steps = {
  accept: { from: ['submitted'], to: 'accepted' },
  decline: { from: ['submitted'], to: 'declined' },
  transfer: { from: openStates },
  addCoDepartment: { from: openStates },
  note: { from: handlingStates, to: 'in_progress' },
  pause: { from: handlingStates },
  resume: { from: handlingStates },
  requestExtension: { from: handlingStates },
  decideExtension: { from: handlingStates },
  reply: { from: handlingStates, to: 'replied' },
  rate: { from: ['replied'], to: 'rated' },
  appeal: { from: ['replied', 'rated'], to: 'under_review' },
  recordReview: { from: ['under_review'], to: 'reviewed' },
  appealAgain: { from: ['reviewed'], to: 'under_re_review' },
  recordReReview: { from: ['under_re_review'], to: 'closed' },
  close: { from: answeredStates, to: 'closed' },
  withdraw: { from: openStates, to: 'withdrawn' },
  /** R27: the owner left or is away; the case goes on with another handler. */
  handover: { from: [...handlingStates, ...answeredStates, ...reviewStates] },
  /** R17: the case is about a registered policy; linked at filing, or here later. */
  linkPolicy: { from: liveStates },
  flagMajor: { from: liveStates },
  assignLeader: { from: liveStates },
  requestDisclosure: { from: liveStates },
  decideDisclosure: { from: liveStates },
  relay: { from: liveStates },
  /** R30: a file or picture kept with the case, given at filing or later. */
  attach: { from: liveStates },
  recordPaperCopy: { from: keptStates },
  placeLegalHold: { from: [...liveStates, ...keptStates] },
  releaseLegalHold: { from: [...liveStates, ...keptStates] },
  archive: { from: finishedStates, to: 'archived' },
  /** R23: at the end of retention; the trail goes, a statistical tombstone stays. */
  destroy: { from: ['archived'], to: 'destroyed' },
} satisfies Record<string, Step>;

export type StepName = keyof typeof steps;

/** Steps that make a case: they start from no case at all (R1, R7). */
export const creations = {
  file: { to: 'submitted' },
  recordTeamResolution: { to: 'closed' },
} satisfies Record<string, { to: PetitionState }>;

export type CreationName = keyof typeof creations;

export function allows(step: StepName, state: PetitionState): boolean {
  const s: Step = steps[step];
  return s.from.includes(state);
}

/** The state after the step, or the same state for steps that do not move the case. */
export function nextState(step: StepName, state: PetitionState): PetitionState {
  const s: Step = steps[step];
  return s.to ?? state;
}
