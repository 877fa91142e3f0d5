import type { EntityManager } from 'typeorm';
import { genesisHash, hashOf, isChainVersion, sealOf } from '../domain/audit-chain';
import type { PetitionEvent } from '../domain/petition';
import { trailsOf } from './audit-trail';

export interface BrokenLink {
  number: string;
  seq: number;
  problem:
    | 'edited'
    | 'chain broken'
    | 'chain version'
    | 'missing event'
    | 'events missing at the end'
    | 'destroyed without a record'
    | 'unsealed'
    | 'seal broken'
    | 'no trail';
}

/** A petition's head as the verification reads it, with its destruction record if it has one. */
interface Head {
  id: number;
  number: string;
  audit_seq: number;
  audit_head: string;
  audit_seal: string | null;
  state: string;
  destroyed_head: string | null;
  destroyed_events: number | null;
}

/** Petitions are verified a batch at a time, each batch's events in one query. */
const batch = 200;

function headsAfter(m: EntityManager, after: number): Promise<Head[]> {
  return m
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
    .where('p.id > :after', { after })
    .orderBy('p.id')
    .limit(batch)
    .getRawMany();
}

/** The first link of one petition's trail that does not hold, or null. */
function checkCase(head: Head, events: PetitionEvent[], sealKey: string | null): BrokenLink | null {
  const number = head.number;
  const seq = Number(head.audit_seq);
  if (sealKey) {
    if (!head.audit_seal) return { number, seq, problem: 'unsealed' };
    const seal = sealOf(sealKey, Number(head.id), seq, head.audit_head, head.state === 'destroyed');
    if (seal !== head.audit_seal) return { number, seq, problem: 'seal broken' };
  }
  if (head.destroyed_head !== null && head.destroyed_head !== undefined) {
    // Destroyed at the end of its retention: the trail is gone, its fingerprint must match.
    const lawful =
      events.length === 0 &&
      head.state === 'destroyed' &&
      head.destroyed_head === head.audit_head &&
      Number(head.destroyed_events) === seq;
    return lawful ? null : { number, seq, problem: 'destroyed without a record' };
  }
  // Every case starts with its filing: a case without a trail had it taken away.
  if (events.length === 0) return { number, seq: 0, problem: 'no trail' };
  let prev = genesisHash;
  let version = 1;
  for (const [i, e] of events.entries()) {
    const at = { number, seq: e.seq };
    if (e.seq !== i + 1) return { ...at, problem: 'missing event' };
    if (e.prevHash !== prev) return { ...at, problem: 'chain broken' };
    // Formats only move forward: an event in an older format than the one before it was altered.
    if (!isChainVersion(e.chainVersion) || e.chainVersion < version) {
      return { ...at, problem: 'chain version' };
    }
    if (hashOf(e) !== e.hash) return { ...at, problem: 'edited' };
    prev = e.hash;
    version = e.chainVersion;
  }
  const last = events[events.length - 1];
  if (last.seq !== seq || last.hash !== head.audit_head) {
    return { number, seq, problem: 'events missing at the end' };
  }
  return null;
}

/**
 * Walks every petition's chain, in id order, and returns the first link that does not hold (R24).
 * With the seal key, each head must also carry the seal only the key can make: a trail rewritten
 * and rehashed without the key is caught too. Petitions are read in batches and only each
 * batch's events are held, so the walk's memory does not grow with the database.
 */
export async function verifyAuditTrail(
  m: EntityManager,
  sealKey: string | null = null,
): Promise<BrokenLink | null> {
  for (let after = 0; ;) {
    const heads = await headsAfter(m, after);
    if (heads.length === 0) return null;
    const trails = await trailsOf(
      m,
      heads.map((h) => Number(h.id)),
    );
    for (const head of heads) {
      const broken = checkCase(head, trails.get(Number(head.id)) ?? [], sealKey);
      if (broken) return broken;
    }
    after = Number(heads[heads.length - 1].id);
  }
}
