import { readFileSync } from 'node:fs';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';
import { drive } from './drive';

eachDatabase('the terminal demo script', (db) => {
  let transcript: string;
  beforeAll(async () => {
    const world = await World.open(db());
    transcript = await drive(world, readFileSync('examples/demo.txt', 'utf8'));
  });

  test('R25 one petition walks the whole loop: filing, acceptance, extension, reply, unsatisfied rating, review, re-review', () => {
    expect(transcript).toContain('已提交信访件 XF-2026-000001，状态：待受理。');
    expect(transcript).toContain(
      'XF-2026-000001 已由 赵敏 受理，承诺于 2026-11-16 前答复（办理时限 2026-11-23）。',
    );
    expect(transcript).toContain('XF-2026-000001：申请延期完成，当前状态：已受理。');
    expect(transcript).toContain('XF-2026-000001 的延期申请已批准。办理时限：2026-11-30。');
    // R11: the petitioner's notice carries the whole written reply, in its four parts.
    expect(transcript).toContain(
      [
        'XF-2026-000001 已书面答复（系统反馈，2026-11-02）。',
        '调查过程：调取九至十月考勤与工资发放记录，约谈冲压车间主任和薪酬专员。',
        '事实认定：十月加班费因系统参数错误少计 1.5 倍系数，涉及五人。',
        '处理依据：《劳动法》第四十四条；公司薪酬管理办法第十二条。',
        '结论意见：十一月工资中补发差额，并修正系统参数。',
      ].join('\n'),
    );
    expect(transcript).toContain('XF-2026-000001：评价完成，当前状态：已评价。');
    expect(transcript).toContain('XF-2026-000001：录入复查结论完成，当前状态：已复查。');
    expect(transcript).toContain('XF-2026-000001 复核结论：维持原处理意见。此结论为最终结论。');
    expect(transcript).toMatch(/XF-2026-000001 · 已办结 · 劳动权益 \/ 薪酬 · 主办：人力资源部/);
    // The history shows what each step recorded: the rating, the extension's days, 复核 by name.
    expect(transcript).toMatch(/胡斌 评价：[^\n]*（评价：不满意）/);
    expect(transcript).toMatch(/孙健 复核结论：[^\n]*（级别：复核/);
    expect(transcript).toMatch(/批准延期（[^）]*工作日数：5/);
    expect(transcript).toContain('XF-2026-000001：申请复核完成');
  });

  test('R6 a confidential filing stays hidden until the custodian grants the disclosure request', () => {
    const second = transcript.slice(transcript.indexOf('已提交信访件 XF-2026-000002'));
    const before = second.indexOf('信访人：保密信访人（保密）');
    const granted = second.indexOf('您查看 XF-2026-000002 信访人身份的申请已批准。');
    const after = second.indexOf('信访人：郭红（保密）');
    expect(before).not.toBe(-1);
    expect(granted).toBeGreaterThan(before);
    expect(after).toBeGreaterThan(granted);
    expect(second).toContain('刘洋 申请查看 XF-2026-000002 的保密信访人身份');
    expect(second).not.toMatch(/\[频道[^\n]*郭红/);
  });

  test('R27 R8 R7 a handover keeps the first receiver on record beside the new owner; a liaison records a team-level resolution', () => {
    const third = transcript.slice(transcript.indexOf('演示三'));
    expect(third).toContain('XF-2026-000003：移交承办完成');
    expect(third).toContain('XF-2026-000003 已由 杨磊 移交给您承办：赵敏休产假，由刘洋接手');
    expect(third).toContain('XF-2026-000003：记录办理进展完成');
    expect(third).toMatch(/首办责任人：赵敏 {2}现承办人：刘洋/);
    expect(third).toMatch(/已登记班组化解事项 XF-2026-000004。/);
  });

  test('the session ends cleanly at the end of the script', () => {
    expect(transcript.trimEnd().endsWith('再见。')).toBe(true);
  });
});
