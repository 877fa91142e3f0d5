import { localDateOf } from '../../src/calendar/local-date';
import { addWorkingDays } from '../../src/calendar/working-calendar';
import { accept } from '../../src/services/accept';
import { close } from '../../src/services/closure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { pause } from '../../src/services/progress';
import { rate, reply } from '../../src/services/reply';
import { jobNamed } from '../../src/jobs/catalogue';
import { sweepReminders } from '../../src/jobs/reminders';
import { caseFile } from '../../src/services/read-models';
import { NoticeEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const written = {
  investigation: '核查',
  facts: '属实',
  basis: '制度',
  conclusion: '已整改',
  deliveryMethod: 'in_system' as const,
  deliveredOn: '2026-09-22',
};

interface Sent {
  number: string;
  kind: string;
  day: string;
  to: string;
}

eachDatabase(
  'R18 reminders and escalations over 40 working days across the National Day holiday',
  (db) => {
    let world: World;
    const sent: Sent[] = [];
    const cases: Record<string, string> = {};
    const skipped = '2026-10-13';

    beforeAll(async () => {
      world = await World.open(db(), patientOrg, '2026-09-21T01:00:00Z');
      const as = (key: string) => world.as(key);
      cases.overdue = (
        await world.file('hu.bin', {
          categoryId: 'management.rules',
          content: '考勤打卡机经常故障。',
        })
      ).number;
      await accept(world.core, await as('liu.yang'), cases.overdue, '2026-09-24');
      cases.paused = (
        await world.file('hu.bin', {
          content: '社保基数核定有误。',
          categoryId: 'labour.insurance',
        })
      ).number;
      await accept(world.core, await as('zhao.min'), cases.paused, '2026-10-09');
      cases.hearing = (
        await world.file('hu.bin', {
          content: '工伤认定结论有争议。',
          categoryId: 'labour.insurance',
        })
      ).number;
      await accept(world.core, await as('zhao.min'), cases.hearing, '2026-10-09');
      cases.closed = (
        await world.file('hu.bin', {
          categoryId: 'management.process',
          content: '物料领用审批太慢。',
        })
      ).number;
      await accept(world.core, await as('wu.hao'), cases.closed, '2026-09-23');
      cases.waiting = (
        await world.file('hu.bin', {
          categoryId: 'protection.safety',
          content: '叉车通道标线不清。',
        })
      ).number;
      cases.extension = (
        await world.file('hu.bin', {
          categoryId: 'labour.contract',
          content: '续签合同期限不合理。',
        })
      ).number;
      await accept(world.core, await as('zhao.min'), cases.extension, '2026-10-09');

      const days: string[] = [];
      let day = '2026-09-21';
      const last = addWorkingDays(world.core.calendar, day, 40);
      for (
        ;
        day <= last;
        day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
      ) {
        days.push(day);
      }
      for (const d of days) {
        world.clock.set(`${d}T01:00:00Z`); // 09:00 in Shanghai: people act
        if (d === '2026-09-22') {
          await pause(world.core, await as('zhao.min'), cases.paused, '等待社保局出具核定单');
          await pause(
            world.core,
            await as('zhao.min'),
            cases.hearing,
            '召开工伤争议听证会',
            'hearing',
          );
          await reply(world.core, await as('wu.hao'), cases.closed, written);
          await rate(world.core, await as('hu.bin'), cases.closed, 'satisfied');
          await close(world.core, await as('wu.hao'), cases.closed);
          await requestExtension(
            world.core,
            await as('zhao.min'),
            cases.extension,
            10,
            '需要法务审核',
          );
        }
        if (d === '2026-09-29')
          await decideExtension(world.core, await as('yang.lei'), cases.extension, true);
        if (d === skipped) continue; // the bot was down all day
        for (const hour of ['02', '07']) {
          world.clock.set(`${d}T${hour}:00:00Z`);
          await sweepReminders(world.core);
          // The weekly jobs fire on Mondays; running them twice must post nothing twice.
          if (new Date(`${d}T00:00:00Z`).getUTCDay() === 1) {
            await jobNamed('weekly-summary').run(world.core, world.clock.now());
            await jobNamed('leader-digest').run(world.core, world.clock.now());
          }
        }
      }
      const rows = await world.store.manager
        .getRepository(NoticeEntity)
        .createQueryBuilder('n')
        .where("n.dedupe_key LIKE 'reminder:%'")
        .getMany();
      const names = new Map<number, string>();
      for (const key of [
        'hu.bin',
        'liu.yang',
        'wang.fang',
        'zhang.wei',
        'zhao.min',
        'yang.lei',
        'xu.li',
      ]) {
        names.set(await world.idOf(key), key);
      }
      for (const n of rows) {
        sent.push({
          number: JSON.parse(n.params).number,
          kind: n.kind,
          day: localDateOf(n.createdAt, 'Asia/Shanghai'),
          to: names.get(Number(n.recipient)) ?? n.recipient,
        });
      }
    });

    const of = (name: string, kind?: string) =>
      sent.filter((s) => s.number === cases[name] && (kind === undefined || s.kind === kind));

    test('R19 R20 each Monday brings one summary per channel and one digest per leader, never two', async () => {
      const posts = await world.store.manager
        .getRepository(NoticeEntity)
        .createQueryBuilder('n')
        .where("n.kind IN ('weekly_summary', 'leader_digest')")
        .getMany();
      const mondays = [...new Set(posts.map((n) => localDateOf(n.createdAt, 'Asia/Shanghai')))];
      // Every Monday of the ten weeks simulated, the one in the National Day holiday too.
      expect(mondays).toEqual([
        '2026-09-21',
        '2026-09-28',
        '2026-10-05',
        '2026-10-12',
        '2026-10-19',
        '2026-10-26',
        '2026-11-02',
        '2026-11-09',
        '2026-11-16',
        '2026-11-23',
      ]);
      for (const monday of mondays) {
        const that = posts.filter((n) => localDateOf(n.createdAt, 'Asia/Shanghai') === monday);
        // The company channel, three department channels, and two leaders.
        expect(that.map((n) => n.kind).sort()).toEqual([
          'leader_digest',
          'leader_digest',
          'weekly_summary',
          'weekly_summary',
          'weekly_summary',
          'weekly_summary',
        ]);
      }
    });

    test('R18 the owner is reminded once, one working day before the deadline', () => {
      expect(of('overdue', 'due_soon')).toEqual([
        { number: cases.overdue, kind: 'due_soon', day: '2026-09-23', to: 'liu.yang' },
      ]);
    });

    test('R18 an overdue case goes to the department head on working days only, once a day', () => {
      const days = of('overdue', 'overdue').map((s) => s.day);
      expect(days[0]).toBe('2026-09-28');
      expect(new Set(days).size).toBe(days.length);
      expect(of('overdue', 'overdue').every((s) => s.to === 'wang.fang')).toBe(true);
      for (const holiday of [
        '2026-09-25',
        '2026-10-01',
        '2026-10-05',
        '2026-10-07',
        '2026-10-11',
      ]) {
        expect(days).not.toContain(holiday);
      }
      expect(days).toContain('2026-10-10');
    });

    test('R18 a long-overdue case escalates to the leader in charge after five working days', () => {
      const days = of('overdue', 'long_overdue').map((s) => s.day);
      expect(days[0]).toBe('2026-10-09');
      expect(of('overdue', 'long_overdue').every((s) => s.to === 'zhang.wei')).toBe(true);
    });

    test('R16 a long-overdue case is flagged major by the bot itself, keeping its deadline', async () => {
      const file = await caseFile(world.core, await world.as('wang.fang'), cases.overdue);
      const flag = file.history.find((e) => e.type === 'flagged_major');
      expect(flag).toMatchObject({
        actor: null,
        actorHidden: false,
        details: expect.arrayContaining([
          { field: 'trigger', kind: 'value', value: 'long_overdue' },
        ]),
      });
      expect(localDateOf(flag?.at as Date, 'Asia/Shanghai')).toBe('2026-10-09');
      expect(file).toMatchObject({ major: true, leader: '张伟' });
      // R14: the leader it set is assigned by the bot too, and shown.
      expect(file.history.filter((e) => e.type === 'leader_assigned')).toMatchObject([
        { actor: null, actorHidden: false },
      ]);
      expect(file.deadlines.handlingDue).toBe('2026-09-24');
    });

    test('R18 a day the bot was down gets nothing, and the next run catches up', () => {
      expect(sent.filter((s) => s.day === skipped)).toEqual([]);
      expect(of('overdue', 'overdue').map((s) => s.day)).toContain('2026-10-14');
    });

    test('R9 R18 a case paused for a hearing and a closed case get no reminder at all', () => {
      expect(of('hearing')).toEqual([]);
      expect(of('closed')).toEqual([]);
    });

    test('R9 a pause for another reason stops only the company clock: the statutory window (accepted 09-21, due 11-20) is reminded, then escalated', async () => {
      const reminder = (day: string, kind: string, to: string) => ({
        number: cases.paused,
        day,
        kind,
        to,
      });
      expect(of('paused')).toEqual([
        reminder('2026-11-17', 'statutory_due_soon', 'zhao.min'),
        reminder('2026-11-18', 'statutory_due_soon', 'zhao.min'),
        reminder('2026-11-19', 'statutory_due_soon', 'zhao.min'),
        reminder('2026-11-23', 'statutory_overdue', 'zhao.min'),
        reminder('2026-11-23', 'statutory_overdue', 'yang.lei'),
        reminder('2026-11-23', 'statutory_overdue', 'zhang.wei'),
      ]);
      const file = await caseFile(world.core, await world.as('wang.fang'), cases.paused);
      expect(file).toMatchObject({ major: true, leader: '张伟', statutoryOverdueDays: 3 });
      expect(file.history.find((e) => e.type === 'flagged_major')).toMatchObject({
        actor: null,
        details: expect.arrayContaining([
          { field: 'trigger', kind: 'value', value: 'statutory_overdue' },
        ]),
      });
    });

    test('R18 a case waiting for acceptance beyond its limit goes to the lead department', () => {
      const first = of('waiting', 'acceptance_overdue').filter((s) => s.day === '2026-09-24');
      expect(first.map((s) => s.to).sort()).toEqual(['liu.yang', 'wang.fang', 'xu.li']);
      expect(of('waiting').some((s) => s.day < '2026-09-24')).toBe(false);
    });

    test('R10 an extension request is chased daily until decided, then never again', () => {
      const days = of('extension', 'extension_waiting').map((s) => s.day);
      expect(days).toEqual(['2026-09-22', '2026-09-23', '2026-09-24', '2026-09-28']);
      expect(of('extension', 'extension_waiting').every((s) => s.to === 'yang.lei')).toBe(true);
    });
  },
);
