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
  'disclosure_requested',
  'disclosure_granted',
  'disclosure_denied',
  'message_relayed',
  'paper_copy_recorded',
  'legal_hold_placed',
  'legal_hold_released',
  'archived',
] as const;
export type EventType = (typeof eventTypes)[number];

export type EventData = Record<string, string | number | boolean | string[] | null>;

export interface CaseEvent {
  seq: number;
  type: EventType;
  actorId: number | null;
  at: Date;
  reason: string | null;
  data: EventData;
}

export function lastOf(history: CaseEvent[], type: EventType): CaseEvent | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].type === type) return history[i];
  return undefined;
}

/** R10: the extension request still waiting for a decision, if any. */
export function pendingExtension(history: CaseEvent[]): CaseEvent | undefined {
  const requested = lastOf(history, 'extension_requested');
  const decided = [...history]
    .reverse()
    .find((e) => e.type === 'extension_approved' || e.type === 'extension_rejected');
  return requested && (!decided || decided.seq < requested.seq) ? requested : undefined;
}
