import type { EntityManager } from 'typeorm';
import { digestsCase, genesisHash, hashOf, isChainVersion, sealOf } from '../domain/audit-chain';
import type { PetitionEvent } from '../domain/petition';
import { trailsOf } from './audit-trail';
import { verifyCaseNumbers, type NumberProblem } from './number-verifier';
import { storedDigests } from './case-rows';

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
    | 'no trail'
    | 'case edited'
    | 'tombstone edited'
    | NumberProblem;
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
  destroyed_digest: string | null;
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
      'd.case_digest AS destroyed_digest',
    ])
    .from('petitions', 'p')
    .leftJoin('destructions', 'd', 'd.petition_id = p.id')
    .where('p.id > :after', { after })
    .orderBy('p.id')
    .limit(batch)
    .getRawMany();
}

/**
 * The first link of one petition's trail that does not hold, or null. `stored` is the digest of
 * the case's rows as they are now, which the newest event (or the destruction) must have
 * recorded.
 */
function checkCase(
  head: Head,
  events: PetitionEvent[],
  stored: string | undefined,
  sealKey: string | null,
): BrokenLink | null {
  const number = head.number;
  const seq = Number(head.audit_seq);
  const tombstone = head.destroyed_digest ?? null;
  if (sealKey) {
    if (!head.audit_seal) return { number, seq, problem: 'unsealed' };
    const destroyed = head.state === 'destroyed';
    const seal = sealOf(sealKey, Number(head.id), seq, head.audit_head, destroyed, tombstone);
    if (seal !== head.audit_seal) return { number, seq, problem: 'seal broken' };
  }
  if (head.destroyed_head !== null && head.destroyed_head !== undefined) {
    // Destroyed at the end of its retention: the trail is gone, its fingerprint must match.
    const lawful =
      events.length === 0 &&
      head.state === 'destroyed' &&
      head.destroyed_head === head.audit_head &&
      Number(head.destroyed_events) === seq;
    if (!lawful) return { number, seq, problem: 'destroyed without a record' };
    // Destructions before the digest existed left tombstones nothing recorded.
    return tombstone && tombstone !== stored ? { number, seq, problem: 'tombstone edited' } : null;
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
  // A case whose newest event predates format 3 has columns nothing recorded (until its next step).
  if (digestsCase(last.chainVersion) && last.caseDigest !== stored) {
    return { number, seq, problem: 'case edited' };
  }
  return null;
}

/**
 * Walks every petition's chain, in id order, and returns the first link that does not hold (R24):
 * an event edited or missing, or a case's own rows (the petition, who it is from, its
 * co-departments) not as its newest event recorded them. With the seal key, each head must also
 * carry the seal only the key can make: a trail rewritten and rehashed without the key is caught
 * too. Then every case number taken must be a petition or void (R2), so a case deleted with all
 * its rows is reported by its number. Petitions are read in batches and only each batch's events
 * and rows are held, so the walk's memory does not grow with the database.
 *
 * `now` dates the check: a number taken within the last minutes may still be in flight.
 */
export async function verifyAuditTrail(
  m: EntityManager,
  sealKey: string | null = null,
  now: Date = new Date(),
): Promise<BrokenLink | null> {
  for (let after = 0; ;) {
    const heads = await headsAfter(m, after);
    if (heads.length === 0) break;
    const ids = heads.map((h) => Number(h.id));
    const [trails, digests] = await Promise.all([trailsOf(m, ids), storedDigests(m, ids)]);
    for (const head of heads) {
      const id = Number(head.id);
      const broken = checkCase(head, trails.get(id) ?? [], digests.get(id), sealKey);
      if (broken) return broken;
    }
    after = ids[ids.length - 1];
  }
  const missing = await verifyCaseNumbers(m, sealKey, now);
  return missing && { number: missing.number, seq: 0, problem: missing.problem };
}

const explanations: Record<BrokenLink['problem'], string> = {
  edited: 'the event was changed after it was written',
  'chain broken': 'the event does not follow the one before it',
  'chain version': 'the event claims a chain format it cannot have',
  'missing event': 'an event before this one was taken out',
  'events missing at the end': 'the newest events were taken out',
  'destroyed without a record': 'the trail is gone without a matching destruction record',
  unsealed: 'the head carries no seal (written without AUDIT_SEAL_KEY, or the seal was removed)',
  'seal broken': 'the head was rewritten without AUDIT_SEAL_KEY',
  'no trail': 'the case has no audit trail at all',
  'case edited':
    "the case's own rows (petition, petitioner, co-departments) are not what its newest event recorded: changed outside the bot",
  'tombstone edited': 'the destroyed case was changed after its destruction',
  'neither filed nor void':
    'the number was taken but is neither a petition nor recorded as void: the case was deleted',
  'not in a block': 'the number was never reserved in a block of numbers',
  'counter behind its blocks': 'the counter was moved back below numbers already reserved',
  'block unsealed': 'its block of numbers carries no seal',
  'block seal broken': 'its block of numbers was changed without AUDIT_SEAL_KEY',
  'void unsealed': 'it is recorded as void without a seal',
  'void seal broken': 'its void record was changed or made without AUDIT_SEAL_KEY',
};

/** One line an operator can act on: the case's number, the event, what is wrong. */
export function describeBroken(broken: BrokenLink): string {
  const where = broken.seq > 0 ? `${broken.number} event ${broken.seq}` : broken.number;
  return `audit trail broken at ${where}: ${broken.problem} (${explanations[broken.problem]})`;
}
