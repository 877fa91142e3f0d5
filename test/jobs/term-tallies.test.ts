import { addDays, localDateOf, startOfLocalDay } from '../../src/calendar/local-date';
import { decline, accept } from '../../src/services/accept';
import { transfer } from '../../src/services/routing';
import { termsOf } from '../../src/domain/terms';
import { sharedTerms, type Tally } from '../../src/jobs/hot-topics';
import { jobNamed } from '../../src/jobs/catalogue';
import { lastWeek } from '../../src/jobs/periods';
import { buildReport } from '../../src/jobs/reports';
import type { Window } from '../../src/jobs/statistics';
import { talliedDays, tallyFinishedDays } from '../../src/jobs/term-tallies';
import { indexTermsOnce } from '../../src/services/petition-terms';
import { PetitionEntity } from '../../src/store/entities';
import { distrustTallies, tallyDay, trustedDays } from '../../src/store/term-tallies';
import { eachDatabase, mysqlUrl, scratchMysql } from '../support/databases';
import { patientOrg, World } from '../support/world';

const zone = 'Asia/Shanghai';
/** Monday 2026-11-16, 09:00 in Shanghai: the summary of 9–15 November. */
const monday = '2026-11-16T01:00:00Z';

/** Texts of a few matters, so that units share wording and some terms reach a hot topic. */
const matters = [
  '夜班食堂没有热饭供应',
  '夜班食堂热饭供应不足',
  '食堂夜班热饭供应太少',
  '十月加班费未按规定发放',
  '加班费未按规定发放 CNC-3 车间',
  '更衣柜门锁坏了',
];

/**
 * The straightforward tally the day tallies must equal: every petition filed in the window and
 * not destroyed, its text's terms counted per unit, read from the petitions themselves.
 */
async function straightTally(world: World, w: Window): Promise<Tally[]> {
  const petitions = await world.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.filed_at >= :from AND p.filed_at < :to', w)
    .andWhere("p.state <> 'destroyed'")
    .getMany();
  const tallies = new Map<string, Tally>();
  for (const p of petitions) {
    if (w.departments && !w.departments.includes(p.leadDepartmentId)) continue;
    for (const term of termsOf(p.content)) {
      const key = [p.categoryId, p.leadDepartmentId, term].join('\u0000');
      const tally = tallies.get(key) ?? {
        category: p.categoryId,
        department: p.leadDepartmentId,
        term,
        n: 0,
        named: 0,
      };
      tally.n++;
      if (p.mode === 'named') tally.named++;
      tallies.set(key, tally);
    }
  }
  return sorted([...tallies.values()]);
}

