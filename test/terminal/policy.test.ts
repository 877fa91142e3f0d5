import { eachDatabase } from '../support/databases';
import { World } from '../support/world';
import { drive } from './drive';

eachDatabase('R17 the policy register at the terminal', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  test('R17 R25 a date already past is refused by name and only the effective date is asked again; the view then shows the assessment waiting for its sign-off', async () => {
    const out = await drive(
      world,
      [
        'as yang.lei',
        'register',
        '2027 年薪酬结构改革',
        '一线倒班职工',
        '320',
        '绩效工资占比提高，夜班收入可能下降',
        '高',
        '设六个月过渡期，保底不低于改革前',
        '2020-01-01',
        '+10d',
        'policy 1',
        'as li.na',
        'signoff 1',
        '',
      ].join('\n'),
    );
    expect(out).toContain('2020-01-01 已经过去：政策风险评估应在实施前登记。');
    const after = out.slice(out.indexOf('已经过去'));
    expect(after).toMatch(/^已经过去[^\n]*\n实施日期/);
    expect(after).not.toContain('政策名称');
    expect(out).toContain('✔ 杨磊：登记政策风险评估（政策 1“2027 年薪酬结构改革”）');
    expect(out).toMatch(
      /政策 1：2027 年薪酬结构改革（人力资源部，风险等级 高，\d{4}-\d{2}-\d{2} 实施）/,
    );
    expect(out).toContain('登记人：杨磊；签批：尚未签批');
    expect(out).toContain('只有分管该部门的领导可以签批这份政策风险评估');
  });
});
