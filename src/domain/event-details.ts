import type { CaseEvent, EventDataOf, EventType } from './history';

/**
 * What a detail of an event is, so a reader is shown its name and not its id: a category, a
 * department, a decline situation, a delivery method, a plain value; or a person, who is never
 * shown as a detail (who acted is in the entry already, and an id tells a reader nothing).
 */
/** `person` and `internal` (a step or request number) are never shown to a reader as such. */
export type DetailKind =
  'category' | 'department' | 'situation' | 'method' | 'value' | 'person' | 'internal';

export type DetailValue = string | number | boolean | string[];

/** One detail of an event as a reader may see it. */
export interface EventDetail {
  field: string;
  kind: Exclude<DetailKind, 'person' | 'internal'>;
  value: DetailValue;
}

type Kinds<T extends EventType> = { [F in keyof EventDataOf[T]]-?: DetailKind };

/** Every field of every event type, classified: a new field does not compile until it is. */
const kinds: { [T in EventType]: Kinds<T> } = {
  filed: {
    categoryId: 'category',
    leadDepartmentId: 'department',
    mode: 'value',
    peopleConcerned: 'value',
    limitWorkingDays: 'value',
    onBehalf: 'value',
    commitment: 'value',
  },
  resolved_at_team: {},
  accepted: { replyBy: 'value', due: 'value' },
  declined: { situation: 'situation' },
  transferred: { from: 'department', to: 'department' },
  co_department_added: { department: 'department' },
  noted: {},
  paused: { kind: 'value' },
  resumed: {},
  extension_requested: { workingDays: 'value' },
  extension_approved: {
    requestSeq: 'internal',
    workingDays: 'value',
    calendarDays: 'value',
    due: 'value',
  },
  extension_rejected: { requestSeq: 'internal' },
  replied: {
    investigation: 'value',
    facts: 'value',
    basis: 'value',
    conclusion: 'value',
    deliveryMethod: 'method',
    deliveredOn: 'value',
  },
  rated: { rating: 'value' },
  appealed: { level: 'value' },
  reviewed: { level: 'value', reviewers: 'value', outcome: 'value' },
  closed: {},
  withdrawn: {},
  flagged_major: { trigger: 'value', limitWorkingDays: 'value', leaderId: 'person' },
  leader_assigned: { leaderId: 'person' },
  handed_over: { from: 'person', to: 'person' },
  policy_linked: { policyId: 'internal', title: 'value' },
  disclosure_requested: { request: 'internal' },
  disclosure_granted: { request: 'internal', requesterId: 'person' },
  disclosure_denied: { request: 'internal', requesterId: 'person' },
  message_relayed: { direction: 'value' },
  attached: { name: 'value', mediaType: 'value', bytes: 'value', sha256: 'value' },
  paper_copy_recorded: { location: 'value' },
  legal_hold_placed: {},
  legal_hold_released: {},
  archived: {},
};

type Fields = { readonly [field: string]: DetailValue | null | undefined };

/** The details of an event a reader is shown, in the order the event records them; empty ones left out. */
export function detailsOf(event: CaseEvent): EventDetail[] {
  const data: Fields = event.data;
  const classified: { readonly [field: string]: DetailKind } = kinds[event.type];
  const details: EventDetail[] = [];
  for (const [field, value] of Object.entries(data)) {
    const kind = classified[field];
    if (
      kind === undefined ||
      kind === 'person' ||
      kind === 'internal' ||
      value === null ||
      value === undefined ||
      value === ''
    )
      continue;
    details.push({ field, kind, value });
  }
  return details;
}
