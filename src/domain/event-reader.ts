import { isLocalDate, type LocalDate } from '../calendar/local-date';
import {
  eventTypes,
  majorTriggers,
  relayDirections,
  reviewLevels,
  reviewOutcomes,
  type EventDataOf,
  type EventPayload,
  type EventType,
  type NoData,
  type ReviewLevel,
} from './history';
import { deliveryMethods, modes, ratings } from './petition';

/** A stored event whose type or data this release cannot read: the trail is not what it wrote. */
export class UnreadableEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableEvent';
  }
}

/** Reads one field of a stored event's JSON, or says what is wrong with it. */
type Field<V> = (value: unknown, name: string) => V;

const fail = (name: string, wanted: string, value: unknown): never => {
  throw new UnreadableEvent(`${name} should be ${wanted}, is ${JSON.stringify(value)}`);
};

const text: Field<string> = (v, name) => (typeof v === 'string' ? v : fail(name, 'text', v));
const count: Field<number> = (v, name) =>
  typeof v === 'number' && Number.isInteger(v) ? v : fail(name, 'a whole number', v);
const flag: Field<boolean> = (v, name) =>
  typeof v === 'boolean' ? v : fail(name, 'true or false', v);
const day: Field<LocalDate> = (v, name) =>
  typeof v === 'string' && isLocalDate(v) ? v : fail(name, 'a YYYY-MM-DD date', v);
const texts: Field<string[]> = (v, name) =>
  Array.isArray(v) ? v.map((item, i) => text(item, `${name}[${i}]`)) : fail(name, 'a list', v);
const oneOf =
  <W extends string>(words: readonly W[]): Field<W> =>
  (v, name) =>
    words.find((w) => w === v) ?? fail(name, `one of ${words.join(', ')}`, v);
const orNull =
  <V>(field: Field<V>): Field<V | null> =>
  (v, name) =>
    v === null ? null : field(v, name);
const optional =
  <V>(field: Field<V>): Field<V | undefined> =>
  (v, name) =>
    v === undefined ? undefined : field(v, name);

/**
 * Review levels were stored as 1 and 2 until December 2026; those rows stay as they are (their
 * hashes cover them), and read as the words.
 */
const level: Field<ReviewLevel> = (v, name) =>
  v === 1 ? 'review' : v === 2 ? 're_review' : oneOf(reviewLevels)(v, name);

type Shape<D> = { [F in keyof D]-?: Field<D[F]> };

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
  paused: none,
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
  appealed: { level },
  reviewed: { level, reviewers: texts, outcome: oneOf(reviewOutcomes) },
  closed: none,
  withdrawn: none,
  flagged_major: {
    trigger: oneOf(majorTriggers),
    limitWorkingDays: count,
    leaderId: optional(orNull(count)),
  },
  leader_assigned: { leaderId: count },
  disclosure_requested: { request: count },
  disclosure_granted: disclosureDecision,
  disclosure_denied: disclosureDecision,
  message_relayed: { direction: oneOf(relayDirections) },
  paper_copy_recorded: { location: text },
  legal_hold_placed: none,
  legal_hold_released: none,
  archived: none,
};

function readData<T extends EventType>(type: T, raw: unknown): EventDataOf[T] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UnreadableEvent(`${type}: data should be an object, is ${JSON.stringify(raw)}`);
  }
  const shape: Shape<EventDataOf[T]> = shapes[type];
  const data: Partial<EventDataOf[T]> = {};
  for (const field of Object.keys(shape) as (keyof EventDataOf[T] & string)[]) {
    const value = shape[field](Reflect.get(raw, field), `${type}.${field}`);
    if (value !== undefined) data[field] = value;
  }
  return data as EventDataOf[T];
}

function isEventType(type: string): type is EventType {
  return eventTypes.some((t) => t === type);
}

/**
 * A stored event's type and data JSON, old shape or new, as the typed event the rules read.
 * Fields the type does not know are left out; a missing or ill-typed one is an error.
 */
export function readEvent(type: string, json: string): EventPayload {
  if (!isEventType(type)) throw new UnreadableEvent(`unknown event type "${type}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UnreadableEvent(`${type}: data is not JSON`);
  }
  return payload(type, readData(type, raw));
}

function payload<T extends EventType>(type: T, data: EventDataOf[T]): EventPayload {
  // The checker cannot relate a generic type to its own data; both come from the same T here.
  return { type, data } as EventPayload<T>;
}
