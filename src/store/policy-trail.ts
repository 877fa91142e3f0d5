import { In, type EntityManager } from 'typeorm';
import { genesisHash, wholeSecond, type ChainProblem } from '../domain/audit-chain';
import {
  currentPolicyChainVersion,
  isPolicyChainVersion,
  policyHashOf,
  policySealOf,
  type PolicyEvent,
  type PolicyEventType,
} from '../domain/policy-chain';
import type { Policy } from '../domain/catalogue';
import { PolicyEntity, PolicyEventEntity } from './entities';

/** R17, R24: a policy's audit trail in the database: appended to, read, verified. */

export interface NewPolicyEvent {
  type: PolicyEventType;
  actorId: number;
  at: Date;
  reason?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one event to a policy's trail; the caller holds the policy's row in its transaction. */
export async function appendPolicyEvent(
  m: EntityManager,
  policyId: number,
  event: NewPolicyEvent,
  sealKey: string | null,
): Promise<PolicyEvent> {
  const last = await m.findOne(PolicyEventEntity, { where: { policyId }, order: { seq: 'DESC' } });
  const row = {
    policyId,
    seq: (last?.seq ?? 0) + 1,
    type: event.type,
    actorId: event.actorId,
    at: wholeSecond(event.at),
    reason: event.reason ?? null,
    data: JSON.stringify(event.data ?? {}),
    prevHash: last?.hash ?? genesisHash,
    chainVersion: currentPolicyChainVersion,
  };
  const stored = { ...row, hash: policyHashOf(row) };
  const { identifiers } = await m.insert(PolicyEventEntity, stored);
  await m.query('UPDATE policies SET audit_seq = ?, audit_head = ?, audit_seal = ? WHERE id = ?', [
    stored.seq,
    stored.hash,
    sealKey ? policySealOf(sealKey, policyId, stored.seq, stored.hash) : null,
    policyId,
  ]);
  return { ...stored, id: identifiers[0].id as number };
}

/** What a policy's registration records of it (R17): every field of the assessment. */
export function assessmentOf(
  policy: Pick<
    Policy,
    | 'departmentId'
    | 'title'
    | 'affectedGroups'
    | 'headCount'
    | 'riskPoints'
    | 'riskLevel'
    | 'mitigation'
    | 'effectiveOn'
  >,
): Record<string, unknown> {
  return {
    departmentId: policy.departmentId,
    title: policy.title,
    affectedGroups: policy.affectedGroups,
    headCount: policy.headCount,
    riskPoints: policy.riskPoints,
    riskLevel: policy.riskLevel,
    mitigation: policy.mitigation,
    effectiveOn: policy.effectiveOn,
  };
}

export function policyTrailOf(m: EntityManager, policyId: number): Promise<PolicyEvent[]> {
  return m.find(PolicyEventEntity, { where: { policyId }, order: { seq: 'ASC' } });
}

export interface BrokenPolicyLink {
  policy: number;
  seq: number;
  problem: ChainProblem | 'unsealed' | 'seal broken' | 'no trail' | 'policy edited';
}

interface PolicyHead {
  id: number;
  audit_seq: number;
  audit_head: string;
  audit_seal: string | null;
}

const instant = (at: Date | null) => (at === null ? null : wholeSecond(at).getTime());

/**
 * R24: the row says what its trail says: the assessment its registration recorded, who
 * registered it, and who signed it off and when (or no one, before the sign-off).
 */
function rowMatchesTrail(row: Policy, events: PolicyEvent[]): boolean {
  const registered = events[0];
  const signed = events.find((e) => e.type === 'policy_signed_off') ?? null;
  const recorded = JSON.parse(registered.data) as Record<string, unknown>;
  const stored = assessmentOf(row);
  const assessment = Object.entries(stored).every(([k, v]) => recorded[k] === v);
  return (
    assessment &&
    row.registeredBy === registered.actorId &&
    row.signedOffBy === (signed?.actorId ?? null) &&
    instant(row.signedOffAt) === (signed ? instant(signed.at) : null)
  );
}

function checkPolicy(
  head: PolicyHead,
  row: Policy | undefined,
  events: PolicyEvent[],
  sealKey: string | null,
): BrokenPolicyLink | null {
  const policy = Number(head.id);
  const seq = Number(head.audit_seq);
  if (sealKey) {
    if (!head.audit_seal) return { policy, seq, problem: 'unsealed' };
    if (policySealOf(sealKey, policy, seq, head.audit_head) !== head.audit_seal) {
      return { policy, seq, problem: 'seal broken' };
    }
  }
  if (events.length === 0) {
    // Registered before the register kept a trail (the migration left its head empty); any other
    // policy starts with its registration, so one without a trail had it taken away.
    const beforeTrail = seq === 0 && head.audit_head === '';
    return beforeTrail ? null : { policy, seq: 0, problem: 'no trail' };
  }
  let prev = genesisHash;
  for (const [i, e] of events.entries()) {
    const at = { policy, seq: e.seq };
    if (e.seq !== i + 1) return { ...at, problem: 'missing event' };
    if (e.prevHash !== prev) return { ...at, problem: 'chain broken' };
    if (!isPolicyChainVersion(e.chainVersion)) return { ...at, problem: 'chain version' };
    if (policyHashOf(e) !== e.hash) return { ...at, problem: 'edited' };
    prev = e.hash;
  }
  const last = events[events.length - 1];
  if (last.seq !== seq || last.hash !== head.audit_head) {
    return { policy, seq, problem: 'events missing at the end' };
  }
  return row && rowMatchesTrail(row, events) ? null : { policy, seq, problem: 'policy edited' };
}

/** Policies are verified a batch at a time, so the walk's memory does not grow with the database. */
const batch = 200;

/** Walks every policy's chain in id order; the first link that does not hold, or null (R24). */
export async function verifyPolicyTrails(
  m: EntityManager,
  sealKey: string | null = null,
): Promise<BrokenPolicyLink | null> {
  for (let after = 0; ;) {
    const heads = (await m.query(
      'SELECT id, audit_seq, audit_head, audit_seal FROM policies WHERE id > ? ORDER BY id LIMIT ?',
      [after, batch],
    )) as PolicyHead[];
    if (heads.length === 0) return null;
    const ids = heads.map((h) => Number(h.id));
    const policies = new Map((await m.findBy(PolicyEntity, { id: In(ids) })).map((p) => [p.id, p]));
    const rows = await m
      .createQueryBuilder(PolicyEventEntity, 'e')
      .where('e.policyId IN (:...ids)', { ids })
      .orderBy('e.policyId')
      .addOrderBy('e.seq')
      .getMany();
    const trails = new Map<number, PolicyEvent[]>(ids.map((id) => [id, []]));
    for (const row of rows) trails.get(row.policyId)?.push(row);
    for (const head of heads) {
      const id = Number(head.id);
      const broken = checkPolicy(head, policies.get(id), trails.get(id) ?? [], sealKey);
      if (broken) return broken;
    }
    after = ids[ids.length - 1];
  }
}

/**
 * `audit:verify -- --seal`, once, when the key is new: seals the heads of the policies that have
 * no seal (those registered before the key, or before the trail), after verifying every chain.
 */
export async function sealPolicyTrails(
  m: EntityManager,
  sealKey: string,
): Promise<{ broken: BrokenPolicyLink | null; sealed: number }> {
  const broken = await verifyPolicyTrails(m);
  if (broken) return { broken, sealed: 0 };
  const heads = (await m.query(
    'SELECT id, audit_seq, audit_head FROM policies WHERE audit_seal IS NULL',
  )) as PolicyHead[];
  for (const h of heads) {
    await m.query('UPDATE policies SET audit_seal = ? WHERE id = ?', [
      policySealOf(sealKey, Number(h.id), Number(h.audit_seq), h.audit_head),
      h.id,
    ]);
  }
  return { broken: null, sealed: heads.length };
}