function sorted(tallies: Tally[]): Tally[] {
  const key = (t: Tally) => [t.category, t.department, t.term].join('\u0000');
  return [...tallies].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const ours = async (world: World, w: Window) =>
  sorted(await sharedTerms(world.store.manager, w, 1));

const week = (): Window => lastWeek(new Date(monday), zone);

eachDatabase('R19 hot topics from day tallies', (db) => {
  let world: World;
  /** Cases filed on the Wednesday, one declined so that it can later be destroyed. */
  const wednesday: string[] = [];

  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-11-09T02:00:00Z');
    for (let day = 0; day < 7; day++) {
      for (const [i, content] of matters.entries()) {
        world.clock.set(new Date(Date.UTC(2026, 10, 9 + day, 1 + i, 30)).toISOString());
        const petition = await world.file('hu.bin', {
          categoryId: i < 3 ? 'management.rules' : 'labour.salary',
          content,
          mode: (day + i) % 4 === 0 ? 'confidential' : 'named',
        });
        if (day === 2) wednesday.push(petition.number);
      }
    }
    // Just after midnight in Shanghai: the first hour of a day, where a neighbour tallied in
    // another zone would overlap it.
    for (const at of ['2026-11-10T16:30:00Z', '2026-11-13T16:30:00Z']) {
      world.clock.set(at);
      await world.file('hu.bin', { categoryId: 'management.rules', content: matters[0] });
    }
    await decline(world.core, await world.as('zhao.min'), wednesday[3], 'litigation', '已起诉');
    world.clock.set(monday);
  });

  test('R19 the daily job tallies each finished day, and the summary adds them up to the figures counted from every term row', async () => {
    await tallyFinishedDays(world.core, world.clock.now());
    expect((await trustedDays(world.store.manager, week())).map((d) => d.day)).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
    ]);
    const straight = await straightTally(world, week());
    expect(straight.length).toBeGreaterThan(20);
    expect(await ours(world, week())).toEqual(straight);
    const hr = { ...week(), departments: ['hr'] };
    expect(await ours(world, hr)).toEqual(await straightTally(world, hr));
  });

  test('R19 a summary of tallied days reads no term rows, and reports the hot topics counting every term row gives', async () => {
    const read: string[] = [];
    const ds = world.store.dataSource;
    const log = ds.logger.logQuery.bind(ds.logger);
    ds.logger.logQuery = (query, parameters, runner) => {
      read.push(query);
      log(query, parameters, runner);
    };
    const summary = () =>
      buildReport(world.store.manager, week(), null, 'company', patientOrg.thresholds);
    let tallied;
    try {
      tallied = await summary();
    } finally {
      ds.logger.logQuery = log;
    }
    expect(read.filter((q) => q.includes('petition_terms'))).toEqual([]);
    expect(tallied.hotTopics.length).toBeGreaterThan(0);
    await world.store.transaction((m) => distrustTallies(m));
    expect(await summary()).toEqual(tallied);
    await tallyFinishedDays(world.core, world.clock.now());
  });

  test('R19 a filing committed after its day was tallied and a case transferred since are counted as every term row counts them, and their days tallied again', async () => {
    world.clock.set('2026-11-12T15:59:59Z');
    await world.file('hu.bin', { categoryId: 'management.rules', content: '夜班食堂热饭没有了' });
    world.clock.set('2026-11-13T03:00:00Z');
    await accept(world.core, await world.as('liu.yang'), wednesday[4], '2026-11-20');
    await transfer(world.core, await world.as('liu.yang'), wednesday[4], 'finance', '财务核算');
    world.clock.set(monday);
    const days = (await trustedDays(world.store.manager, week())).map((d) => d.day);
    expect(days).not.toContain('2026-11-11');
    expect(days).not.toContain('2026-11-12');
    expect(await ours(world, week())).toEqual(await straightTally(world, week()));
    expect(await tallyFinishedDays(world.core, world.clock.now())).toBe(2);
    expect(await trustedDays(world.store.manager, week())).toHaveLength(7);
    expect(await ours(world, week())).toEqual(await straightTally(world, week()));
  });

  test('R19 days tallied in another time zone are not added up twice where they overlap, and are tallied again in this one', async () => {
    const hour = 3_600_000;
    for (const day of ['2026-11-10', '2026-11-13']) {
      const trusted = (await trustedDays(world.store.manager, week())).find((d) => d.day === day);
      if (!trusted) throw new Error(`${day} has no tally to move`);
      // As if tallied at UTC+7: each day an hour later than Shanghai's, overlapping the next.
      const from = new Date(trusted.fromAt.getTime() + hour);
      await tallyDay(world.store, { day, from, to: new Date(trusted.toAt.getTime() + hour) }, from);
    }
    expect(await ours(world, week())).toEqual(await straightTally(world, week()));
    expect(await tallyFinishedDays(world.core, world.clock.now())).toBeGreaterThanOrEqual(2);
    const days = await trustedDays(world.store.manager, week());
    expect(days).toHaveLength(7);
    expect(days[1].fromAt).toEqual(days[0].toAt);
    expect(await ours(world, week())).toEqual(await straightTally(world, week()));
  });

  test('R19 terms written anew at start-up (another format) leave no day tally trusted until the job tallies again', async () => {
    await world.store.manager.query("DELETE FROM projection_basis WHERE name = 'terms'");
    expect(await indexTermsOnce(world.core)).toBeGreaterThan(0);
    expect(await trustedDays(world.store.manager, week())).toEqual([]);
    expect(await tallyFinishedDays(world.core, world.clock.now())).toBe(talliedDays);
    expect(await trustedDays(world.store.manager, week())).toHaveLength(7);
  });

  test('R23 R19 a destroyed case leaves the day tallies as it leaves the term rows', async () => {
    const before = await straightTally(world, week());
    const job = jobNamed('archive');
    world.clock.set('2040-01-02T02:00:00Z');
    await job.run(world.core, world.clock.now());
    world.clock.set('2040-02-02T02:00:00Z');
    await job.run(world.core, world.clock.now());
    const destroyed = await world.store.manager.findOneByOrFail(PetitionEntity, {
      number: wednesday[3],
    });
    expect(destroyed.state).toBe('destroyed');
    const after = await straightTally(world, week());
    expect(after).not.toEqual(before);
    expect(await ours(world, week())).toEqual(after);
  });

  test('R19 the tallies of days more than two years back go, and their weeks are counted from their term rows', async () => {
    await tallyFinishedDays(world.core, world.clock.now());
    expect(await trustedDays(world.store.manager, week())).toEqual([]);
    const [{ n }] = (await world.store.manager.query(
      "SELECT COUNT(*) AS n FROM term_tallies WHERE day < '2038-01-01'",
    )) as { n: unknown }[];
    expect(Number(n)).toBe(0);
    expect(await ours(world, week())).toEqual(await straightTally(world, week()));
  });
});

(mysqlUrl ? describe : describe.skip)('R19 day tallies under concurrent steps [mariadb]', () => {
  test('R19 [mariadb] a change committed after a tally that saw a later change still distrusts that day', async () => {
    const db = await scratchMysql();
    try {
      const world = await World.open(db, patientOrg, '2026-11-09T02:00:00Z');
      const a = await world.file('hu.bin', { content: '夜班食堂没有热饭供应' });
      const b = await world.file('hu.bin', { content: '十月加班费未按规定发放' });
      world.clock.set('2026-11-11T02:00:00Z');
      const day = localDateOf(a.filedAt, zone);
      const span = {
        day,
        from: startOfLocalDay(day, zone),
        to: startOfLocalDay(addDays(day, 1), zone),
      };
      const [first, second] = [1, 2].map(() => world.store.dataSource.createQueryRunner());
      // The first step takes the lower change id and commits last, after a tally that saw the other.
      await first.startTransaction();
      await first.query("UPDATE petitions SET category_id = 'management.rules' WHERE id = ?", [
        a.id,
      ]);
      await first.query('INSERT INTO term_tally_changes (petition_id, filed_at) VALUES (?, ?)', [
        a.id,
        a.filedAt,
      ]);
      await second.startTransaction();
      await second.query('INSERT INTO term_tally_changes (petition_id, filed_at) VALUES (?, ?)', [
        b.id,
        b.filedAt,
      ]);
      await second.commitTransaction();
      await tallyDay(world.store, span, world.clock.now());
      await first.commitTransaction();
      await Promise.all([first.release(), second.release()]);
      const range = { first: day, end: addDays(day, 1), from: span.from, to: span.to };
      expect(await trustedDays(world.store.manager, range)).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
