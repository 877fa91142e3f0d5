import { accept } from '../../src/services/accept';
import { recordPaperCopy } from '../../src/services/archive';
import { close } from '../../src/services/closure';
import { recordTeamResolution } from '../../src/services/file';
import { caseDocument, yearCatalogue } from '../../src/presenters/case-document';
import { rate, reply } from '../../src/services/reply';
import { Translator } from '../../src/i18n/translator';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

/** A petition from hu.bin taken through to closing on 3 November 2026. */
async function finishedCase(
  world: World,
  content: string,
  mode: 'named' | 'confidential' = 'named',
) {
  world.clock.set('2026-11-03T02:00:00Z');
  const { number } = await world.file('hu.bin', { content, mode });
  const handler = await world.as('zhao.min');
  await accept(world.core, handler, number, '2026-11-10');
  await reply(world.core, handler, number, writtenReply('2026-11-03'));
  await rate(world.core, await world.as('hu.bin'), number, 'satisfied');
  await close(world.core, handler, number);
  return number;
}

const t = new Translator(patientOrg);

eachDatabase('R23 a case exported as a readable file', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R23 the file holds the petition, every step with its details, and the paper copy', async () => {
    const number = await finishedCase(world, '十月加班费少发。\n# 不是标题');
    await recordPaperCopy(world.core, await world.as('wang.fang'), number, '档案室 A-3');
    const document = await caseDocument(
      world.core,
      t,
      await world.as('wang.fang'),
      number,
      'zh-CN',
    );
    expect(document).toContain(`# 信访档案 ${number}`);
    expect(document).toContain('信访人：胡斌');
    expect(document).toContain('> 十月加班费少发。\n> \\# 不是标题');
    expect(document).toContain('处理依据：公司薪酬管理办法。');
    expect(document).toContain('送达方式：现场面复');
    expect(document).toContain('满意度评价：满意');
    expect(document).toContain('纸质档案：档案室 A-3');
    expect(document).toMatch(/\d+\. 2026-11-03 10:00 · 赵敏 · 受理/);
    const english = await caseDocument(world.core, t, await world.as('wang.fang'), number, 'en');
    expect(english).toContain('delivery method: in person');
  });

  test('R6 a confidential petitioner stays hidden in the export of a reader not entitled to the identity', async () => {
    const number = await finishedCase(world, '主管打压。', 'confidential');
    const document = await caseDocument(
      world.core,
      t,
      await world.as('wang.fang'),
      number,
      'zh-CN',
    );
    expect(document).toContain('信访人：保密信访人');
    expect(document).not.toContain('胡斌');
    expect(document).not.toContain('13800000000');
  });
});

eachDatabase('R23 the yearly catalogue', (db) => {
  test('R23 the yearly catalogue lists the cases finished that year that the reader may see', async () => {
    const world = await World.open(db(), patientOrg);
    const kept = await finishedCase(world, '十月加班费少发。');
    await recordPaperCopy(world.core, await world.as('wang.fang'), kept, '档案室 A-3');
    const other = await finishedCase(world, '主管打压。', 'confidential');
    const { numbers, catalogue } = await yearCatalogue(
      world.core,
      t,
      await world.as('wang.fang'),
      2026,
      'zh-CN',
    );
    expect([...numbers].sort()).toEqual([kept, other].sort());
    expect(catalogue).toContain('# 2026 年度信访档案目录');
    expect(catalogue).toContain('纸质档案：档案室 A-3');
    const next = await yearCatalogue(world.core, t, await world.as('wang.fang'), 2027, 'zh-CN');
    expect(next.numbers).toEqual([]);
    const stranger = await yearCatalogue(world.core, t, await world.as('guo.hong'), 2026, 'zh-CN');
    expect(stranger.numbers).toEqual([]);
  });

  test('R23 the yearly catalogue reads a year in the same few queries however many cases it lists', async () => {
    const world = await World.open(db(), patientOrg, '2028-03-01T02:00:00Z');
    const liaison = await world.as('ma.jun');
    const resolved = (content: string) =>
      recordTeamResolution(
        world.core,
        liaison,
        { categoryId: 'management.process', content, onBehalfOf: { name: '李师傅' } },
        '班前会上当场解决。',
      );
    const queries = jest.spyOn(world.store.dataSource.logger, 'logQuery');
    const queriesFor = async (cases: number) => {
      queries.mockClear();
      const { numbers } = await yearCatalogue(world.core, t, liaison, 2028, 'zh-CN');
      expect(numbers).toHaveLength(cases);
      return queries.mock.calls.length;
    };
    await resolved('工具借还登记太繁琐。');
    const one = await queriesFor(1);
    for (const content of ['更衣柜不够用。', '班车太早。', '食堂排队太久。'])
      await resolved(content);
    expect(await queriesFor(4)).toBe(one);
    queries.mockRestore();
  });
});
