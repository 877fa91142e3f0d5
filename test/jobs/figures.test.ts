import type { Digest, PeriodNumbers, Report } from '../../src/domain/figures';
import { leaderDigests } from '../../src/jobs/digests';
import { monthlyPack, quarterlyReport, weeklySummaries } from '../../src/jobs/reports';
import { accept, decline } from '../../src/services/accept';
import { close } from '../../src/services/closure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { recordTeamResolution } from '../../src/services/file';
import { rate, reply } from '../../src/services/reply';
import type { NewNotice } from '../../src/notices/outbox';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

/** 09:00 in Shanghai. */
const at = (day: string) => `${day}T01:00:00Z`;

/**
 * Seven petitions in the week of 2026-09-21, counted by hand below (A–G):
 * A salary, hu.bin: accepted, replied on time, rated satisfied and closed.
 * B insurance, hu.bin: accepted, 5 working days' extension approved; still within its time.
 * C contract, guo.hong, 25 people: major and collective; never accepted (due 09-23): overdue.
 * D process (production, 3 working days: due 09-24), he.ping: replied 09-25, late; unsatisfied.
 * E process, the liaison ma.jun for 王师傅: settled at team level.
 * F contract, guo.hong, the same matter as C again: declined.
 * G salary, anonymous, filed 09-22: never accepted (due 09-24): overdue; nobody's repeat.
 * 09-25 is the Mid-Autumn Festival: no working day.
 */
const week: PeriodNumbers = {
  filed: 7,
  accepted: 3,
  declined: 1,
  replied: 2,
  repliedOnTime: 1,
  closed: 2,
  extended: 1,
  overdue: 3,
  rated: 2,
  satisfied: 1,
  satisfiedOnly: 1,
  finished: 3,
  resolved: 2,
  resolvedAtTeam: 1,
  major: 1,
  collective: 1,
  // guo.hong's F repeats C (the same contract matter); hu.bin's A and B are unrelated, and the
  // anonymous G links to no one.
  repeatPetitioners: 1,
  // Needing an answer: all but E; answered: A and D (replies) and F (declined).
  answerable: 6,
  answered: 3,
};

function reportOf(n: NewNotice | undefined): Report {
  if (n?.kind !== 'weekly_summary' && n?.kind !== 'monthly_pack' && n?.kind !== 'quarterly_report')
    throw new Error(`not a report: ${n?.kind}`);
  return n.params.report;
}
function digestOf(n: NewNotice | undefined): Digest {
  if (n?.kind !== 'leader_digest') throw new Error(`not a digest: ${n?.kind}`);
  return n.params.digest;
}

