import { PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';
import { drive } from './drive';

eachDatabase('the terminal with bad input', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('an unknown command is answered with how to get help', async () => {
    const out = await drive(world, 'dance\n');
    expect(out).toContain('不认识「dance」。输入 help 查看可用命令。');
  });

  test("a command missing its case number is answered with its usage, in the reader's language", async () => {
    const out = await drive(world, ['不予受理', 'lang en', 'accept'].join('\n'));
    expect(out).toContain('用法：不予受理 <编号>');
    expect(out).toContain('Usage: accept <number> <committed reply date YYYY-MM-DD>');
  });

  test('a form re-asks on empty content and on a number out of range, and goes back with <', async () => {
    const out = await drive(
      world,
      ['file', '9', '1', '', '<', '4', '工具借还流程太繁琐。', '', '', '', 'y'].join('\n'),
    );
    expect(out).toContain('「分类」没有「9」这一项，可选：薪酬、社保、合同');
    expect(out).toContain('请填写「诉求内容」。');
    expect(out).toMatch(/已提交信访件 XF-2026-\d{6}，状态：待受理。/);
    const filed = await world.store.manager.findOneByOrFail(PetitionEntity, {
      content: '工具借还流程太繁琐。',
    });
    expect(filed.categoryId).toBe('management.process');
  });

  test('control characters and escape sequences in stored text are shown as harmless pictures', async () => {
    const { number } = await world.file('hu.bin', { content: '\u001b[31m变红\u0007了' });
    const out = await drive(world, `show ${number}\n`);
    expect(out).toContain('\u241b[31m变红\u2407了');
    const control = Array.from(out).filter((c) => c < ' ' && c !== '\n' && c !== '\t');
    expect(control).toEqual([]);
  });

  test('a line longer than a terminal can take is refused with a message and asked again, never cut silently', async () => {
    const before = await world.store.manager.count(PetitionEntity);
    const out = await drive(
      world,
      ['file', '1', '长'.repeat(1400), '短一些的内容', '', '', '', 'y'].join('\n'),
    );
    expect(out).toContain('这一行超过了终端能接收的长度（4095 字节）');
    expect(await world.store.manager.count(PetitionEntity)).toBe(before + 1);
    await world.store.manager.findOneByOrFail(PetitionEntity, { content: '短一些的内容' });
  });

  test('as clears the numbered choices: they were the other person’s buttons', async () => {
    await world.file('hu.bin');
    const out = await drive(world, ['as zhao.min', 'as hu.bin', '2'].join('\n'));
    expect(out).toContain('输入编号执行操作。');
    expect(out).toContain('不认识「2」');
  });

  test('Ctrl-D in the middle of a form cancels it and writes nothing', async () => {
    const before = await world.store.manager.count(PetitionEntity);
    const out = await drive(world, ['file', '1', '写到一半'].join('\n'));
    expect(out).toContain('已取消，未保存任何内容。');
    expect(await world.store.manager.count(PetitionEntity)).toBe(before);
  });

  test('R5 answering no to the commitment says why and asks it again; nothing is filed before yes', async () => {
    const before = await world.store.manager.count(PetitionEntity);
    const out = await drive(world, ['file', '1', '承诺前的内容', '', '', '', 'n'].join('\n'));
    expect(out).toContain('提交前请确认承诺：依法、理性表达诉求。');
    expect(out.split('我承诺依法、理性表达诉求，所反映情况属实（y/n）：')).toHaveLength(3);
    expect(await world.store.manager.count(PetitionEntity)).toBe(before);
    const yes = await drive(world, ['file', '1', '承诺后的内容', '', '', '', 'n', 'y'].join('\n'));
    expect(yes).toMatch(/已提交信访件 XF-2026-\d{6}/);
  });

  test('a wrong date in the reply form asks that field again and keeps the other answers', async () => {
    const { number } = await world.file('hu.bin');
    const parts = ['调查', '事实', '依据', '结论', '3'];
    const out = await drive(
      world,
      [
        'as zhao.min',
        `accept ${number} +10wd`,
        `reply ${number}`,
        ...parts,
        '2026-13-45',
        'today',
      ].join('\n'),
    );
    expect(out).toContain('「送达日期」应为 YYYY-MM-DD 格式的日期（收到：2026-13-45）。');
    expect(out).toContain(`${number}：书面答复完成，当前状态：已答复。`);
  });

  test('R15 a refused step is explained in the user language and the session goes on', async () => {
    const { number } = await world.file('hu.bin');
    const out = await drive(
      world,
      [`accept ${number} today`, 'lang en', `accept ${number} today`, 'whoami'].join('\n'),
    );
    expect(out).toContain(`您没有权限对 ${number} 执行「受理」。`);
    expect(out).toContain(`You may not accept ${number}.`);
    expect(out).toContain('You are now 胡斌 (employee).');
  });

  test('help lists what the current person may do', async () => {
    const employee = await drive(world, 'help\n');
    expect(employee).not.toContain('queue/待办');
    const handler = await drive(world, 'help\n', 'zhao.min');
    expect(handler).toContain('queue/待办');
  });

  test('as switches person; an unknown name is refused', async () => {
    const out = await drive(world, 'as 赵敏\nas nobody\n');
    expect(out).toContain('您现在是 赵敏（承办人）。');
    expect(out).toContain('组织中没有「nobody」。');
  });

  test('R18 moving the clock and running the jobs shows the reminder the owner would get', async () => {
    const { number } = await world.file('hu.bin', {
      categoryId: 'management.rules',
      content: '会议室预约太难。',
    });
    const out = await drive(
      world,
      [`accept ${number} +2wd`, 'clock +2wd', 'jobs'].join('\n'),
      'liu.yang',
    );
    expect(out).toContain('现在是 2026-11-04 10:00（Asia/Shanghai），今天是工作日。');
    expect(out).toMatch(/已运行全部定时任务，发出通知 \d+ 条。/);
    expect(out).toContain(`提醒：${number} 的办理时限是 2026-11-05，还剩一个工作日。`);
  });
});
