import { EntitySchema } from 'typeorm';
import { col } from './columns';

/** Who a notice is for: a person, a department's channel, or one of the organisation's channels. */
/** `relay`: the party of an anonymous or confidential case, by its relay id (R6). */
export type RecipientKind = 'person' | 'relay' | 'department_channel' | 'channel';

export type NoticeState = 'pending' | 'sent' | 'parked';

/**
 * A notice as the outbox stores it: `params` is its kind's params as JSON, read back into a
 * typed notice by src/notices/ before anything renders it.
 */
export interface NoticeRow {
  id: number;
  dedupeKey: string;
  petitionId: number | null;
  kind: string;
  recipientKind: RecipientKind;
  recipient: string;
  params: string;
  state: NoticeState;
  attempts: number;
  notBefore: Date;
  /** This instance's name, for an operator reading the table. */
  claimedBy: string | null;
  /** The claim this notice is in: only its holder may settle or renew it. */
  claimToken: string | null;
  claimedUntil: Date | null;
  /** 0 someone is waiting for it (a receipt, an answer, a reply); 1 posts; 2 bulk and digests. */
  priority: number;
  /** Once it failed: until when its recipient's later notices wait behind it (at most a minute). */
  holdsUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const NoticeEntity = new EntitySchema<NoticeRow>({
  name: 'Notice',
  tableName: 'notices',
  columns: {
    id: col.serial,
    dedupeKey: col.text('dedupe_key'),
    petitionId: col.int('petition_id', true),
    kind: col.text('kind'),
    recipientKind: col.text('recipient_kind'),
    recipient: col.text('recipient'),
    params: col.longText('params'),
    state: col.text('state'),
    attempts: col.int('attempts'),
    notBefore: col.instant('not_before'),
    claimedBy: col.text('claimed_by', true),
    claimToken: col.text('claim_token', true),
    claimedUntil: col.instant('claimed_until', true),
    priority: col.int('priority'),
    holdsUntil: col.instant('holds_until', true),
    lastError: col.longText('last_error', true),
    createdAt: col.instant('created_at'),
    sentAt: col.instant('sent_at', true),
  },
});

/** A per-year counter row for case numbers (R2); locked inside the filing transaction. */
export interface CaseCounter {
  name: string;
  lastValue: number;
}

export const CaseCounterEntity = new EntitySchema<CaseCounter>({
  name: 'CaseCounter',
  tableName: 'case_counters',
  columns: { name: { ...col.text('name'), primary: true }, lastValue: col.int('last_value') },
});

/** An inbound chat event already handled: platforms redeliver, we act once. */
export interface InboundEvent {
  eventKey: string;
  source: string;
  receivedAt: Date;
}

export const InboundEventEntity = new EntitySchema<InboundEvent>({
  name: 'InboundEvent',
  tableName: 'inbound_events',
  columns: {
    eventKey: { ...col.text('event_key'), primary: true },
    source: col.text('source'),
    receivedAt: col.instant('received_at'),
  },
});

/** One scheduled fire of a job, claimed by exactly one instance and recorded with its outcome. */
export interface JobFire {
  fireKey: string;
  jobName: string;
  owner: string;
  firedAt: Date;
  finishedAt: Date | null;
  outcome: string | null;
  error: string | null;
}

export const JobFireEntity = new EntitySchema<JobFire>({
  name: 'JobFire',
  tableName: 'job_fires',
  columns: {
    fireKey: { ...col.text('fire_key'), primary: true },
    jobName: col.text('job_name'),
    owner: col.text('owner'),
    firedAt: col.instant('fired_at'),
    finishedAt: col.instant('finished_at', true),
    outcome: col.text('outcome', true),
    error: col.longText('error', true),
  },
});

/** A platform's rate bucket paused by a 429 until `pausedUntil`: every instance waits it out. */
export interface DeliveryPause {
  bucket: string;
  pausedUntil: Date;
}

export const DeliveryPauseEntity = new EntitySchema<DeliveryPause>({
  name: 'DeliveryPause',
  tableName: 'delivery_pauses',
  columns: {
    bucket: { ...col.text('bucket'), primary: true },
    pausedUntil: col.instant('paused_until'),
  },
});

/** A running dispatcher, renewed each pass: the live ones share each app-wide rate. */
export interface DeliveryInstance {
  instance: string;
  seenUntil: Date;
}

export const DeliveryInstanceEntity = new EntitySchema<DeliveryInstance>({
  name: 'DeliveryInstance',
  tableName: 'delivery_instances',
  columns: {
    instance: { ...col.text('instance'), primary: true },
    seenUntil: col.instant('seen_until'),
  },
});

/** R1: a direct message offered for filing, kept for its sender until used or a day old. */
export interface FilingDraftRow {
  id: string;
  personId: number;
  content: string;
  createdAt: Date;
}

export const FilingDraftEntity = new EntitySchema<FilingDraftRow>({
  name: 'FilingDraft',
  tableName: 'filing_drafts',
  columns: {
    id: { ...col.text('id'), primary: true },
    personId: col.int('person_id'),
    content: col.longText('content'),
    createdAt: col.instant('created_at'),
  },
});
