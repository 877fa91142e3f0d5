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
  attachments: string | null;
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
