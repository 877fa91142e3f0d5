import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { riskLevels, type Policy, type RiskLevel } from '../domain/catalogue';
import { holds, type Actor } from '../domain/people';
import { maySee } from '../domain/permissions';
import { Refusal } from '../domain/refusal';
import { addNotices } from '../notices/outbox';
import { In } from 'typeorm';
import { PersonEntity, PetitionEntity, PolicyEntity } from '../store/entities';
import { appendPolicyEvent, assessmentOf } from '../store/policy-trail';
import { holdersOf } from './audience';
import { takeStep, type StepResult } from './case-step';
import { caseViewsOf } from './case-view';
import { today, type Core } from './core';
import { requiredText } from './input';

export interface PolicyForm {
  title: string;
  affectedGroups: string;
  headCount: number;
  riskPoints: string;
  riskLevel: string;
  mitigation: string;
  effectiveOn: string;
}

/** What a person may do with a policy now: the register's two steps, as buttons. */
export type PolicyStep = 'registerPolicy' | 'signOffPolicy';

/** R17: a department head registers the assessments of their own department. */
export function mayRegister(actor: Actor): boolean {
  const department = actor.person.departmentId;
  return department !== null && holds(actor, 'department_head', department);
}

/**
 * R17, R28: a leader in charge of the policy's department signs it off, once, and never the
 * person who registered it.
 */
export function maySignOff(actor: Actor, policy: Policy): boolean {
  return (
    policy.signedOffBy === null &&
    policy.registeredBy !== actor.person.id &&
    holds(actor, 'leader', policy.departmentId)
  );
}

function riskLevel(value: string): RiskLevel {
  const level = riskLevels.find((l) => l === value);
  if (!level) throw new Refusal('refusal.risk_level', { field: 'riskLevel', value });
  return level;
}

function headCount(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new Refusal('refusal.number_range', {
      field: 'headCount',
      min: 1,
      max: 1_000_000,
      value: String(value),
    });
  }
  return value;
}

function effectiveOn(core: Core, value: string): LocalDate {
  const text = value.trim();
  if (!isLocalDate(text)) throw new Refusal('refusal.date', { field: 'effectiveOn', value: text });
  // 信访风险评估 comes before the policy: a date already past is not an assessment.
  if (text < today(core)) throw new Refusal('refusal.policy_date_past', { date: text });
  return text;
}

/**
 * R17: before a major policy (pay reform, post adjustment) a department head registers who it
 * affects, its risk points and level, the mitigation plan and the date it takes effect. The
 * registration is the first event of the policy's own trail, and the leaders in charge are told
 * it waits for their sign-off.
 */
export async function registerPolicy(core: Core, actor: Actor, form: PolicyForm): Promise<Policy> {
  if (!mayRegister(actor)) throw new Refusal('refusal.policy_head_only');
  const departmentId = actor.person.departmentId as string;
  const now = core.clock.now();
  const policy = {
    departmentId,
    title: requiredText(form.title, 'title', 191),
    affectedGroups: requiredText(form.affectedGroups, 'affectedGroups'),
    headCount: headCount(form.headCount),
    riskPoints: requiredText(form.riskPoints, 'riskPoints'),
    riskLevel: riskLevel(form.riskLevel),
    mitigation: requiredText(form.mitigation, 'mitigation'),
    effectiveOn: effectiveOn(core, form.effectiveOn),
    registeredBy: actor.person.id,
    registeredAt: now,
    signedOffBy: null,
    signedOffAt: null,
  };
  return core.store.transaction(async (m) => {
    const saved = await m.save(PolicyEntity, policy);
    const event = await appendPolicyEvent(
      m,
      saved.id,
      {
        type: 'policy_registered',
        actorId: actor.person.id,
        at: now,
        // The whole assessment as registered: the verifier reads the policy's row against it.
        data: assessmentOf(policy),
      },
      core.store.sealKey,
    );
    const leaders = (await holdersOf(m, 'leader', departmentId)).filter(
      (id) => id !== actor.person.id,
    );
    await addNotices(
      m,
      now,
      leaders.map((id) => ({
        kind: 'policy_registered',
        params: { policy: saved.id, title: saved.title, effectiveOn: saved.effectiveOn },
        to: { kind: 'person', id: String(id) },
        dedupeKey: `policy:${saved.id}:${event.seq}:${id}`,
      })),
    );
    return saved;
  });
}

