import type { LocalDate } from '../calendar/local-date';
import type { DeliveryMethod, Mode, Rating } from './petition';

/** What happened to a petition, as the audit trail records it; every rule reads from here. */
export const eventTypes = [
  'filed',
  'resolved_at_team',
  'accepted',
  'declined',
  'transferred',
  'co_department_added',
  'noted',
  'paused',
  'resumed',
  'extension_requested',
  'extension_approved',
  'extension_rejected',
  'replied',
  'rated',
  'appealed',
  'reviewed',
  'closed',
  'withdrawn',
  'flagged_major',
  'leader_assigned',
  'handed_over',
  'policy_linked',
  'disclosure_requested',
  'disclosure_granted',
  'disclosure_denied',
  'message_relayed',
  'attached',
  'paper_copy_recorded',
  'legal_hold_placed',
  'legal_hold_released',
  'archived',
] as const;
export type EventType = (typeof eventTypes)[number];

/** After one of these the case needs no answer any more: its handling clocks stop (R9). */
export const answeringEvents: readonly EventType[] = [
  'declined',
  'replied',
  'withdrawn',
  'resolved_at_team',
];
/** After one of these the case is finished: what R22's 化解率 divides by. */
export const finishingEvents: readonly EventType[] = [
  'declined',
  'withdrawn',
  'resolved_at_team',
  'closed',
];

/** R13: the first appeal is reviewed (复查), the second re-reviewed (复核), and that is final. */
export const reviewLevels = ['review', 're_review'] as const;
export type ReviewLevel = (typeof reviewLevels)[number];

export const reviewOutcomes = ['upheld', 'revised'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/**
 * Why a case became major (R16); filing detects the first two, the reminder sweep the two
 * overdue ones.
 */
export const majorTriggers = [
  'people_concerned',
  'repeat',
  'long_overdue',
  'statutory_overdue',
  'manual',
] as const;
export type MajorTrigger = (typeof majorTriggers)[number];

/**
 * R9: why a clock stands. A hearing or an appraisal stops the statutory clock too; any other
 * pause (waiting for the petitioner's materials, say) only the company's.
 */
export const pauseKinds = ['hearing', 'appraisal', 'other'] as const;
export type PauseKind = (typeof pauseKinds)[number];

export const relayDirections = ['from_petitioner', 'to_petitioner'] as const;
export type RelayDirection = (typeof relayDirections)[number];

/** An event that records nothing beyond its type, actor, time and reason. */
export type NoData = { readonly [field: string]: never };

type DisclosureDecision = { request: number; requesterId: number };

/** The details each event type records, as the use cases write them. */
export interface EventDataOf {
  filed: {
    categoryId: string;
    leadDepartmentId: string;
    mode: Mode;
    peopleConcerned: number;
    limitWorkingDays: number;
    onBehalf: boolean;
    commitment: boolean;
  };
  resolved_at_team: NoData;
  accepted: { replyBy: LocalDate; due: LocalDate | null };
  declined: { situation: string };
  transferred: { from: string; to: string };
  co_department_added: { department: string };
  noted: NoData;
  paused: { kind: PauseKind };
  resumed: NoData;
  extension_requested: { workingDays: number };
  extension_approved: {
    requestSeq: number;
    workingDays: number;
    calendarDays: number;
    due: LocalDate | null;
  };
  extension_rejected: { requestSeq: number };
  replied: {
    investigation: string;
    facts: string;
    basis: string;
    conclusion: string;
    deliveryMethod: DeliveryMethod;
    deliveredOn: LocalDate;
  };
  rated: { rating: Rating };
  appealed: { level: ReviewLevel };
  reviewed: { level: ReviewLevel; reviewers: string[]; outcome: ReviewOutcome };
  closed: NoData;
  withdrawn: NoData;
  /** A filing names its leader in the leader_assigned event that follows, not here. */
  flagged_major: { trigger: MajorTrigger; limitWorkingDays: number; leaderId?: number | null };
  leader_assigned: { leaderId: number };
  /** R27: ownership moved; the first receiver stays the actor of `accepted` (R8). */
  handed_over: { from: number; to: number };
  /** R17: the policy the case is about. */
  policy_linked: { policyId: number; title: string };
  disclosure_requested: { request: number };
  disclosure_granted: DisclosureDecision;
  disclosure_denied: DisclosureDecision;
  message_relayed: { direction: RelayDirection };
  /** R30 R24: a file kept with the case; `sha256` is of the bytes kept (after any stripping). */
  attached: { name: string; mediaType: string; bytes: number; sha256: string };
  paper_copy_recorded: { location: string };
  legal_hold_placed: NoData;
  legal_hold_released: NoData;
  archived: NoData;
}

/** An event's type with its data: what a step decides and what a stored row reads back as. */
export type EventPayload<T extends EventType = EventType> = Extract<
  { [K in EventType]: { type: K; data: EventDataOf[K] } }[EventType],
  { type: T }
>;

/**
 * An event as a use case decides it, its data typed by its type (left out where the type records
 * nothing); the runner says who took it, when, and chains it.
 */
export type EventDraft<T extends EventType = EventType> = {
  [K in T]: { type: K; reason?: string | null } & (EventDataOf[K] extends NoData
    ? { data?: NoData }
    : { data: EventDataOf[K] });
}[T];

/** One event of a case's history, its data typed by its type. */
export type CaseEvent<T extends EventType = EventType> = EventPayload<T> & {
  seq: number;
  actorId: number | null;
  /** R6: the relay id of the anonymous or confidential party who took it, instead of them. */
  actorRelay?: string | null;
  at: Date;
  reason: string | null;
};

export function lastOf<T extends EventType>(
  history: CaseEvent[],
  type: T,
): CaseEvent<T> | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (isOf(e, type)) return e;
  }
  return undefined;
}

export function isOf<T extends EventType>(e: CaseEvent, type: T): e is CaseEvent<T> {
  return e.type === type;
}

/** R10: the extension request still waiting for a decision, if any. */
export function pendingExtension(
  history: CaseEvent[],
): CaseEvent<'extension_requested'> | undefined {
  const requested = lastOf(history, 'extension_requested');
  const decided = [...history]
    .reverse()
    .find((e) => e.type === 'extension_approved' || e.type === 'extension_rejected');
  return requested && (!decided || decided.seq < requested.seq) ? requested : undefined;
}
