import { actionCounts } from '../../src/services/desk-home';
import { accept } from '../../src/services/accept';
import { registerPolicy, signOffPolicy } from '../../src/services/policy';
import { NoticeEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { exampleOrg, World } from '../support/world';

eachDatabase('R29 the dashboard counts what needs action', (db) => {
  let world: World;
  beforeAll(async () => {
    // Monday 2026-11-02: two working days to accept runs to Wednesday, within the week.
    world = await World.open(db(), exampleOrg, '2026-11-02T02:00:00Z');
    await world.file('hu.bin', { categoryId: 'labour.salary' });
    await world.file('guo.hong', { categoryId: 'protection.safety', mode: 'confidential' });
    const accepted = await world.file('hu.bin', { categoryId: 'labour.contract' });
    await accept(world.core, await world.as('liu.yang'), accepted.number, '2026-11-20');
  });

  test('R15 R29 the office, a leader and the party reader each count the cases they may see', async () => {
    const office = await actionCounts(world.core, await world.as('liu.yang'));
    expect(office).toEqual({ overdue: 0, dueThisWeek: 2, parked: 0, unsignedPolicies: 0 });
    // 李娜 leads production and safety: only the safety case is hers, waiting to be accepted.
    expect(await actionCounts(world.core, await world.as('li.na'))).toEqual({
      overdue: 0,
      dueThisWeek: 1,
      parked: null,
      unsignedPolicies: 0,
    });
    expect((await actionCounts(world.core, await world.as('he.ping')))?.dueThisWeek).toBe(2);
    expect(await actionCounts(world.core, await world.as('hu.bin'))).toBeNull();
  });

  test('R9 R29 a week on, the two never accepted are overdue; a parked notice is counted for the office', async () => {
    world.clock.advanceDays(7);
    await world.store.manager.update(NoticeEntity, { kind: 'new_case' }, { state: 'parked' });
    const office = await actionCounts(world.core, await world.as('liu.yang'));
    expect(office?.overdue).toBe(2);
    expect(office?.parked).toBeGreaterThan(0);
    expect((await actionCounts(world.core, await world.as('li.na')))?.overdue).toBe(1);
    world.clock.advanceDays(-7);
  });

  test('R17 R29 a policy awaiting sign-off is counted for the office and the leader in charge until signed', async () => {
    const policy = await registerPolicy(world.core, await world.as('yang.lei'), {
      title: '2027 年薪酬结构改革',
      affectedGroups: '一线倒班职工',
      headCount: 320,
      riskPoints: '夜班收入可能下降',
      riskLevel: 'high',
      mitigation: '设六个月过渡期',
      effectiveOn: '2026-11-20',
    });
    const counts = async (person: string) =>
      (await actionCounts(world.core, await world.as(person)))?.unsignedPolicies;
    expect(await counts('liu.yang')).toBe(1);
    // 张伟 is in charge of HR; 李娜 leads production and safety only.
    expect(await counts('zhang.wei')).toBe(1);
    expect(await counts('li.na')).toBe(0);
    await signOffPolicy(world.core, await world.as('zhang.wei'), policy.id);
    expect(await counts('liu.yang')).toBe(0);
    expect(await counts('zhang.wei')).toBe(0);
  });
});
