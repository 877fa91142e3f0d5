import { createHash, createHmac } from 'node:crypto';
import type { PetitionEvent } from './petition';

/**
 * R24: how a petition's audit trail is chained and sealed, with no database: each event's hash
 * covers its canonical form, which includes the hash before it; the head's seal covers the last
 * hash with a key the database does not hold.
 */

/** The hash before a petition's first event. */
export const genesisHash = '0'.repeat(64);

/**
 * An event as it is hashed: everything stored but its row id and its own hash. Formats before 3
 * had no case digest.
 */
export type Link = Omit<PetitionEvent, 'id' | 'hash' | 'caseDigest'> & {
  caseDigest?: string | null;
};

/**
 * Events are stored at whole seconds: MySQL's DATETIME keeps no milliseconds, and the hash must
 * be recomputable from what was stored.
 */
export function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/**
 * A relay id (R6) is hashed only where an event has one: every event written before relay ids
 * existed has none, so its hash stays what it was, while setting or clearing one breaks the link.
 */
const eventFields = (e: Link) => [
  e.petitionId,
  e.seq,
  e.type,
  e.actorId,
  ...(e.actorRelay === null ? [] : [{ relay: e.actorRelay }]),
  wholeSecond(e.at).toISOString(),
  e.reason,
  e.data,
  e.prevHash,
];

/**
 * Each chain format, by the version every event records. A stored event is never rewritten, so a
 * format, once events use it, never changes: what a later format must cover more (the case's own
 * columns, for the integrity issue) is a new version beside the old ones.
 */
const formats = {
  /** Events written before the format carried a version. */
  1: eventFields,
  /** The version itself is hashed, so an event cannot be passed off as another format's. */
  2: (e: Link) => [2, ...eventFields(e)],
  /**
   * The digest of the case's own rows after the step is hashed too: the petition, who it is
   * from, its co-departments. A column changed by hand no longer matches the newest event's
   * digest, and a digest changed to match breaks the chain and the seal.
   */
  3: (e: Link) => [3, ...eventFields(e), e.caseDigest ?? null],
} satisfies Record<number, (e: Link) => unknown[]>;

export type ChainVersion = keyof typeof formats;

/** The format new events are written in. */
export const currentChainVersion: ChainVersion = 3;

/** Whether events of this format carry the digest of their case's rows. */
export function digestsCase(version: number): boolean {
  return version >= 3;
}

export function isChainVersion(version: number): version is ChainVersion {
  return Object.hasOwn(formats, version);
}

export function hashOf(e: Link): string {
  if (!isChainVersion(e.chainVersion)) throw new Error(`unknown chain version ${e.chainVersion}`);
  const canonical = JSON.stringify(formats[e.chainVersion](e));
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The seal of a petition's head, which only the holder of the key can make. A destroyed case's
 * head is sealed as destroyed, so a trail deleted by hand cannot pass for a destruction (R23).
 */
export function sealOf(
  key: string,
  petitionId: number,
  seq: number,
  head: string,
  destroyed = false,
  tombstone: string | null = null,
): string {
  const end = destroyed ? `:destroyed${tombstone ? `:${tombstone}` : ''}` : '';
  return createHmac('sha256', key).update(`${petitionId}:${seq}:${head}${end}`).digest('hex');
}

/**
 * A case's own rows as stored, each keyed by its column name: the petition, who it is from, and
 * its co-departments. Columns the audit chain keeps for itself are not among them.
 */
export interface CaseRows {
  petition: Record<string, unknown>;
  party: Record<string, unknown> | null;
  coDepartments: string[];
  /** A case in custody's record (R6): its relay ids, keyed hashes and sealed parties. */
  custody?: Record<string, unknown> | null;
  /** R30: the files kept with the case, each row without its bytes (their sha256 stands for them). */
  attachments?: Record<string, unknown>[];
}

function canonicalValue(value: unknown): unknown {
  if (value instanceof Date) return wholeSecond(value).toISOString();
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') {
    return value;
  }
  throw new Error(`a case column holds ${typeof value}, which has no canonical form`);
}

/**
 * Columns in name order, an empty one left out: a nullable column added later leaves the
 * digests written before it valid, and one emptied by hand still changes the digest.
 */
function canonicalRow(row: Record<string, unknown> | null): [string, unknown][] | null {
  if (!row) return null;
  return Object.keys(row)
    .sort()
    .filter((column) => row[column] !== null && row[column] !== undefined)
    .map((column) => [column, canonicalValue(row[column])]);
}

/** R24: the SHA-256 of a case's own rows in a canonical form, hashed into format 3 events. */
export function caseDigest(rows: CaseRows): string {
  const canonical = JSON.stringify([
    canonicalRow(rows.petition),
    canonicalRow(rows.party),
    [...rows.coDepartments].sort(),
    // Only a case in custody has the fourth part, so every other case's digest is as it was.
    ...(rows.custody ? [canonicalRow(rows.custody)] : []),
    // Only a case with files has this part, tagged, so a case without them keeps its digest.
    ...(rows.attachments?.length ? [['attachments', rows.attachments.map(canonicalRow)]] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** A block of case numbers as its seal covers it: the range, and whether it is closed. */
export interface SealedBlock {
  name: string;
  firstValue: number;
  lastValue: number;
  closedAt: Date | null;
}

/** R2, R24: the seal of a block of case numbers, so its range cannot be moved by hand. */
export function blockSeal(key: string, b: SealedBlock): string {
  const state = b.closedAt ? 'closed' : 'open';
  return createHmac('sha256', key)
    .update(`block:${b.name}:${b.firstValue}:${b.lastValue}:${state}`)
    .digest('hex');
}

/** R2, R24: the seal of numbers recorded as void, so a deleted case cannot be voided by hand. */
export function voidSeal(
  key: string,
  v: { name: string; firstValue: number; lastValue: number; reason: string },
): string {
  return createHmac('sha256', key)
    .update(`void:${v.name}:${v.firstValue}:${v.lastValue}:${v.reason}`)
    .digest('hex');
}

/** What a walk of any chain (a petition's, a policy's) can find wrong with one of its links. */
export type ChainProblem =
  'edited' | 'chain broken' | 'chain version' | 'missing event' | 'events missing at the end';
