import { accept, decline } from '../../src/services/accept';
import { recordTeamResolution } from '../../src/services/file';
import { rate, reply } from '../../src/services/reply';
import { Translator } from '../../src/i18n/translator';
import type { Digest, Report } from '../../src/domain/figures';
import { leaderDigests } from '../../src/jobs/digests';
import { lastWeek } from '../../src/jobs/periods';
import { buildReport, weeklySummaries } from '../../src/jobs/reports';
import { noticeText } from '../../src/notices/render-text';
import type { NewNotice } from '../../src/notices/outbox';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

// Confidential petitions whose wording names people: none of it may reach a channel (R6).
const ventilation = [
  '喷涂车间通风设备坏了两周，气味很大，刘大海说别声张。',
  '喷涂车间的通风设备坏了，气味大头晕，刘大海不让说。',
  '通风设备坏了，喷涂车间气味很大，刘大海压着不报。',
];

eachDatabase('R19 R20 weekly conflict summary and leader digest', (db) => {
  let world: World;
  let company: Report;
  let production: Report;
  let companyText: string;

  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-10-27T02:00:00Z');
    await world.file('hu.bin', { categoryId: 'management.rules', content: '上周的建议一。' });
    await world.file('hu.bin', { categoryId: 'management.rules', content: '上周的建议二。' });
    world.clock.set('2026-11-02T02:00:00Z');
    for (const [i, who] of ['hu.bin', 'guo.hong', 'he.ping'].entries()) {
      await world.file(who, {
        categoryId: 'protection.safety',
        content: ventilation[i],
        mode: 'confidential',
      });
    }
    const salary = await world.file('hu.bin', { content: '夜班补贴少发。', peopleConcerned: 6 });
    await recordTeamResolution(
      world.core,
      await world.as('ma.jun'),
      {
        categoryId: 'management.process',
        content: '工具柜钥匙不够。',
        onBehalfOf: { name: '王师傅' },
      },
      '当场增配钥匙。',
    );
    const declined = await world.file('guo.hong', {
      categoryId: 'labour.contract',
      content: '要求撤销仲裁裁决。',
    });
    world.clock.set('2026-11-03T02:00:00Z');
    await accept(world.core, await world.as('zhao.min'), salary.number, '2026-11-10');
    await decline(world.core, await world.as('zhao.min'), declined.number, 'litigation');
    world.clock.set('2026-11-04T02:00:00Z');
    await reply(world.core, await world.as('zhao.min'), salary.number, {
      investigation: '核查',
      facts: '属实',
      basis: '制度',
      conclusion: '补发',
      deliveryMethod: 'in_system',
      deliveredOn: '2026-11-04',
    });
    await rate(world.core, await world.as('hu.bin'), salary.number, 'satisfied');
    world.clock.set('2026-11-09T01:00:00Z');
    const notices = await weeklySummaries(world.core, world.clock.now());
    const summaryTo = (recipient: string) => {
      const summary = notices.find((n) => n.to.id === recipient);
      if (summary?.kind !== 'weekly_summary') throw new Error(`no weekly summary to ${recipient}`);
      return summary;
    };
    company = summaryTo('summary').params.report;
    production = summaryTo('production').params.report;
    const t = new Translator(patientOrg);
    companyText = noticeText(t, 'zh-CN', { ...summaryTo('summary'), id: 1 });
  });

  test('R19 the week numbers: new, accepted, declined, replied, collective, team-level, satisfaction', () => {
    expect(company.first).toBe('2026-11-02');
    expect(company.last).toBe('2026-11-08');
    expect(company.current).toMatchObject({
      filed: 6,
      accepted: 1,
      declined: 1,
      replied: 1,
      rated: 1,
      satisfied: 1,
      satisfiedOnly: 1,
      collective: 1,
      resolvedAtTeam: 1,
      repliedOnTime: 1,
      // Finished in the week: the team-level matter (resolved) and the declined petition (not).
      finished: 2,
      resolved: 1,
      // Past the acceptance deadline without a decision on a day of the week: the three safety
      // petitions (due 11-04) and the two of the week before (due 10-29).
      overdue: 5,
      // The year's cases needing an answer: all but the team-level one; answered: the reply and the decline.
      answerable: 7,
      answered: 2,
    });
    expect(company.previous?.filed).toBe(2);
  });

  test('R19 by category and department, biggest first', () => {
    expect(company.breakdown[0]).toEqual({
      category: 'protection.safety',
      department: 'safety',
      count: 3,
      replied: 0,
      repliedOnTime: 0,
      rated: 0,
      satisfied: 0,
      satisfiedOnly: 0,
      finished: 0,
      resolved: 0,
    });
    expect(company.breakdown.find((b) => b.category === 'labour.salary')).toMatchObject({
      count: 1,
      replied: 1,
      repliedOnTime: 1,
      rated: 1,
      satisfied: 1,
    });
  });

  test('R19 three similar petitions from one unit in a week raise an early warning', () => {
    expect(company.hotTopics[0]).toMatchObject({
      category: 'protection.safety',
      department: 'safety',
      size: 3,
      warning: true,
    });
    expect(companyText).toContain('预警：权益保障 / 安全环境 · 安全环保部 一周内出现 3 件相似诉求');
  });

  test('R19 what counts as collective and what raises a warning is the organisation file’s choice', async () => {
    const week = lastWeek(new Date('2026-11-09T01:00:00Z'), 'Asia/Shanghai');
    const strict = await buildReport(world.store.manager, week, null, 'company', {
      ...patientOrg.thresholds,
      collectivePeopleConcerned: 50,
      warningSimilarPetitions: 4,
    });
    expect(strict.current.collective).toBe(0);
    expect(strict.hotTopics[0]).toMatchObject({
      category: 'protection.safety',
      size: 3,
      warning: false,
    });
  });

  test('R19 the summary text shows the week-over-week change and a bar chart, and never a name', () => {
    expect(companyText).toContain('新增 6（上期 2，+4）');
    expect(companyText).toContain('回复率（近一年）29%');
    expect(companyText).toContain(
      '按期办结率 100% · 回复率（近一年）29% · 满意率 100%（满意 100%）· 化解率 50%（目标 85%）· 班组化解占比 17%（目标 90%）',
    );
    expect(companyText).toMatch(/权益保障 \/ 安全环境 · 安全环保部 █+ 3/);
    for (const name of ['胡斌', '郭红', '何平', '王师傅', '赵敏'])
      expect(companyText).not.toContain(name);
  });

  test('R19 a department channel gets its own department numbers only', () => {
    expect(production.scope).toBe('production');
    expect(production.current).toMatchObject({ filed: 1, resolvedAtTeam: 1, accepted: 0 });
    expect(production.breakdown).toEqual([
      {
        category: 'management.process',
        department: 'production',
        count: 1,
        replied: 0,
        repliedOnTime: 0,
        rated: 0,
        satisfied: 0,
        satisfiedOnly: 0,
        finished: 1,
        resolved: 1,
      },
    ]);
  });

  test('R20 each leader gets a digest with their cases, overdue cases in their areas and their numbers', async () => {
    world.clock.set('2026-11-16T01:30:00Z');
    const digests = await leaderDigests(world.core, world.clock.now());
    const digestOf = (n: NewNotice): Digest | undefined =>
      n.kind === 'leader_digest' ? n.params.digest : undefined;
    const byLeader = new Map(digests.map((n) => [n.to.id, digestOf(n)]));
    const liNa = byLeader.get(String(await world.idOf('li.na')));
    // The three safety petitions, still waiting past their acceptance deadline: listed and counted alike.
    expect(liNa?.overdue.map((o) => o.due)).toEqual(['2026-11-04', '2026-11-04', '2026-11-04']);
    expect(liNa?.numbers).toMatchObject({ filed: 0, overdue: 3 });
    expect(byLeader.size).toBe(2);
  });
});