async function policyById(core: Core, id: number): Promise<Policy> {
  const policy = Number.isInteger(id)
    ? await core.store.manager.findOneBy(PolicyEntity, { id })
    : null;
  if (!policy) throw new Refusal('refusal.unknown_policy', { policy: String(id) });
  return policy;
}

/** Why this person may not sign the policy off, or nothing: asked before a form is opened. */
function refuseSignOff(actor: Actor, policy: Policy | null, id: number): asserts policy is Policy {
  if (!policy) throw new Refusal('refusal.unknown_policy', { policy: String(id) });
  if (policy.signedOffBy !== null) {
    throw new Refusal('refusal.policy_signed', { policy: String(id), title: policy.title });
  }
  if (!maySignOff(actor, policy)) throw new Refusal('refusal.policy_leader_only');
}

/** Whether the sign-off could be taken now: a stale button is refused before its form opens. */
export async function checkSignOff(core: Core, actor: Actor, id: number): Promise<void> {
  const policy = Number.isInteger(id)
    ? await core.store.manager.findOneBy(PolicyEntity, { id })
    : null;
  refuseSignOff(actor, policy, id);
}

/** R17: a leader in charge signs the assessment off; the sign-off is an event of its trail. */
export async function signOffPolicy(
  core: Core,
  actor: Actor,
  id: number,
  opinion = '',
): Promise<Policy> {
  return core.store.transaction(async (m) => {
    const query = m.createQueryBuilder(PolicyEntity, 'p').where('p.id = :id', { id });
    if (core.store.rowLocks) query.setLock('pessimistic_write');
    const policy = await query.getOne();
    refuseSignOff(actor, policy, id);
    const now = core.clock.now();
    const signed = { ...policy, signedOffBy: actor.person.id, signedOffAt: now };
    await m.update(PolicyEntity, { id }, { signedOffBy: actor.person.id, signedOffAt: now });
    await appendPolicyEvent(
      m,
      id,
      {
        type: 'policy_signed_off',
        actorId: actor.person.id,
        at: now,
        reason: opinion.trim() || null,
      },
      core.store.sealKey,
    );
    return signed;
  });
}

/**
 * R17: the case is about a registered policy, named after filing (a filing names it at once);
 * the link is a step of the case, in its history.
 */
export async function linkPolicy(
  core: Core,
  actor: Actor,
  number: string,
  policyId: number,
): Promise<StepResult> {
  const policy = await policyById(core, policyId);
  return takeStep(core, actor, number, 'linkPolicy', ({ view }) => {
    if (view.petition.policyId === policy.id) {
      throw new Refusal('refusal.policy_linked', { number, title: policy.title });
    }
    return {
      event: { type: 'policy_linked', data: { policyId: policy.id, title: policy.title } },
      changes: { policyId: policy.id },
    };
  });
}

/** A policy as a person reads it: the assessment, and the petitions about it they may see. */
export interface PolicyView {
  policy: Policy;
  registeredBy: string;
  signedOffBy: string | null;
  petitions: { number: string; state: string }[];
  /** What this reader may do with it now. */
  steps: PolicyStep[];
}

/** R17: a policy's view lists its petitions, only those the reader may see (R6, R15). */
export async function policyView(core: Core, actor: Actor, id: number): Promise<PolicyView> {
  const policy = await policyById(core, id);
  const m = core.store.manager;
  const petitions = await m.find(PetitionEntity, {
    where: { policyId: policy.id },
    order: { id: 'ASC' },
  });
  const visible = (await caseViewsOf(m, core.store, petitions)).filter((v) => maySee(actor, v));
  const people = await m.findBy(PersonEntity, {
    id: In([policy.registeredBy, policy.signedOffBy ?? policy.registeredBy]),
  });
  const name = (pid: number | null) =>
    pid === null ? null : (people.find((p) => p.id === pid)?.name ?? '');
  return {
    policy,
    registeredBy: name(policy.registeredBy) ?? '',
    signedOffBy: name(policy.signedOffBy),
    petitions: visible.map((v) => ({ number: v.petition.number, state: v.petition.state })),
    steps: maySignOff(actor, policy) ? ['signOffPolicy'] : [],
  };
}

/** R17: the policies a filing or a link may name, newest first, as many as a form can list. */
export function policiesOffered(core: Core): Promise<Policy[]> {
  return core.store.manager.find(PolicyEntity, { order: { id: 'DESC' }, take: 50 });
}
