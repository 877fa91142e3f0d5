import { createHash, createHmac } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { readEvent } from '../domain/event-reader';
import type { CaseEvent, NewEventOf } from '../domain/history';
import { UnreadableRecord } from '../domain/json-shape';
import type { PetitionEvent } from '../domain/petition';
import { PetitionEventEntity } from './entities';
import type { Store } from './store';

/** The hash before a petition's first event. */
export const genesisHash = '0'.repeat(64);

/**
 * Events are stored at whole seconds: MySQL's DATETIME keeps no milliseconds, and the hash must
 * be recomputable from what was stored.
 */
export function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

export function hashOf(e: Omit<PetitionEvent, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([
    e.petitionId,
    e.seq,
    e.type,
    e.actorId,
    wholeSecond(e.at).toISOString(),
    e.reason,
    e.data,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * R24: the seal of a petition's head, which only the holder of the key can make. A destroyed
 * case's head is sealed as destroyed, so a trail deleted by hand cannot pass for a destruction.
 */
export function sealOf(
  key: string,
  petitionId: number,
  seq: number,
  head: string,
  destroyed = false,
): string {
  return createHmac('sha256', key)
    .update(`${petitionId}:${seq}:${head}${destroyed ? ':destroyed' : ''}`)
    .digest('hex');
}

/**
 * Seals up to 500 heads after `afterId` that have no seal: trails written before the key was
 * introduced are taken as they are now (trust on first use), which is why only an operator does
 * this, once, after verifying the chains. A head that moved meanwhile is left for its own step to
 * seal. Returns the rows looked at, and the last id, to go on from.
 */
export async function sealUnsealed(
  m: EntityManager,
  key: string,
  afterId = 0,
): Promise<{ sealed: number; seen: number; lastId: number }> {
  const rows = (await m.query(
    'SELECT id, audit_seq, audit_head, state FROM petitions WHERE audit_seal IS NULL AND audit_seq > 0 AND id > ? ORDER BY id LIMIT 500',
    [afterId],
  )) as { id: number; audit_seq: number; audit_head: string; state: string }[];
  let sealed = 0;
  for (const r of rows) {
    const seal = sealOf(key, r.id, Number(r.audit_seq), r.audit_head, r.state === 'destroyed');
    await m.query(
      'UPDATE petitions SET audit_seal = ? WHERE id = ? AND audit_seal IS NULL AND audit_seq = ? AND audit_head = ?',
      [seal, r.id, r.audit_seq, r.audit_head],
    );
    const [now] = (await m.query('SELECT audit_seal FROM petitions WHERE id = ?', [r.id])) as {
      audit_seal: string | null;
    }[];
    if (now.audit_seal === seal) sealed++;
  }
  return { sealed, seen: rows.length, lastId: Number(rows.at(-1)?.id ?? afterId) };
}

export type NewEvent = NewEventOf & { actorId: number | null; at: Date };

/**
 * Appends one event to a petition's trail (R14, R24). The caller holds the petition's row (locked
 * on MySQL, or the SQLite transaction), so the sequence cannot race; the unique (petition, seq)
 * index is the last guard.
 */
export async function appendEvent(
  m: EntityManager,
  petitionId: number,
  event: NewEvent,
  sealKey: string | null,
): Promise<PetitionEvent> {
  const last = await m.getRepository(PetitionEventEntity).findOne({
    where: { petitionId },
    order: { seq: 'DESC' },
  });
  const row = {
    petitionId,
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    actorId: event.actorId,
    at: wholeSecond(event.at),
    reason: event.reason ?? null,
    data: JSON.stringify(event.data ?? {}),
    prevHash: last?.hash ?? genesisHash,
  };
  const stored = { ...row, hash: hashOf(row) };
  const { identifiers } = await m.insert(PetitionEventEntity, stored);
  // The head lives beside the case, outside the entity: only the audit trail reads or writes it.
  await m.query('UPDATE petitions SET audit_seq = ?, audit_head = ?, audit_seal = ? WHERE id = ?', [
    stored.seq,
    stored.hash,
    sealKey ? sealOf(sealKey, petitionId, stored.seq, stored.hash) : null,
    petitionId,
  ]);
  return { ...stored, id: identifiers[0].id as number };
}

/** A stored row as the rules read it; the row itself (and so its hash) is never rewritten. */
export function toCaseEvent(e: PetitionEvent): CaseEvent {
  try {
    return {
      seq: e.seq,
      actorId: e.actorId,
      at: e.at,
      reason: e.reason,
      ...readEvent(e.type, e.data),
    };
  } catch (error) {
    if (!(error instanceof UnreadableRecord)) throw error;
    throw new UnreadableRecord(`petition ${e.petitionId}, event ${e.seq}: ${error.message}`);
  }
}

export async function historyOf(m: EntityManager, petitionId: number): Promise<CaseEvent[]> {
  const rows = await m.find(PetitionEventEntity, { where: { petitionId }, order: { seq: 'ASC' } });
  return rows.map(toCaseEvent);
}

/** The histories of many petitions in one query, for sweeps over every open case. */
export async function historiesOf(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, CaseEvent[]>> {
  const histories = new Map<number, CaseEvent[]>(petitionIds.map((id) => [id, []]));
  if (petitionIds.length === 0) return histories;
  const rows = await m.find(PetitionEventEntity, {
    where: { petitionId: In(petitionIds) },
    order: { petitionId: 'ASC', seq: 'ASC' },
  });
  for (const row of rows) histories.get(row.petitionId)?.push(toCaseEvent(row));
  return histories;
}

/**
 * R23: removes a destroyed case's trail and returns its fingerprint (how many events, the last
 * hash). The petition keeps its head, and the destructions log the same fingerprint, so the
 * verification can tell a lawful destruction from events taken away.
 */
export async function eraseTrail(
  m: EntityManager,
  petitionId: number,
  sealKey: string | null,
): Promise<{ events: number; head: string }> {
  const [row] = (await m.query('SELECT audit_seq, audit_head FROM petitions WHERE id = ?', [
    petitionId,
  ])) as { audit_seq: number; audit_head: string }[];
  const events = Number(row.audit_seq);
  const head = String(row.audit_head);
  await m.delete(PetitionEventEntity, { petitionId });
  await m.query('UPDATE petitions SET audit_seal = ? WHERE id = ?', [
    sealKey ? sealOf(sealKey, petitionId, events, head, true) : null,
    petitionId,
  ]);
  return { events, head };
}

export interface BrokenLink {
  number: string;
  seq: number;
  problem:
    | 'edited'
    | 'chain broken'
    | 'missing event'
    | 'events missing at the end'
    | 'destroyed without a record'
    | 'unsealed'
    | 'seal broken'
    | 'no trail';
}

/**
 * Walks every petition's chain and returns the first link that does not hold (R24). With the seal
 * key, each head must also carry the seal only the key can make: a trail rewritten and rehashed
 * without the key is caught too.
 */
export async function verifyAuditTrail(
  m: EntityManager,
  sealKey: string | null = null,
): Promise<BrokenLink | null> {
  const petitions: {
    id: number;
    number: string;
    audit_seq: number;
    audit_head: string;
    audit_seal: string | null;
    state: string;
    destroyed_head: string | null;
    destroyed_events: number | null;
  }[] = await m
    .createQueryBuilder()
    .select([
      'p.id AS id',
      'p.number AS number',
      'p.audit_seq AS audit_seq',
      'p.audit_head AS audit_head',
      'p.audit_seal AS audit_seal',
      'p.state AS state',
      'd.audit_head AS destroyed_head',
      'd.events AS destroyed_events',
    ])
    .from('petitions', 'p')
    .leftJoin('destructions', 'd', 'd.petition_id = p.id')
    .orderBy('p.id')
    .getRawMany();
  for (const petition of petitions) {
    if (sealKey) {
      const at = { number: petition.number, seq: Number(petition.audit_seq) };
      if (!petition.audit_seal) return { ...at, problem: 'unsealed' };
      const id = Number(petition.id);
      const seal = sealOf(sealKey, id, at.seq, petition.audit_head, petition.state === 'destroyed');
      if (seal !== petition.audit_seal) return { ...at, problem: 'seal broken' };
    }
    if (petition.destroyed_head !== null && petition.destroyed_head !== undefined) {
      // Destroyed at the end of its retention: the trail is gone, its fingerprint must match.
      const left = await m.countBy(PetitionEventEntity, { petitionId: petition.id });
      if (
        left === 0 &&
        petition.state === 'destroyed' &&
        petition.destroyed_head === petition.audit_head &&
        Number(petition.destroyed_events) === Number(petition.audit_seq)
      )
        continue;
      return {
        number: petition.number,
        seq: Number(petition.audit_seq),
        problem: 'destroyed without a record',
      };
    }
    const events = await m.find(PetitionEventEntity, {
      where: { petitionId: petition.id },
      order: { seq: 'ASC' },
    });
    // Every case starts with its filing: a case without a trail had it taken away.
    if (events.length === 0) return { number: petition.number, seq: 0, problem: 'no trail' };
    let prev = genesisHash;
    for (const [i, e] of events.entries()) {
      const at = { number: petition.number, seq: e.seq };
      if (e.seq !== i + 1) return { ...at, problem: 'missing event' };
      if (e.prevHash !== prev) return { ...at, problem: 'chain broken' };
      if (hashOf(e) !== e.hash) return { ...at, problem: 'edited' };
      prev = e.hash;
    }
    const last = events.at(-1);
    if (
      (last?.seq ?? 0) !== Number(petition.audit_seq) ||
      (last?.hash ?? '') !== petition.audit_head
    ) {
      return {
        number: petition.number,
        seq: Number(petition.audit_seq),
        problem: 'events missing at the end',
      };
    }
  }
  return null;
}

/**
 * R24, once, when AUDIT_SEAL_KEY is new (`npm run audit:verify -- --seal`): verifies every chain
 * and, only if all hold, seals the heads that have no seal yet. Not done at start-up: a seal an
 * attacker removed must stay missing, not be granted anew.
 */
export async function sealTrails(
  store: Store,
  key: string,
): Promise<{ broken: BrokenLink | null; sealed: number }> {
  const broken = await verifyAuditTrail(store.manager);
  if (broken) return { broken, sealed: 0 };
  let sealed = 0;
  for (let after = 0; ;) {
    const batch = await store.transaction((m) => sealUnsealed(m, key, after));
    sealed += batch.sealed;
    if (batch.seen === 0) return { broken: null, sealed };
    after = batch.lastId;
  }
}
