import { In, type EntityManager } from 'typeorm';
import {
  currentChainVersion,
  genesisHash,
  hashOf,
  sealOf,
  wholeSecond,
} from '../domain/audit-chain';
import { readEvent } from '../domain/event-reader';
import type { CaseEvent, EventDraft } from '../domain/history';
import { UnreadableRecord } from '../domain/json-shape';
import type { Destruction, Petition, PetitionEvent } from '../domain/petition';
import { DestructionEntity, PetitionEventEntity } from './entities';
import { insertRows } from './raw-rows';

/** The audit trail in the database (R14, R24): appended to, read, and erased at destruction. */

export type NewEvent = EventDraft & { actorId: number | null; actorRelay: string | null; at: Date };

/** An event as appended: the row without its id, which is the database's own. */
export type AppendedEvent = Omit<PetitionEvent, 'id'>;

/**
 * Appends a step's events to a petition's trail in one statement, each in the current chain
 * format and chained to the one before, with the digest of the case's rows as the step leaves
 * them, and moves the case's head once, to the last. The caller holds the petition's row (locked
 * on MySQL, or the SQLite transaction), so the sequence cannot race; the unique (petition, seq)
 * index is the last guard. A caller that knows the trail's newest event (null for a new case)
 * passes it, and it is not read again.
 */
export async function appendEvents(
  m: EntityManager,
  petitionId: number,
  events: NewEvent[],
  caseDigest: string,
  sealKey: string | null,
  newest?: Pick<PetitionEvent, 'seq' | 'hash'> | null,
): Promise<AppendedEvent[]> {
  let last =
    newest !== undefined
      ? newest
      : await m.getRepository(PetitionEventEntity).findOne({
          where: { petitionId },
          order: { seq: 'DESC' },
        });
  const appended: AppendedEvent[] = [];
  for (const event of events) {
    const row = {
      petitionId,
      seq: (last?.seq ?? 0) + 1,
      type: event.type,
      actorId: event.actorId,
      actorRelay: event.actorRelay,
      at: wholeSecond(event.at),
      reason: event.reason ?? null,
      data: JSON.stringify(event.data ?? {}),
      prevHash: last?.hash ?? genesisHash,
      chainVersion: currentChainVersion,
      caseDigest,
    };
    const stored = { ...row, hash: hashOf(row) };
    appended.push(stored);
    last = stored;
  }
  if (appended.length === 0) return appended;
  await insertRows(m, PetitionEventEntity, appended);
  // The head lives beside the case, outside the entity: only the audit trail reads or writes it.
  await writeHead(m, petitionId, appended[appended.length - 1], sealKey);
  return appended;
}

async function writeHead(
  m: EntityManager,
  petitionId: number,
  stored: Pick<PetitionEvent, 'seq' | 'hash'>,
  sealKey: string | null,
): Promise<void> {
  await m.query('UPDATE petitions SET audit_seq = ?, audit_head = ?, audit_seal = ? WHERE id = ?', [
    stored.seq,
    stored.hash,
    sealKey ? sealOf(sealKey, petitionId, stored.seq, stored.hash) : null,
    petitionId,
  ]);
}

/** A stored row as the rules read it; the row itself (and so its hash) is never rewritten. */
export function toCaseEvent(e: AppendedEvent): CaseEvent {
  try {
    return {
      seq: e.seq,
      actorId: e.actorId,
      actorRelay: e.actorRelay,
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

/** The stored events of many petitions in one query, each petition's in order. */
export async function trailsOf(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, PetitionEvent[]>> {
  const trails = new Map<number, PetitionEvent[]>(petitionIds.map((id) => [id, []]));
  if (petitionIds.length === 0) return trails;
  const rows = await m.find(PetitionEventEntity, {
    where: { petitionId: In(petitionIds) },
    order: { petitionId: 'ASC', seq: 'ASC' },
  });
  for (const row of rows) trails.get(row.petitionId)?.push(row);
  return trails;
}

/** The histories of many petitions in one query, for sweeps over every open case. */
export async function historiesOf(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, CaseEvent[]>> {
  const trails = await trailsOf(m, petitionIds);
  return new Map([...trails].map(([id, trail]) => [id, trail.map(toCaseEvent)]));
}

/**
 * R23: removes a destroyed case's trail and logs its fingerprint (how many events, the last hash)
 * and the digest of the tombstone left in the destructions. The petition keeps its head, sealed
 * as destroyed with that digest, so the verification can tell a lawful destruction from events
 * taken away, and an edited tombstone from the one the destruction left.
 */
export async function eraseTrail(
  m: EntityManager,
  petition: Pick<Petition, 'id' | 'number'>,
  destroyedAt: Date,
  tombstone: string,
  sealKey: string | null,
): Promise<Destruction> {
  const [row] = (await m.query('SELECT audit_seq, audit_head FROM petitions WHERE id = ?', [
    petition.id,
  ])) as { audit_seq: number; audit_head: string }[];
  const destruction: Destruction = {
    petitionId: petition.id,
    number: petition.number,
    destroyedAt,
    events: Number(row.audit_seq),
    auditHead: String(row.audit_head),
    caseDigest: tombstone,
  };
  await m.delete(PetitionEventEntity, { petitionId: petition.id });
  const { events, auditHead } = destruction;
  await m.query('UPDATE petitions SET audit_seal = ? WHERE id = ?', [
    sealKey ? sealOf(sealKey, petition.id, events, auditHead, true, tombstone) : null,
    petition.id,
  ]);
  await m.insert(DestructionEntity, destruction);
  return destruction;
}
