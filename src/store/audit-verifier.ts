import { In, type EntityManager } from 'typeorm';
import type { WorkingCalendar } from '../calendar/working-calendar';
import {
  digestsCase,
  genesisHash,
  hashOf,
  isChainVersion,
  sealOf,
  type ChainProblem,
} from '../domain/audit-chain';
import { projectDeadlines, type DeadlineProjection } from '../domain/deadline-projection';
import type { DeadlineRules } from '../domain/deadlines';
import { liveStates, type PetitionState } from '../domain/lifecycle';
import type { PetitionEvent } from '../domain/petition';
import { toCaseEvent, trailsOf } from './audit-trail';
import { DeadlineProjectionEntity, DisclosureEntity, type DeadlineProjectionRow } from './entities';
import { verifyCaseNumbers, type NumberProblem } from './number-verifier';
import { casesWithChangedFiles, strayFile } from './attachment-hashes';
import { storedDigests } from './case-rows';

export interface BrokenLink {
  number: string;
  seq: number;
  problem:
    | ChainProblem
    | 'destroyed without a record'
    | 'unsealed'
    | 'seal broken'
    | 'no trail'
    | 'case edited'
    | 'deadlines edited'
    | 'disclosures edited'
    | 'tombstone edited'
    | 'attachment edited'
    | 'stray file parts'
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

/**
 * The rules and calendar a case's deadline projection is computed with, when they are the ones
 * the bot last projected with: its projection is then what its history gives.
 */
export interface ProjectionRules {
  rules: DeadlineRules;
  calendar: WorkingCalendar;
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
 * R9, R24: a live case's deadline projection is derived, not recorded: recomputed from its
 * history, it must be what is stored. (A finished case keeps the deadlines it was measured
 * against under the rules of its day, which may have changed since.)
 */
function checkDeadlines(
  head: Head,
  events: PetitionEvent[],
  stored: DeadlineProjectionRow | undefined,
  { rules, calendar }: ProjectionRules,
): BrokenLink | null {
  if (!liveStates.includes(head.state as PetitionState)) return null;
  const expected = projectDeadlines(events.map(toCaseEvent), rules, calendar);
  const differs = (Object.keys(expected) as (keyof DeadlineProjection)[]).some(
    (field) => stored?.[field] !== expected[field],
  );
  return differs
    ? { number: head.number, seq: Number(head.audit_seq), problem: 'deadlines edited' }
    : null;
}

/**
 * R6, R24: who may see a confidential petitioner besides the owner and leader is derived from the
 * trail: the requesters of the disclosures the custodian granted. A grant written by hand, or one
 * taken away, does not match.
 */
function checkDisclosures(
  head: Head,
  events: PetitionEvent[],
  granted: number[],
): BrokenLink | null {
  if (head.state === 'destroyed') return null;
  const recorded = events
    .filter((e) => e.type === 'disclosure_granted')
    .map((e) => toCaseEvent(e))
    .flatMap((e) => (e.type === 'disclosure_granted' ? [e.data.requesterId] : []));
  const same = (a: number[], b: number[]) =>
    JSON.stringify([...a].sort((x, y) => x - y)) === JSON.stringify([...b].sort((x, y) => x - y));
  return same(recorded, granted)
    ? null
    : { number: head.number, seq: Number(head.audit_seq), problem: 'disclosures edited' };
}

/** The people each case of a batch was disclosed to. */
async function grantsOf(m: EntityManager, ids: number[]): Promise<Map<number, number[]>> {
  const rows = await m.findBy(DisclosureEntity, { petitionId: In(ids), state: 'granted' });
  const grants = new Map<number, number[]>();
  for (const r of rows)
    grants.set(r.petitionId, [...(grants.get(r.petitionId) ?? []), r.requestedBy]);
  return grants;
}

/** The stored projections of a batch of cases. */
async function projectionsOf(m: EntityManager, ids: number[]) {
  const rows = await m.findBy(DeadlineProjectionEntity, { petitionId: In(ids) });
  return new Map(rows.map((r) => [r.petitionId, r]));
}

interface Batch {
  broken: BrokenLink | null;
  /** The last id read, null once none are left. */
  last: number | null;
}

/**
 * One batch of cases after `after`, read in one snapshot: its first broken link, if any.
 */
async function verifyBatch(
  m: EntityManager,
  after: number,
  sealKey: string | null,
  deadlines: ProjectionRules | undefined,
): Promise<Batch> {
  const heads = await headsAfter(m, after);
  if (heads.length === 0) return { broken: null, last: null };
  const ids = heads.map((h) => Number(h.id));
  const [trails, digests, grants, projections, changedFiles] = await Promise.all([
    trailsOf(m, ids),
    storedDigests(m, ids),
    grantsOf(m, ids),
    deadlines ? projectionsOf(m, ids) : new Map<number, DeadlineProjectionRow>(),
    casesWithChangedFiles(m, ids),
  ]);
  for (const head of heads) {
    const id = Number(head.id);
    const trail = trails.get(id) ?? [];
    const broken =
      checkCase(head, trail, digests.get(id), sealKey) ??
      checkDisclosures(head, trail, grants.get(id) ?? []) ??
      (changedFiles.has(id)
        ? { number: head.number, seq: Number(head.audit_seq), problem: 'attachment edited' }
        : null) ??
      (deadlines ? checkDeadlines(head, trail, projections.get(id), deadlines) : null);
    if (broken) return { broken, last: id };
  }
  return { broken: null, last: ids[ids.length - 1] };
}

/**
 * On MySQL a batch's heads, events and rows are read in one REPEATABLE READ snapshot, so a step
 * committed by a running bot between two of its queries is not taken for an edit.
 */
function inOneSnapshot<T>(m: EntityManager, work: (m: EntityManager) => Promise<T>): Promise<T> {
  if (m.connection.options.type !== 'mysql' || m.queryRunner?.isTransactionActive) return work(m);
  return m.transaction('REPEATABLE READ', work);
}

/**
 * Walks every petition's chain, in id order, and returns the first link that does not hold (R24):
 * an event edited or missing, a case's own rows (the petition, who it is from, its
 * co-departments, its files) not as its newest event recorded them, a file's bytes not hashing to
 * the sha256 its trail recorded, or its granted disclosures not those its trail records. With the seal key, each head must also
 * carry the seal only the key can make: a trail rewritten and rehashed without the key is caught
 * too. Then every case number taken must be a petition or void (R2), so a case deleted with all
 * its rows is reported by its number. Petitions are read in batches and only each batch's events
 * and rows are held, so the walk's memory does not grow with the database.
 *
 * `now` dates the check: a number taken within the last minutes may still be in flight. With
 * `deadlines`, each live case's deadline projection is recomputed from its history and compared.
 */
export async function verifyAuditTrail(
  m: EntityManager,
  sealKey: string | null = null,
  now: Date = new Date(),
  deadlines?: ProjectionRules,
): Promise<BrokenLink | null> {
  let after: number | null = 0;
  while (after !== null) {
    const from: number = after;
    const batch: Batch = await inOneSnapshot(m, (tx) => verifyBatch(tx, from, sealKey, deadlines));
    if (batch.broken) return batch.broken;
    after = batch.last;
  }
  const missing = await verifyCaseNumbers(m, sealKey, now);
  if (missing) return { number: missing.number, seq: 0, problem: missing.problem };
  const stray = await strayFile(m);
  return stray === null ? null : { number: `file ${stray}`, seq: 0, problem: 'stray file parts' };
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
    "the case's own rows (petition, petitioner, co-departments, files) are not what its newest event recorded: changed outside the bot",
  'tombstone edited': 'the destroyed case was changed after its destruction',
  'attachment edited':
    'a file kept with the case no longer has the SHA-256 its trail recorded: a part of it was changed outside the bot',
  'stray file parts':
    'parts of a file are kept without the file, so without a case: bytes left behind or put in outside the bot',
  'disclosures edited':
    "who may see the confidential petitioner is not what the custodian's recorded decisions give",
  'deadlines edited':
    'its deadline projection is not what its history gives: changed outside the bot, so reminders and figures would be wrong',
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
