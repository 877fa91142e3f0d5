import { accept } from '../../src/services/accept';
import { assignLeader, flagMajor } from '../../src/services/major';
import { registerPolicy } from '../../src/services/policy';
import { caseFile, leaderCases } from '../../src/services/read-models';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase('R16 R17 leadership', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R16 a case judged major gets the major time limit and the leader in charge of its area', async () => {
    const { number } = await world.file('hu.bin', {
      categoryId: 'protection.safety',
      content: '喷涂车间有机废气超标，多名员工头晕。',
    });
    await accept(world.core, await world.as('xu.li'), number, '2026-11-05');
    await expect(
      flagMajor(world.core, await world.as('hu.bin'), number, 'manual', '影响大'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    const { petition } = await flagMajor(
      world.core,
      await world.as('xu.li'),
      number,
      'manual',
      '涉及职业健康，影响范围广',
    );
    const leader = await world.idOf('li.na');
    expect(petition).toMatchObject({ major: true, leaderId: leader });
    expect(await world.toldAbout(number, 'leader_assigned')).toEqual([`person:${leader}`]);
    const file = await caseFile(world.core, await world.as('li.na'), number);
    // R14: the head flagged it; the leader in charge of the area is the rules' choice, the bot's.
    expect(file.history.slice(-2).map((e) => [e.type, e.actor])).toEqual([
      ['flagged_major', '徐丽'],
      ['leader_assigned', null],
    ]);
    expect(file.deadlines.handlingDue).toBe('2026-12-14');
    expect(
      (await leaderCases(world.core, await world.as('li.na'))).items.map((p) => p.number),
    ).toContain(number);
    await expect(
      flagMajor(world.core, await world.as('xu.li'), number, 'manual', '再次'),
    ).rejects.toMatchObject({ key: 'refusal.already_major' });
  });

  test('R16 only a leader in charge of the area of the case can be assigned to own it', async () => {
    const { number } = await world.file('hu.bin', {
      content: '宿舍空调损坏。',
      categoryId: 'management.rules',
    });
    await expect(
      assignLeader(world.core, await world.as('wang.fang'), number, await world.idOf('zhao.min')),
    ).rejects.toMatchObject({ key: 'refusal.leader_not_in_charge' });
    const { petition } = await assignLeader(
      world.core,
      await world.as('wang.fang'),
      number,
      await world.idOf('zhang.wei'),
    );
    expect(petition.leaderId).toBe(await world.idOf('zhang.wei'));
    expect((await leaderCases(world.core, await world.as('hu.bin'))).items).toEqual([]);
  });

  test('R17 a department head registers a policy risk assessment and petitions can name it', async () => {
    await expect(
      registerPolicy(world.core, await world.as('zhao.min'), {
        title: 'x',
        riskPoints: 'x',
        mitigation: 'x',
      }),
    ).rejects.toMatchObject({ key: 'refusal.policy_head_only' });
    const policy = await registerPolicy(world.core, await world.as('yang.lei'), {
      title: '2027 年薪酬结构改革',
      riskPoints: '绩效占比提高，一线员工收入波动',
      mitigation: '设六个月过渡期，保底不低于改革前',
    });
    expect(policy.departmentId).toBe('hr');
    const petition = await world.file('hu.bin', {
      content: '新薪酬方案让夜班收入下降。',
      policyId: policy.id,
    });
    expect(petition.policyId).toBe(policy.id);
    await expect(world.file('hu.bin', { policyId: 9999 })).rejects.toMatchObject({
      key: 'refusal.unknown_policy',
    });
  });
});
