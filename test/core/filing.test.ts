import { caseFile, myPetitions } from '../../src/services/read-models';
import { recordTeamResolution } from '../../src/services/file';
import { PetitionEntity } from '../../src/store/entities';
import { Translator } from '../../src/i18n/translator';
import { TextRenderer } from '../../adapters/shared/text-render';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';

eachDatabase('filing a petition', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  test('R1 R2 R3 a filing gets a case number and is routed to the lead department of its category', async () => {
    const petition = await world.file('hu.bin');
    expect(petition.number).toMatch(/^XF-2026-\d{6}$/);
    expect(petition).toMatchObject({
      state: 'submitted',
      categoryId: 'labour.salary',
      leadDepartmentId: 'hr',
      ownerId: null,
    });
    const handlers = await Promise.all(
      ['wang.fang', 'liu.yang', 'zhao.min'].map((k) => world.idOf(k)),
    );
    expect((await world.toldAbout(petition.number, 'new_case')).sort()).toEqual(
      ['department_channel:hr', ...handlers.map((id) => `person:${id}`)].sort(),
    );
    expect(await world.toldAbout(petition.number, 'filed_receipt')).toEqual([
      `person:${await world.idOf('hu.bin')}`,
    ]);
    const [receipt] = await world.notices(petition.number, 'filed_receipt');
    expect(receipt.data).toMatchObject({ number: petition.number, acceptBy: '2026-11-04' });
  });

  test('R5 a filing without the commitment is refused and nothing is written', async () => {
    const before = await world.store.manager.count(PetitionEntity);
    await expect(world.file('hu.bin', { commitment: false })).rejects.toMatchObject({
      key: 'refusal.commitment_required',
    });
    expect(await world.store.manager.count(PetitionEntity)).toBe(before);
  });

  test('R1 empty content, an unknown category and a bad number of people are refused by name', async () => {
    await expect(world.file('hu.bin', { content: '   ' })).rejects.toMatchObject({
      key: 'refusal.content_empty',
    });
    await expect(world.file('hu.bin', { categoryId: 'labour' })).rejects.toMatchObject({
      key: 'refusal.unknown_category',
    });
    await expect(world.file('hu.bin', { peopleConcerned: 0 })).rejects.toMatchObject({
      key: 'refusal.people_concerned',
    });
  });

  test('R7 a liaison files on behalf of a worker and both follow the case', async () => {
    const worker = await world.idOf('guo.hong');
    const petition = await world.file('ma.jun', {
      categoryId: 'protection.safety',
      content: '冲压车间三号线防护罩损坏两周未修。',
      onBehalfOf: { personId: worker },
    });
    expect(petition.leadDepartmentId).toBe('safety');
    const mine = await myPetitions(world.core, await world.as('guo.hong'));
    expect(mine.items.map((p) => p.number)).toContain(petition.number);
    const liaisons = await myPetitions(world.core, await world.as('ma.jun'));
    expect(liaisons.items.map((p) => p.number)).toContain(petition.number);
  });

  test('R7 only a liaison may file on behalf of someone else', async () => {
    await expect(world.file('hu.bin', { onBehalfOf: { name: '王师傅' } })).rejects.toMatchObject({
      key: 'refusal.on_behalf',
    });
  });

  test('R7 R22 a matter resolved at team level is recorded closed and counted as 班组化解', async () => {
    const petition = await recordTeamResolution(
      world.core,
      await world.as('zhu.xia'),
      {
        categoryId: 'management.process',
        content: '装配线工具借还登记太繁琐。',
        onBehalfOf: { name: '李师傅' },
      },
      '班前会上调整为扫码借还，当场解决。',
    );
    expect(petition).toMatchObject({ state: 'closed', resolvedAtTeam: true });
    const file = await caseFile(world.core, await world.as('zhu.xia'), petition.number);
    expect(file.history.map((e) => [e.type, e.actor])).toEqual([
      ['filed', '朱霞'],
      ['resolved_at_team', '朱霞'],
    ]);
    await expect(
      recordTeamResolution(
        world.core,
        await world.as('hu.bin'),
        { categoryId: 'management.process', content: 'x' },
        'y',
      ),
    ).rejects.toMatchObject({ key: 'refusal.liaison_only' });
  });

  test("R3 the category's co-departments are attached at filing by the rules, and their handlers told", async () => {
    const { number } = await world.file('hu.bin', { categoryId: 'labour.salary' });
    const file = await caseFile(world.core, await world.as('zhao.min'), number);
    expect(file.coDepartments).toEqual(['finance', 'union']);
    expect(file.history.slice(1, 3)).toMatchObject([
      {
        type: 'co_department_added',
        actor: null,
        details: [{ field: 'department', kind: 'department', value: 'finance' }],
      },
      {
        type: 'co_department_added',
        actor: null,
        details: [{ field: 'department', kind: 'department', value: 'union' }],
      },
    ]);
    const told = await world.notices(number, 'co_department_added');
    const who = async (key: string) => String(await world.idOf(key));
    expect(
      told.map((n) => [n.recipient, 'department' in n.data && n.data.department]).sort(),
    ).toEqual(
      [
        [await who('huang.qiang'), 'finance'],
        [await who('wang.fang'), 'finance'],
        [await who('liu.yang'), 'finance'],
        [await who('chen.jing'), 'union'],
        [await who('wang.fang'), 'union'],
        [await who('liu.yang'), 'union'],
      ].sort(),
    );
  });

  test('R16 a petition concerning 20 or more people is major and its leader is told', async () => {
    const petition = await world.file('hu.bin', { peopleConcerned: 23 });
    const leader = await world.idOf('zhang.wei');
    expect(petition).toMatchObject({ major: true, leaderId: leader });
    expect(await world.toldAbout(petition.number, 'leader_assigned')).toEqual([`person:${leader}`]);
    const file = await caseFile(world.core, await world.as('zhang.wei'), petition.number);
    expect(file.history.map((e) => e.type)).toEqual([
      'filed',
      'co_department_added',
      'co_department_added',
      'flagged_major',
      'leader_assigned',
    ]);
  });

  test("R14 R16 the steps the rules take on a filing are the bot's: 胡斌 提交, then 系统 标记重大事项 and 系统 指定包案领导", async () => {
    const petition = await world.file('hu.bin', { peopleConcerned: 25 });
    const file = await caseFile(world.core, await world.as('hu.bin'), petition.number);
    const text = new TextRenderer(new Translator(world.core.org), world.core.rules.timeZone);
    // Each history line is "  seq. date time actor step (details)".
    const trail = (locale: 'zh-CN' | 'en') =>
      text
        .caseFile(locale, file)
        .split('\n')
        .flatMap((line) => /^ +\d+\. \S+ \S+ (.*?)(?: ?[（(].*)?$/.exec(line)?.[1] ?? []);
    expect(trail('zh-CN')).toEqual([
      '胡斌 提交',
      '系统 增加协同部门',
      '系统 增加协同部门',
      '系统 标记重大事项',
      '系统 指定包案领导',
    ]);
    expect(trail('en')).toEqual([
      '胡斌 filed',
      'the bot co-department added',
      'the bot co-department added',
      'the bot flagged major',
      'the bot leader assigned',
    ]);
  });

  test('R16 the third petition by one person on a similar matter within the window is a repeat petition', async () => {
    const flags: boolean[] = [];
    for (const content of [
      '食堂饭菜价格上涨太多。',
      '食堂饭菜价格又上涨了。',
      '食堂饭菜价格上涨还没解决。',
    ]) {
      flags.push((await world.file('li.na', { categoryId: 'management.rules', content })).major);
    }
    expect(flags).toEqual([false, false, true]);
  });

  test('R16 unrelated matters by one person, and anonymous filings, are never repeats', async () => {
    const flags: boolean[] = [];
    for (const content of ['班车时间不合理。', '更衣柜不够用。', '宿舍热水供应不足。']) {
      flags.push((await world.file('he.ping', { categoryId: 'management.rules', content })).major);
    }
    for (const content of ['夜班补贴标准太低。', '夜班补贴标准太低了。']) {
      await world.file('he.ping', { categoryId: 'labour.salary', content, mode: 'anonymous' });
    }
    const third = await world.file('he.ping', {
      categoryId: 'labour.salary',
      content: '夜班补贴标准太低。',
    });
    expect([...flags, third.major]).toEqual([false, false, false, false]);
  });
});
