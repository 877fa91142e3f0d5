import type { Breakdown, Digest, HotTopic, PeriodNumbers, Report } from '../domain/figures';
import { reviewLevel } from '../domain/event-reader';
import { majorTriggers, pauseKinds, reviewOutcomes } from '../domain/history';
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
} from '../domain/json-shape';
import { states } from '../domain/lifecycle';
import { deliveryMethods, ratings } from '../domain/petition';
import type { NoticeRow } from '../store/entities';
import {
  noticeKinds,
  type NoticeKind,
  type NoticeParams,
  type NoticePayload,
  type OutgoingNotice,
} from './notice';

/** Reports stored before a rate's parts were counted read them as none: the rate shows as —. */
const countedLater: Field<number> = (v, name) => (v === undefined ? 0 : count(v, name));

const rates = {
  replied: count,
  repliedOnTime: count,
  rated: count,
  satisfied: count,
  satisfiedOnly: countedLater,
  finished: countedLater,
  resolved: countedLater,
};

const numbers: Field<PeriodNumbers> = record<PeriodNumbers>({
  ...rates,
  filed: count,
  accepted: count,
  declined: count,
  closed: count,
  extended: count,
  overdue: count,
  resolvedAtTeam: count,
  major: count,
  collective: count,
  repeatPetitioners: count,
  answerable: count,
  answered: count,
});

/** The warning threshold before it moved to the organisation file, for reports stored then. */
const earlierWarningFrom = 3;

const hotTopic: Field<HotTopic> = (v, name) => {
  const topic = record({
    department: text,
    category: text,
    size: count,
    keywords: list(text),
    warning: optional(flag),
  })(v, name);
  return { ...topic, warning: topic.warning ?? topic.size >= earlierWarningFrom };
};

/** Before December 2026 a report or digest was stored as JSON text inside the params. */
const nested =
  <V>(field: Field<V>): Field<V> =>
  (v, name) =>
    field(typeof v === 'string' ? parsed(v, name) : v, name);

const report: Field<Report> = nested(
  record<Report>({
    scope: text,
    first: day,
    last: day,
    current: numbers,
    previous: orNull(numbers),
    breakdown: list(record<Breakdown>({ ...rates, category: text, department: text, count })),
    hotTopics: list(hotTopic),
  }),
);

/** Notices stored before R31 marked provisional dates read as not provisional. */
const provisional: Field<boolean> = (v, name) => (v === undefined ? false : flag(v, name));

const digestLine = record({
  number: text,
  state: oneOf(states),
  due: orNull(day),
  provisional,
});

const digest: Field<Digest> = nested(
  record<Digest>({
    first: day,
    last: day,
    owned: list(digestLine),
    overdue: list(digestLine),
    numbers,
  }),
);

const about = { number: text };
const filing = { ...about, category: text, department: text };
const reminder = { ...about, due: day };
const overdue = { ...about, provisional, due: orNull(day), days: count };
const relayed = { ...about, text };
const analysis = { report };
const onDay = { date: day };

/** How each kind's params are read back; old shapes are read into the current one here. */
const shapes: { [K in NoticeKind]: Shape<NoticeParams<K>> } = {
  filed_receipt: { ...filing, provisional, acceptBy: day },
  new_case: { ...filing, peopleConcerned: count, major: flag },
  accepted: { ...about, provisional, owner: text, replyBy: day, due: orNull(day) },
  declined: { ...about, situation: text },
  transferred_in: { ...about, department: text },
  co_department_added: { ...about, department: text },
  paused: { ...about, reason: text, pauseKind: oneOf(pauseKinds) },
  resumed: about,
  extension_requested: { ...about, workingDays: count, reason: text, requester: text },
  extension_decided: {
    ...about,
    provisional,
    approved: flag,
    workingDays: count,
    due: orNull(day),
    reason: orNull(text),
  },
  replied: {
    ...about,
    investigation: optional(text),
    facts: optional(text),
    basis: optional(text),
    conclusion: text,
    deliveredOn: day,
    method: oneOf(deliveryMethods),
  },
  rating_requested: about,
  rated: { ...about, rating: oneOf(ratings) },
  appealed: { ...about, level: reviewLevel },
  reviewed: { ...about, level: reviewLevel, outcome: oneOf(reviewOutcomes), final: flag },
  closed: about,
  withdrawn: about,
  handed_over: { ...about, from: text, reason: text },
  leader_assigned: {
    ...about,
    trigger: oneOf(majorTriggers),
    category: optional(text),
    department: optional(text),
  },
  disclosure_requested: { ...about, request: count, requester: text, reason: text },
  disclosure_decided: { ...about, granted: flag },
  message_to_petitioner: relayed,
  message_from_petitioner: relayed,
  acceptance_overdue: overdue,
  due_soon: { ...reminder, provisional },
  statutory_due_soon: { ...reminder, days: count },
  statutory_overdue: { ...reminder, days: count },
  register_overdue: { ...reminder, days: count },
  overdue,
  long_overdue: overdue,
  extension_waiting: about,
  review_due_soon: reminder,
  review_overdue: reminder,
  weekly_summary: analysis,
  monthly_pack: analysis,
  quarterly_report: analysis,
  leader_digest: { digest },
  pre_shift: { team: text },
  reception_day: onDay,
  joint_meeting: onDay,
  archive_report: {
    day,
    closed: count,
    archived: count,
    destroyed: count,
    numbers: text,
  },
  calendar_year_unknown: { year: count, horizon: day },
};

const isKind = (kind: string): kind is NoticeKind => noticeKinds.some((k) => k === kind);

function payload<K extends NoticeKind>(kind: K, json: string): NoticePayload {
  const shape: Shape<NoticeParams<K>> = shapes[kind];
  const params = record(shape)(parsed(json, `${kind} params`), kind);
  // The checker cannot relate a generic kind to its own params; both come from the same K here.
  return { kind, params } as NoticePayload<K>;
}

/**
 * A notice row from the outbox as the typed notice adapters render, read once. Rows written
 * before reports and digests travelled as values, and before review levels were words, read too.
 */
export function readNotice(row: NoticeRow): OutgoingNotice {
  if (!isKind(row.kind)) throw new UnreadableRecord(`unknown notice kind "${row.kind}"`);
  return {
    ...payload(row.kind, row.params),
    id: row.id,
    to: { kind: row.recipientKind, id: row.recipient },
  };
}
