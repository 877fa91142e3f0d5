import { usableActions } from '../../adapters/shared/actions';
import { policyHashOf } from '../../src/domain/policy-chain';
import { jobNamed } from '../../src/jobs/catalogue';
import { lastWeek } from '../../src/jobs/periods';
import { buildReport } from '../../src/jobs/reports';
import { accept } from '../../src/services/accept';
import { createCore } from '../../src/services/core';
import { caseFile } from '../../src/services/read-models';
import {
  linkPolicy,
  policyView,
  registerPolicy,
  signOffPolicy,
  type PolicyForm,
} from '../../src/services/policy';
import { NoticeEntity, PolicyEntity, PolicyEventEntity } from '../../src/store/entities';
import { policyTrailOf, sealPolicyTrails, verifyPolicyTrails } from '../../src/store/policy-trail';
import { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const key = 'a-seal-key-of-at-least-thirty-two-characters';

/** HR's pay reform, taking effect on Friday of the world's first week. */
const payReform: PolicyForm = {
  title: '2027 年薪酬结构改革',
  affectedGroups: '一线倒班职工',
  headCount: 320,
  riskPoints: '绩效工资占比提高，夜班收入可能下降',
  riskLevel: 'high',
  mitigation: '设六个月过渡期，保底不低于改革前',
  effectiveOn: '2026-11-06',
};

eachDatabase('R17 the policy risk register', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  // Each rule is read on a register of its own, from Monday 2 November.
  beforeEach(async () => {
    world.clock.set('2026-11-02T02:00:00Z');
    const m = world.store.manager;
    await m.query('DELETE FROM policy_events');
    await m.query('DELETE FROM policies');
    await m.query("DELETE FROM notices WHERE kind IN ('policy_registered', 'policy_unsigned')");
  });

  const register = async (form: Partial<PolicyForm> = {}) =>
    registerPolicy(world.core, await world.as('yang.lei'), { ...payReform, ...form });

  test('R17 a department head registers a policy with its groups, head-count, risk points and level, mitigation and effective date; nobody else may', async () => {
    await expect(
      registerPolicy(world.core, await world.as('zhao.min'), payReform),
    ).rejects.toMatchObject({ key: 'refusal.policy_head_only' });
    await expect(register({ effectiveOn: '2026-11-01' })).rejects.toMatchObject({
      key: 'refusal.policy_date_past',
    });
    await expect(register({ riskLevel: 'extreme' })).rejects.toMatchObject({
      key: 'refusal.risk_level',
    });
    await expect(register({ headCount: 0 })).rejects.toMatchObject({
      key: 'refusal.number_range',
    });
    const policy = await register();
    expect(policy).toMatchObject({
      departmentId: 'hr',
      affectedGroups: '一线倒班职工',
      headCount: 320,
      riskLevel: 'high',
      effectiveOn: '2026-11-06',
      signedOffBy: null,
    });
    const trail = await policyTrailOf(world.store.manager, policy.id);
    expect(trail.map((e) => [e.type, e.actorId])).toEqual([
      ['policy_registered', await world.idOf('yang.lei')],
    ]);
    // The leader in charge of HR is told it waits for the sign-off.
    const told = await world.store.manager.findBy(NoticeEntity, { kind: 'policy_registered' });
    expect(told.map((n) => n.recipient)).toEqual([String(await world.idOf('zhang.wei'))]);
  });

  test('R17 R32 the notice that a policy waits carries the 签批 button to the leader in charge only, and not once it is signed', async () => {
    const policy = await register();
    const notice = async (key: string) => ({
      id: 1,
      kind: 'policy_registered' as const,
      params: { policy: policy.id, title: policy.title, effectiveOn: policy.effectiveOn },
      to: { kind: 'person' as const, id: String(await world.idOf(key)) },
    });
    expect(await usableActions(world.core, await notice('zhang.wei'))).toEqual([
      { name: 'signoff', number: String(policy.id) },
    ]);
    expect(await usableActions(world.core, await notice('li.na'))).toEqual([]);
    await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id);
    expect(await usableActions(world.core, await notice('zhang.wei'))).toEqual([]);
  });

  test('R17 R28 a leader in charge of the department signs it off, once; another area’s leader may not', async () => {
    const policy = await register();
    await expect(
      signOffPolicy(world.core, await world.as('li.na'), policy.id),
    ).rejects.toMatchObject({ key: 'refusal.policy_leader_only' });
    const signed = await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id, '同意');
    expect(signed.signedOffBy).toBe(await world.idOf('zhang.wei'));
    await expect(
      signOffPolicy(world.core, await world.as('zhang.wei'), policy.id),
    ).rejects.toMatchObject({ key: 'refusal.policy_signed' });
    const trail = await policyTrailOf(world.store.manager, policy.id);
    expect(trail.map((e) => [e.type, e.reason])).toEqual([
      ['policy_registered', null],
      ['policy_signed_off', '同意'],
    ]);
    expect(trail[1].prevHash).toBe(trail[0].hash);
  });

  test('R17 R24 a policy’s trail is verified like a petition’s: an edited, removed or missing event is found', async () => {
    const policy = await register();
    await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id);
    const m = world.store.manager;
    expect(await verifyPolicyTrails(m)).toBeNull();
    const [first] = await policyTrailOf(m, policy.id);
    await m.update(PolicyEventEntity, { id: first.id }, { data: '{"title":"别的政策"}' });
    expect(await verifyPolicyTrails(m)).toEqual({ policy: policy.id, seq: 1, problem: 'edited' });
    // Rehashing the edit by hand breaks the link to the next event instead.
    const edited = { ...first, data: '{"title":"别的政策"}' };
    await m.update(PolicyEventEntity, { id: first.id }, { hash: policyHashOf(edited) });
    expect(await verifyPolicyTrails(m)).toEqual({
      policy: policy.id,
      seq: 2,
      problem: 'chain broken',
    });
    await m.delete(PolicyEventEntity, { policyId: policy.id });
    expect(await verifyPolicyTrails(m)).toEqual({ policy: policy.id, seq: 0, problem: 'no trail' });
  });

  test('R17 R24 a policy’s own row edited by hand (a forged sign-off, a lowered risk, a moved date) is found', async () => {
    const m = world.store.manager;
    const policy = await register();
    expect(await verifyPolicyTrails(m)).toBeNull();
    const edited = { policy: policy.id, seq: 1, problem: 'policy edited' };
    await m.update(PolicyEntity, { id: policy.id }, { signedOffBy: await world.idOf('zhang.wei') });
    expect(await verifyPolicyTrails(m)).toEqual(edited);
    await m.update(PolicyEntity, { id: policy.id }, { signedOffBy: null });
    expect(await verifyPolicyTrails(m)).toBeNull();
    for (const change of [{ riskLevel: 'low' as const }, { effectiveOn: '2027-06-30' }]) {
      await m.update(PolicyEntity, { id: policy.id }, change);
      expect(await verifyPolicyTrails(m)).toEqual(edited);
      await m.update(
        PolicyEntity,
        { id: policy.id },
        { riskLevel: policy.riskLevel, effectiveOn: policy.effectiveOn },
      );
    }
    await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id);
    expect(await verifyPolicyTrails(m)).toBeNull();
    await m.update(PolicyEntity, { id: policy.id }, { signedOffBy: await world.idOf('li.na') });
    expect(await verifyPolicyTrails(m)).toEqual({ ...edited, seq: 2 });
  });

  test('R17 R24 a policy registered before the register kept a trail passes; sealed once with the key, its head cannot be emptied unseen', async () => {
    const m = world.store.manager;
    // As the register stored it before this release: no trail, its head left empty.
    await m.insert(PolicyEntity, {
      ...payReform,
      departmentId: 'hr',
      title: '旧政策',
      registeredBy: await world.idOf('yang.lei'),
      registeredAt: world.clock.now(),
      riskLevel: 'medium',
      signedOffBy: null,
      signedOffAt: null,
    });
    expect(await verifyPolicyTrails(m)).toBeNull();
    expect(await verifyPolicyTrails(m, key)).toMatchObject({ problem: 'unsealed' });
    const policy = await register();
    expect(await sealPolicyTrails(m, key)).toEqual({ broken: null, sealed: 2 });
    expect(await verifyPolicyTrails(m, key)).toBeNull();
    // A trail taken away and its head emptied, as if registered before the trail: the seal says no.
    await m.delete(PolicyEventEntity, { policyId: policy.id });
    await m.query("UPDATE policies SET audit_seq = 0, audit_head = '' WHERE id = ?", [policy.id]);
    expect(await verifyPolicyTrails(m, key)).toMatchObject({
      policy: policy.id,
      problem: 'seal broken',
    });
  });

  test('R17 R24 with the seal key a policy’s head is sealed, and a head rewritten without the key is found', async () => {
    const sealed = createCore(
      new Store(world.store.dataSource, db().url, key),
      patientOrg,
      world.clock,
    );
    const policy = await registerPolicy(sealed, await world.as('yang.lei'), payReform);
    const m = world.store.manager;
    expect(await verifyPolicyTrails(m, key)).toBeNull();
    await m.query('UPDATE policies SET audit_seal = ? WHERE id = ?', ['0'.repeat(64), policy.id]);
    expect(await verifyPolicyTrails(m, key)).toMatchObject({ problem: 'seal broken' });
  });

  test('R17 petitions are linked at filing or later by a step of the case, and the policy’s view lists those its reader may see', async () => {
    const policy = await register();
    const atFiling = await world.file('hu.bin', {
      content: '新薪酬方案让夜班收入下降。',
      policyId: policy.id,
    });
    await expect(world.file('hu.bin', { policyId: 9999 })).rejects.toMatchObject({
      key: 'refusal.unknown_policy',
    });
    const later = await world.file('guo.hong', { content: '改革后夜班津贴怎么算？' });
    await accept(world.core, await world.as('zhao.min'), later.number, '2026-11-05');
    await expect(
      linkPolicy(world.core, await world.as('guo.hong'), later.number, policy.id),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    const { petition } = await linkPolicy(
      world.core,
      await world.as('zhao.min'),
      later.number,
      policy.id,
    );
    expect(petition.policyId).toBe(policy.id);
    const history = (await caseFile(world.core, await world.as('zhao.min'), later.number)).history;
    expect(history.at(-1)).toMatchObject({
      type: 'policy_linked',
      details: [{ field: 'title', value: payReform.title }],
    });
    const handler = await policyView(world.core, await world.as('zhao.min'), policy.id);
    expect(handler.petitions.map((p) => p.number)).toEqual([atFiling.number, later.number]);
    // A petitioner sees their own petition and nobody else's.
    const petitioner = await policyView(world.core, await world.as('hu.bin'), policy.id);
    expect(petitioner.petitions.map((p) => p.number)).toEqual([atFiling.number]);
    expect(petitioner.steps).toEqual([]);
    const leader = await policyView(world.core, await world.as('zhang.wei'), policy.id);
    expect(leader.steps).toEqual(['signOffPolicy']);
  });

  test('R17 R19 the weekly summary counts the petitions about each policy: new in the week and in all', async () => {
    const policy = await register();
    const other = await register({ title: '岗位调整方案', riskLevel: 'medium' });
    await world.file('hu.bin', { content: '夜班收入下降。', policyId: policy.id });
    await world.file('guo.hong', { content: '绩效怎么考核？', policyId: policy.id });
    await world.file('hu.bin', { content: '转岗以后工龄怎么算？', policyId: other.id });
    await world.file('guo.hong', { content: '食堂排队太久。' });
    world.clock.set('2026-11-09T01:00:00Z');
    await world.file('hu.bin', { content: '下周的夜班补贴？', policyId: policy.id });
    const week = lastWeek(world.clock.now(), 'Asia/Shanghai');
    const report = await buildReport(
      world.store.manager,
      week,
      null,
      'company',
      patientOrg.thresholds,
    );
    expect(report.policies).toEqual([
      { policy: policy.id, title: payReform.title, count: 2, total: 2 },
      { policy: other.id, title: '岗位调整方案', count: 1, total: 1 },
    ]);
  });

  test('R17 an unsigned policy is reminded to the leader in charge each day of the week before its date, once a day, and no more once signed off', async () => {
    const policy = await register({ effectiveOn: '2026-11-12' });
    await register({ title: '远期方案', effectiveOn: '2026-12-31' });
    const runOn = async (iso: string) => {
      world.clock.set(iso);
      return jobNamed('policy-reminders').run(world.core, world.clock.now());
    };
    expect(await runOn('2026-11-04T01:15:00Z')).toBe(0); // eight days before
    await runOn('2026-11-05T01:15:00Z');
    await runOn('2026-11-05T05:15:00Z'); // the same day again
    await runOn('2026-11-06T01:15:00Z');
    const reminders = await world.store.manager.find(NoticeEntity, {
      where: { kind: 'policy_unsigned' },
      order: { id: 'ASC' },
    });
    const leader = String(await world.idOf('zhang.wei'));
    expect(reminders.map((n) => [n.recipient, JSON.parse(n.params)])).toEqual([
      [leader, { policy: policy.id, title: payReform.title, effectiveOn: '2026-11-12', days: 7 }],
      [leader, { policy: policy.id, title: payReform.title, effectiveOn: '2026-11-12', days: 6 }],
    ]);
    await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id);
    expect(await runOn('2026-11-07T01:15:00Z')).toBe(0);
    expect(await world.store.manager.countBy(PolicyEntity, {})).toBe(2);
  });
});
