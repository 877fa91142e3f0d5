import type { Cluster, HotTopic, Report } from '../domain/figures';
import type { NoticeRow } from '../store/entities';
import { noticeKinds, type NoticeKind, type NoticePayload, type OutgoingNotice } from './notice';

/** A stored notice this release cannot read: it is parked, not guessed at. */
export class UnreadableNotice extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableNotice';
  }
}

/** The warning threshold before it moved to the organisation file, for reports stored then. */
const earlierWarningFrom = 3;

type Stored = { [param: string]: unknown };

const isKind = (kind: string): kind is NoticeKind => noticeKinds.some((k) => k === kind);

const isObject = (value: unknown): value is Stored =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(json: string, what: string): Stored {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UnreadableNotice(`${what} is not JSON`);
  }
  if (!isObject(value)) throw new UnreadableNotice(`${what} is not an object`);
  return value;
}

/** Notices written before December 2026 carried a report as a JSON string, its warnings undecided. */
function report(value: unknown): Report {
  const stored = typeof value === 'string' ? parsed(value, 'report') : value;
  if (!isObject(stored) || !Array.isArray(stored.hotTopics)) {
    throw new UnreadableNotice('report has no hot topics');
  }
  const hotTopics = (stored.hotTopics as (Cluster & Partial<HotTopic>)[]).map((topic) => ({
    ...topic,
    warning: topic.warning ?? topic.size >= earlierWarningFrom,
  }));
  return { ...(stored as unknown as Report), hotTopics };
}

/** Before December 2026 review levels were 1 and 2. */
const level = (value: unknown) => (value === 1 ? 'review' : value === 2 ? 're_review' : value);

/**
 * A notice row from the outbox as the typed notice adapters render, read once. Rows written
 * before reports and digests travelled as values, and before review levels were words, read too.
 * The params of a known kind are taken as its writer typed them: only addNotices writes them.
 */
export function readNotice(row: NoticeRow): OutgoingNotice {
  if (!isKind(row.kind)) throw new UnreadableNotice(`unknown notice kind "${row.kind}"`);
  const params = parsed(row.params, `params of notice ${row.id}`);
  if ('level' in params) params.level = level(params.level);
  if ('report' in params) params.report = report(params.report);
  if (typeof params.digest === 'string') params.digest = parsed(params.digest, 'digest');
  const payload = { kind: row.kind, params } as unknown as NoticePayload;
  return { ...payload, id: row.id, to: { kind: row.recipientKind, id: row.recipient } };
}