eachDatabase('R22 every figure has one definition, the same in every report', (db) => {
  let world: World;
  const numbers: Record<string, string> = {};
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, at('2026-09-21'));
    const as = (key: string) => world.as(key);
    const hr = await as('zhao.min');
    numbers.A = (await world.file('hu.bin', { content: '九月加班费少发。' })).number;
    numbers.B = (
      await world.file('hu.bin', { categoryId: 'labour.insurance', content: '社保基数核定有误。' })
    ).number;
    numbers.C = (
      await world.file('guo.hong', {
        categoryId: 'labour.contract',
        content: '车间二十五人劳动合同到期未续签。',
        peopleConcerned: 25,
      })
    ).number;
    numbers.D = (
      await world.file('he.ping', { categoryId: 'management.process', content: '领料审批太慢。' })
    ).number;
    await accept(world.core, hr, numbers.A, '2026-09-25');
    await accept(world.core, hr, numbers.B, '2026-09-25');
    await accept(world.core, await as('wu.hao'), numbers.D, '2026-09-24');
    world.clock.set(at('2026-09-22'));
    await reply(world.core, hr, numbers.A, writtenReply('2026-09-22'));
    await rate(world.core, await as('hu.bin'), numbers.A, 'satisfied');
    await close(world.core, hr, numbers.A, '信访人满意');
    await requestExtension(world.core, hr, numbers.B, 5, '等待社保局核定');
    await decideExtension(world.core, await as('yang.lei'), numbers.B, true);
    numbers.F = (
      await world.file('guo.hong', {
        categoryId: 'labour.contract',
        content: '劳动合同到期未续签，要求续签。',
      })
    ).number;
    await decline(world.core, hr, numbers.F, 'litigation');
    numbers.G = (
      await world.file('hu.bin', { content: '夜班补贴标准太低。', mode: 'anonymous' })
    ).number;
    world.clock.set(at('2026-09-23'));
    numbers.E = (
      await recordTeamResolution(
        world.core,
        await as('ma.jun'),
        {
          categoryId: 'management.process',
          content: '工具柜钥匙不够。',
          onBehalfOf: { name: '王师傅' },
        },
        '当场增配钥匙。',
      )
    ).number;
    world.clock.set(at('2026-09-25'));
    await reply(world.core, await as('wu.hao'), numbers.D, writtenReply('2026-09-25'));
    await rate(world.core, await as('he.ping'), numbers.D, 'unsatisfied');
  });

  test('the weekly summary of 09-21 … 09-27 has the hand-counted figures', async () => {
    world.clock.set(at('2026-09-28'));
    const notices = await weeklySummaries(world.core, world.clock.now());
    const company = reportOf(notices.find((n) => n.to.id === 'summary'));
    expect(company.current).toEqual(week);
  });

  test('the monthly pack for September and the quarterly report for Q3 count the same cases the same way', async () => {
    world.clock.set(at('2026-10-01'));
    const [pack] = await monthlyPack(world.core, world.clock.now());
    const [quarter] = await quarterlyReport(world.core, world.clock.now(), [1]);
    expect(reportOf(pack).current).toEqual(week);
    expect(reportOf(quarter).current).toEqual(week);
    expect(reportOf(quarter)).toMatchObject({ first: '2026-07-01', last: '2026-09-30' });
  });

  test("each leader's digest lists exactly the overdue cases it counts, in the leader's areas", async () => {
    world.clock.set(at('2026-09-28'));
    const digests = await leaderDigests(world.core, world.clock.now());
    const of = async (key: string) => {
      const id = String(await world.idOf(key));
      return digestOf(digests.find((n) => n.to.id === id));
    };
    const zhang = await of('zhang.wei');
    expect(zhang.overdue.map((o) => o.number)).toEqual([numbers.C, numbers.G]);
    expect(zhang.numbers).toMatchObject({ filed: 5, overdue: 2, extended: 1, major: 1, closed: 1 });
    expect(zhang.owned.map((o) => o.number)).toEqual([numbers.C]);
    const li = await of('li.na');
    expect(li.overdue).toEqual([
      { number: numbers.D, state: 'rated', due: '2026-09-24', provisional: false },
    ]);
    expect(li.numbers).toMatchObject({ filed: 2, overdue: 1, replied: 1, repliedOnTime: 0 });
  });
});

eachDatabase('R22 a period keeps its overdue cases once they are answered', (db) => {
  test('a case accepted late counts as overdue in its week, and in the month and quarter reported after it was answered', async () => {
    // Filed Monday 2026-03-02: to be accepted within 2 working days, by 03-04.
    const world = await World.open(db(), patientOrg, at('2026-03-02'));
    const { number } = await world.file('hu.bin');
    world.clock.set(at('2026-03-09'));
    const [summary] = await weeklySummaries(world.core, world.clock.now());
    expect(reportOf(summary).current.overdue).toBe(1);
    await accept(world.core, await world.as('zhao.min'), number, '2026-03-11');
    world.clock.set(at('2026-03-11'));
    await reply(world.core, await world.as('zhao.min'), number, writtenReply('2026-03-11'));
    world.clock.set(at('2026-04-01'));
    const [pack] = await monthlyPack(world.core, world.clock.now());
    const [quarter] = await quarterlyReport(world.core, world.clock.now(), [1]);
    expect(reportOf(pack).current).toMatchObject({ overdue: 1, replied: 1, repliedOnTime: 1 });
    expect(reportOf(quarter).current).toMatchObject({ overdue: 1, replied: 1, repliedOnTime: 1 });
  });
});
