import { parseFilter } from '../../src/services/case-filter';
import { findCases } from '../../src/services/find';
import { archive, destroy } from '../../src/services/archive';
import { withdraw } from '../../src/services/closure';
import { theBot } from '../../src/domain/people';
import { accept } from '../../src/services/accept';
import { eachDatabase } from '../support/databases';
import { exampleOrg, World } from '../support/world';

/**
 * Fixture: four petitions. 胡斌 (named) on overtime pay to HR, 郭红 (confidential) on overtime
 * and safety to the safety department, 胡斌 on a slow process to production, and an anonymous
 * one on careers to HR.
 */
async function fixture(world: World) {
  const overtimePay = await world.file('hu.bin', {
    categoryId: 'labour.salary',
    content: '十月加班费未按规定发放，车间二十多人少了加班费。',
  });
  const overtimeSafety = await world.file('guo.hong', {
    categoryId: 'protection.safety',
    mode: 'confidential',
    content: '夜班连续加班，冲压线防护罩损坏，存在安全隐患。',
  });
  const process = await world.file('hu.bin', {
    categoryId: 'management.process',
    content: '报销审批流程太慢，需要五个签字。',
  });
  const career = await world.file('hu.bin', {
    categoryId: 'protection.career',
    mode: 'anonymous',
    content: '晋升评定不公开，标准不透明。',
  });
  return { overtimePay, overtimeSafety, process, career };
}

eachDatabase('the office desk finds cases (R29)', (db) => {
  let world: World;
  let cases: Awaited<ReturnType<typeof fixture>>;
  beforeAll(async () => {
    world = await World.open(db(), exampleOrg);
    cases = await fixture(world);
  });

  const search = async (who: string, words: string) => {
    const actor = await world.as(who);
    const { filter, page } = parseFilter(world.core.org, words.split(' '), '2026-11-02');
    return findCases(world.core, actor, filter, page);
  };

  test('R29 R15 the office handler finds the two-character word 加班 in every department', async () => {
    const found = await search('liu.yang', '加班');
    expect(found.items.map((p) => p.number).sort()).toEqual(
      [cases.overtimePay.number, cases.overtimeSafety.number].sort(),
    );
    const named = found.items.find((p) => p.number === cases.overtimePay.number);
    expect(named?.petitioner).toBe('胡斌');
  });

  test('R29 R15 a leader finds only the cases of the departments in their charge', async () => {
    // 李娜 leads production and safety: the safety case has 加班, the production case does not.
    expect((await search('li.na', '加班')).items.map((p) => p.number)).toEqual([
      cases.overtimeSafety.number,
    ]);
    expect((await search('li.na', '')).items.map((p) => p.number).sort()).toEqual(
      [cases.overtimeSafety.number, cases.process.number].sort(),
    );
  });

  test('R29 R15 the party reader lists the whole register', async () => {
    const all = await search('he.ping', '');
    expect(all.total).toBe(4);
  });

  test.each(['liu.yang', 'li.na', 'he.ping'])(
    'R6 R29 a confidential petitioner is never named in what %s finds',
    async (who) => {
      for (const words of ['加班', '', '安全隐患', '部门:safety']) {
        const found = await search(who, words);
        expect(JSON.stringify(found)).not.toContain('郭红');
      }
    },
  );

  test('R29 an employee finds only their own petitions', async () => {
    expect((await search('guo.hong', '加班')).items.map((p) => p.number)).toEqual([
      cases.overtimeSafety.number,
    ]);
    expect((await search('hu.bin', '安全')).total).toBe(0);
  });

  test('R29 every word searched for must be in the text; words not in any find nothing', async () => {
    expect((await search('liu.yang', '加班 安全')).items.map((p) => p.number)).toEqual([
      cases.overtimeSafety.number,
    ]);
    expect((await search('liu.yang', '食堂')).total).toBe(0);
  });

  test('R29 filters narrow the register: state, department, category group, major, period', async () => {
    await accept(world.core, await world.as('zhao.min'), cases.overtimePay.number, '2026-11-20');
    expect((await search('liu.yang', '状态:已受理')).items.map((p) => p.number)).toEqual([
      cases.overtimePay.number,
    ]);
    expect((await search('liu.yang', '部门:人力资源部')).total).toBe(2);
    expect((await search('liu.yang', '类别:权益保障')).total).toBe(2);
    expect((await search('liu.yang', 'category:labour.salary')).total).toBe(1);
    expect((await search('liu.yang', '重大')).total).toBe(0);
    expect((await search('liu.yang', '期间:2026-11')).total).toBe(4);
    expect((await search('liu.yang', '期间:2026-10')).total).toBe(0);
  });

  test('R9 R29 the overdue filter finds a case left unaccepted past its time to accept', async () => {
    expect((await search('liu.yang', '超期')).total).toBe(0);
    // Three days on, past the two working days to accept: the accepted HR case is not overdue.
    world.clock.advanceDays(3);
    const overdue = await search('liu.yang', '超期');
    expect(overdue.items.map((p) => p.number).sort()).toEqual(
      [cases.overtimeSafety.number, cases.process.number, cases.career.number].sort(),
    );
    world.clock.advanceDays(-3);
  });

  test('R29 a bad filter, period or a one-character search is refused with a clear message', async () => {
    await expect(search('liu.yang', '状态:飞行中')).rejects.toMatchObject({
      key: 'desk.bad_filter',
    });
    await expect(search('liu.yang', '期间:明年春天')).rejects.toMatchObject({
      key: 'desk.bad_period',
    });
    await expect(search('liu.yang', '班')).rejects.toMatchObject({ key: 'desk.keyword_too_short' });
  });

  test('R23 R29 a destroyed case is no longer found by its words', async () => {
    const extra = await world.file('hu.bin', { content: '宿舍热水器坏了一个月。' });
    expect((await search('liu.yang', '热水器')).total).toBe(1);
    await withdraw(world.core, await world.as('hu.bin'), extra.number, '已修好');
    await archive(world.core, theBot, extra.number);
    await destroy(world.core, theBot, extra.number);
    expect((await search('liu.yang', '热水器')).total).toBe(0);
  });
});
