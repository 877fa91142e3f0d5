import { createHash, createHmac } from 'node:crypto';
import type { PetitionEvent } from './petition';

/**
 * R24: how a petition's audit trail is chained and sealed, with no database: each event's hash
 * covers its canonical form, which includes the hash before it; the head's seal covers the last
 * hash with a key the database does not hold.
 */

/** The hash before a petition's first event. */
export const genesisHash = '0'.repeat(64);

/** An event as it is hashed: everything stored but its row id and its own hash. */
export type Link = Omit<PetitionEvent, 'id' | 'hash'>;

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
} satisfies Record<number, (e: Link) => unknown[]>;

export type ChainVersion = keyof typeof formats;

/** The format new events are written in. */
export const currentChainVersion: ChainVersion = 2;

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
): string {
  return createHmac('sha256', key)
    .update(`${petitionId}:${seq}:${head}${destroyed ? ':destroyed' : ''}`)
    .digest('hex');
}
