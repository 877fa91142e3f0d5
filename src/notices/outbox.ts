import type { EntityManager } from 'typeorm';
import { isParty, type CaseParties } from '../domain/permissions';
import type { CustodyRecord, Mode, PetitionParty } from '../domain/petition';
import { sealedParties } from '../store/custody';
import { NoticeEntity } from '../store/entities';
import { insertRows } from '../store/raw-rows';
import type { Store } from '../store/store';
import { partyNotices, type NoticeKind, type NoticePayload, type Recipient } from './notice';
import { priorityOf } from './priority';

/** A notice to write: its params typed by its kind, so a wrong field for a kind fails to compile. */
export type NewNotice<K extends NoticeKind = NoticeKind> = NoticePayload<K> & {
  to: Recipient;
  petitionId?: number | null;
  /**
   * Identifies the notice across retries and instances: a second notice with the same key is
   * dropped. Use-case notices key on the event that caused them; reminders on case, kind and day.
   */
  dedupeKey: string;
  notBefore?: Date;
};

/** Rows per statement: under both databases' limits on bound parameters. */
const chunk = 1000;

/** Who a case is from, where the caller knows it: the case it is making. */
type KnownParties = ReadonlyMap<number, CaseParties>;

/**
 * Writes notices to the outbox in the caller's transaction: they exist if and only if it commits.
 * Returns how many it wrote: those asking a party to work on their own case are not (R28). The
 * parties of the cases are read, unless the caller gives them (a new case's, just written);
 * `store` gives the identity key, to recognise the parties of a case in custody (R6).
 */
export async function addNotices(
  m: EntityManager,
  now: Date,
  notices: NewNotice[],
  store?: Store,
  known: KnownParties = new Map(),
): Promise<number> {
  let written = 0;
  for (let i = 0; i < notices.length; i += chunk) {
    const allowed = await withoutParties(m, notices.slice(i, i + chunk), store, known);
    await insertChunk(m, now, allowed);
    written += allowed.length;
  }
  return written;
}

/** A notice that asks its reader to work on a case. */
const asksToWork = (n: NewNotice): n is NewNotice & { petitionId: number } =>
  typeof n.petitionId === 'number' && n.to.kind === 'person' && !partyNotices.has(n.kind);

/** R28: nobody is asked to work on a case they filed or filed on behalf of. */
async function withoutParties(
  m: EntityManager,
  notices: NewNotice[],
  store: Store | undefined,
  known: KnownParties,
): Promise<NewNotice[]> {
  const cases = [...new Set(notices.filter(asksToWork).map((n) => n.petitionId))];
  const unknown = cases.filter((id) => !known.has(id));
  if (cases.length === 0) return notices;
  const parties = new Map(known);
  if (unknown.length > 0) {
    for (const [id, p] of await partiesOf(m, unknown, store)) parties.set(id, p);
  }
  return notices.filter((n) => {
    const party = asksToWork(n) ? parties.get(n.petitionId) : undefined;
    return party === undefined || !isParty(Number(n.to.id), party);
  });
}

/** A case's parties as `partyColumns` read them. */
export interface PartyRow {
  petition_id: number;
  petitioner_id: number | null;
  petitioner_name: string | null;
  filed_by_id: number | null;
  contact: string | null;
  mode: Mode;
  petitioner_relay: string | null;
  filer_relay: string | null;
  petitioner_hash: string | null;
  filer_hash: string | null;
  sealed: string | null;
}

/**
 * What `casePartiesOf` reads, from a query of `petitions p` joined to its `petition_parties x`
 * and (left) its `custody c`.
 */
export const partyColumns = [
  'x.petition_id AS petition_id',
  'x.petitioner_id AS petitioner_id',
  'x.petitioner_name AS petitioner_name',
  'x.filed_by_id AS filed_by_id',
  'x.contact AS contact',
  'p.mode AS mode',
  'c.petitioner_relay AS petitioner_relay',
  'c.filer_relay AS filer_relay',
  'c.petitioner_hash AS petitioner_hash',
  'c.filer_hash AS filer_hash',
  'c.sealed AS sealed',
];

const idOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Who a case is from, as the rules hold it: a case in custody by its sealed parties (R6). */
export function casePartiesOf(r: PartyRow, store: Store | undefined): CaseParties {
  const petitionId = Number(r.petition_id);
  const party: PetitionParty = {
    petitionId,
    petitionerId: idOrNull(r.petitioner_id),
    petitionerName: r.petitioner_name,
    filedById: idOrNull(r.filed_by_id),
    contact: r.contact,
  };
  if (r.sealed === null) return { party, sealed: null };
  if (!store) throw new Error('notices about a case in custody need the identity key');
  const record: CustodyRecord = {
    petitionId,
    petitionerRelay: r.petitioner_relay,
    filerRelay: r.filer_relay,
    petitionerHash: r.petitioner_hash,
    filerHash: r.filer_hash,
    sealed: r.sealed,
  };
  return { party, sealed: sealedParties(store.custody, record, r.mode) };
}

/**
 * The parties of these cases, in one statement written out as `insertChunk` is: a sweep asks
 * this of hundreds of cases at a time.
 */
async function partiesOf(
  m: EntityManager,
  cases: number[],
  store: Store | undefined,
): Promise<Map<number, CaseParties>> {
  const rows = (await m.query(
    `SELECT ${partyColumns.join(', ')} FROM petition_parties x ` +
      'INNER JOIN petitions p ON p.id = x.petition_id ' +
      'LEFT JOIN custody c ON c.petition_id = x.petition_id ' +
      `WHERE x.petition_id IN (${cases.map(() => '?').join(', ')})`,
    cases,
  )) as PartyRow[];
  return new Map(rows.map((r) => [Number(r.petition_id), casePartiesOf(r, store)]));
}

/** One multi-row INSERT: a sweep or a summary writes thousands at once. */
async function insertChunk(m: EntityManager, now: Date, notices: NewNotice[]) {
  const rows = notices.map((n) => ({
    dedupeKey: n.dedupeKey,
    petitionId: n.petitionId ?? null,
    kind: n.kind,
    recipientKind: n.to.kind,
    recipient: n.to.id,
    params: JSON.stringify(n.params),
    state: 'pending' as const,
    priority: priorityOf(n.kind, n.to.kind),
    attempts: 0,
    notBefore: n.notBefore ?? now,
    createdAt: now,
  }));
  // A notice already written is left as it is.
  await insertRows(m, NoticeEntity, rows, 'dedupe_key');
}
