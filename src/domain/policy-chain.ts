import { createHash, createHmac } from 'node:crypto';
import { wholeSecond } from './audit-chain';

/**
 * R17, R24: a policy's own audit trail, under the same rules as a petition's: each event's hash
 * covers its canonical form and the hash before it, the format is versioned, and the head is
 * sealed with the key the database does not hold. A policy event can never pass for a
 * petition's: its canonical form starts with the word `policy`.
 */

export const policyEventTypes = ['policy_registered', 'policy_signed_off'] as const;
export type PolicyEventType = (typeof policyEventTypes)[number];

export interface PolicyEvent {
  id: number;
  policyId: number;
  seq: number;
  type: PolicyEventType;
  actorId: number;
  at: Date;
  reason: string | null;
  data: string;
  prevHash: string;
  hash: string;
  chainVersion: number;
}

export type PolicyLink = Omit<PolicyEvent, 'id' | 'hash'>;

const formats = {
  1: (e: PolicyLink) => [
    'policy',
    1,
    e.policyId,
    e.seq,
    e.type,
    e.actorId,
    wholeSecond(e.at).toISOString(),
    e.reason,
    e.data,
    e.prevHash,
  ],
} satisfies Record<number, (e: PolicyLink) => unknown[]>;

export type PolicyChainVersion = keyof typeof formats;

export const currentPolicyChainVersion: PolicyChainVersion = 1;

export function isPolicyChainVersion(version: number): version is PolicyChainVersion {
  return Object.hasOwn(formats, version);
}

export function policyHashOf(e: PolicyLink): string {
  if (!isPolicyChainVersion(e.chainVersion)) {
    throw new Error(`unknown policy chain version ${e.chainVersion}`);
  }
  return createHash('sha256')
    .update(JSON.stringify(formats[e.chainVersion](e)))
    .digest('hex');
}

/** The seal of a policy's head; `policy:` keeps it apart from any petition's seal. */
export function policySealOf(key: string, policyId: number, seq: number, head: string): string {
  return createHmac('sha256', key).update(`policy:${policyId}:${seq}:${head}`).digest('hex');
}
