import { In, type EntityManager } from 'typeorm';
import { isParty, type CaseParties } from '../domain/permissions';
import type { Mode } from '../domain/petition';
import { custodyRecordsOf, sealedParties } from '../store/custody';
import { NoticeEntity, PetitionEntity, PetitionPartyEntity } from '../store/entities';
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
const chunk = 500;

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

/** Who each case is from, as the rules hold it: a case in custody by its sealed parties (R6). */
async function partiesOf(
  m: EntityManager,
  cases: number[],
  store: Store | undefined,
): Promise<Map<number, CaseParties>> {
  const [rows, kept] = await Promise.all([
    m.findBy(PetitionPartyEntity, { petitionId: In(cases) }),
    custodyRecordsOf(m, cases),
  ]);
  const modes =
    kept.size === 0
      ? new Map<number, Mode>()
      : new Map(
          (
            await m.find(PetitionEntity, {
              select: { id: true, mode: true },
              where: { id: In([...kept.keys()]) },
            })
          ).map((p) => [p.id, p.mode]),
        );
  const parties = new Map<number, CaseParties>();
  for (const party of rows) {
    const record = kept.get(party.petitionId);
    const mode = modes.get(party.petitionId);
    if (record && !store) throw new Error('notices about a case in custody need the identity key');
    const sealed = record && store && mode ? sealedParties(store.custody, record, mode) : null;
    parties.set(party.petitionId, { party, sealed });
  }
  return parties;
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
