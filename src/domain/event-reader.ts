import {
  eventTypes,
  majorTriggers,
  pauseKinds,
  relayDirections,
  reviewLevels,
  reviewOutcomes,
  type EventDataOf,
  type EventPayload,
  type EventType,
  type NoData,
  type ReviewLevel,
} from './history';
import {
  count,
  day,
  flag,
  list,
  oneOf,
  optional,
  orNull,
  parsed,
  record,
  text,
  UnreadableRecord,
  type Field,
  type Shape,
} from './json-shape';
import { deliveryMethods, modes, ratings } from './petition';

/**
 * Review levels were stored as 1 and 2 until December 2026; those rows stay as they are (their
 * hashes cover them), and read as the words.
 */
export const reviewLevel: Field<ReviewLevel> = (v, name) =>
  v === 1 ? 'review' : v === 2 ? 're_review' : oneOf(reviewLevels)(v, name);

const none: Shape<NoData> = {};
const disclosureDecision = { request: count, requesterId: count };

/** How each type's data is read; old shapes are read into the current one here, nowhere else. */
const shapes: { [T in EventType]: Shape<EventDataOf[T]> } = {
  filed: {
    categoryId: text,
    leadDepartmentId: text,
    mode: oneOf(modes),
    peopleConcerned: count,
    limitWorkingDays: count,
    onBehalf: flag,
    commitment: flag,
  },
  resolved_at_team: none,
  accepted: { replyBy: day, due: orNull(day) },
  declined: { situation: text },
  transferred: { from: text, to: text },
  co_department_added: { department: text },
  noted: none,
  // A pause recorded before kinds existed stopped the company's clock alone.
  paused: { kind: (v, name) => (v === undefined ? 'other' : oneOf(pauseKinds)(v, name)) },
  resumed: none,
  extension_requested: { workingDays: count },
  extension_approved: {
    requestSeq: count,
    workingDays: count,
    calendarDays: count,
    due: orNull(day),
  },
  extension_rejected: { requestSeq: count },
  replied: {
    investigation: text,
    facts: text,
    basis: text,
    conclusion: text,
    deliveryMethod: oneOf(deliveryMethods),
    deliveredOn: day,
  },
  rated: { rating: oneOf(ratings) },
  appealed: { level: reviewLevel },
  reviewed: { level: reviewLevel, reviewers: list(text), outcome: oneOf(reviewOutcomes) },
  closed: none,
  withdrawn: none,
  flagged_major: {
    trigger: oneOf(majorTriggers),
    limitWorkingDays: count,
    leaderId: optional(orNull(count)),
  },
  leader_assigned: { leaderId: count },
  handed_over: { from: count, to: count },
  policy_linked: { policyId: count, title: text },
  disclosure_requested: { request: count },
  disclosure_granted: disclosureDecision,
  disclosure_denied: disclosureDecision,
  message_relayed: { direction: oneOf(relayDirections) },
  attached: { name: text, mediaType: text, bytes: count, sha256: text },
  paper_copy_recorded: { location: text },
  legal_hold_placed: none,
  legal_hold_released: none,
  archived: none,
};

function isEventType(type: string): type is EventType {
  return eventTypes.some((t) => t === type);
}

/**
 * A stored event's type and data JSON, old shape or new, as the typed event the rules read.
 * Fields the type does not know are left out; a missing or ill-typed one is an error.
 */
export function readEvent(type: string, json: string): EventPayload {
  if (!isEventType(type)) throw new UnreadableRecord(`unknown event type "${type}"`);
  return payload(type, dataOf(type, parsed(json, `${type} data`)));
}

function dataOf<T extends EventType>(type: T, raw: unknown): EventDataOf[T] {
  const shape: Shape<EventDataOf[T]> = shapes[type];
  return record(shape)(raw, type);
}

function payload<T extends EventType>(type: T, data: EventDataOf[T]): EventPayload {
  // The checker cannot relate a generic type to its own data; both come from the same T here.
  return { type, data } as EventPayload<T>;
}
