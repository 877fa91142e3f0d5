import type { PetitionState } from './lifecycle';

/** R6: named (visible to those handling it), confidential (owner and leader only), anonymous. */
export const modes = ['named', 'confidential', 'anonymous'] as const;
export type Mode = (typeof modes)[number];

/** R12: the petitioner's rating of the written reply. */
export const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof ratings)[number];

/** R11: how the written reply reached the petitioner. */
export const deliveryMethods = ['in_person', 'mail', 'in_system'] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];

export interface Petition {
  id: number;
  number: string;
  categoryId: string;
  leadDepartmentId: string;
  mode: Mode;
  state: PetitionState;
  content: string;
  peopleConcerned: number;
  /** R16: earlier petitions of the same person on a similar matter this one repeats. */
  repeats: number;
  ownerId: number | null;
  leaderId: number | null;
  major: boolean;
  resolvedAtTeam: boolean;
  policyId: number | null;
  rating: Rating | null;
  filedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** R23: where the paper file is kept, once one is made. */
  paperCopy: string | null;
  /** R23: a case under legal hold is never destroyed. */
  legalHold: boolean;
  archivedAt: Date | null;
  version: number;
}

/**
 * R23: what is left of a destroyed case besides its statistical tombstone (the petitions row
 * without text or people): the record that it was destroyed, when, and what its trail was.
 */
export interface Destruction {
  petitionId: number;
  number: string;
  destroyedAt: Date;
  /** How many audit events were removed, and the hash of the last one: the trail's fingerprint. */
  events: number;
  auditHead: string;
  /** R24: the digest of the tombstone the destruction left (none for destructions before it). */
  caseDigest: string | null;
}

/** Who a petition is from, kept apart from its text and shown only to those entitled (R6). */
export interface PetitionParty {
  petitionId: number;
  petitionerId: number | null;
  petitionerName: string | null;
  filedById: number | null;
  contact: string | null;
}

/** Which side of a case a person is on: its petitioner, or the liaison who filed it (R7). */
export type PartyRole = 'petitioner' | 'filer';

/**
 * R6: who an anonymous or confidential case is from, as far as the rules may know it without
 * opening custody: the opaque relay ids its events and notices name instead of the people, and
 * which side a person is on, answered by comparing keyed hashes.
 */
export interface SealedParties {
  relays: Record<PartyRole, string | null>;
  roleOf(personId: number): PartyRole | null;
}

/** R6: a case's parties as custody keeps them, sealed; the hashes name no one to a reader. */
export interface CustodyRecord {
  petitionId: number;
  petitionerRelay: string | null;
  filerRelay: string | null;
  petitionerHash: string | null;
  filerHash: string | null;
  /** The case's PetitionParty, sealed under the identity key and bound to the case. */
  sealed: string;
}

export interface PetitionCoDepartment {
  petitionId: number;
  departmentId: string;
}

/** One line of the audit trail (R14, R24): append-only and hash-chained per petition. */
export interface PetitionEvent {
  id: number;
  petitionId: number;
  seq: number;
  type: string;
  actorId: number | null;
  /** R6: the relay id of the anonymous or confidential party who took the step, instead of them. */
  actorRelay: string | null;
  at: Date;
  reason: string | null;
  data: string;
  prevHash: string;
  hash: string;
  /** R24: the chain format the hash was made in (src/domain/audit-chain.ts). */
  chainVersion: number;
  /** R24, format 3: the digest of the case's own rows as the step left them. */
  caseDigest: string | null;
}

export type DisclosureState = 'requested' | 'granted' | 'denied';

export interface Disclosure {
  id: number;
  petitionId: number;
  requestedBy: number;
  reason: string;
  state: DisclosureState;
  requestedAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
}
