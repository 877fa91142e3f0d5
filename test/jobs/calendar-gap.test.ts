import { jobNamed } from '../../src/jobs/catalogue';
import { Translator } from '../../src/i18n/translator';
import { NoticeEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase('R31 the admins are told once about a year the calendar lacks', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-12-01T00:30:00Z');
  });

  test('the daily calendar job tells each admin once which year is missing and what is counted meanwhile', async () => {
    const job = jobNamed('calendar');
    await job.run(world.core, world.clock.now());
    world.clock.advanceDays(1);
    await job.run(world.core, world.clock.now());
    const told = await world.store.manager.findBy(NoticeEntity, { kind: 'calendar_year_unknown' });
    expect(told.map((n) => n.recipient)).toEqual([String(await world.idOf('wang.fang'))]);
    expect(JSON.parse(told[0].params)).toEqual({ year: 2027, horizon: '2027-03-01' });
    expect(
      new Translator(patientOrg).notice('zh-CN', 'calendar_year_unknown', {
        year: 2027,
        horizon: '2027-03-01',
      }),
    ).toContain('暂按周一至周五计算');
  });

  test('nothing is said while every year a deadline can reach is known', async () => {
    world.clock.set('2026-06-01T00:30:00Z');
    const before = await world.store.manager.countBy(NoticeEntity, {});
    expect(await jobNamed('calendar').run(world.core, world.clock.now())).toBe(0);
    expect(await world.store.manager.countBy(NoticeEntity, {})).toBe(before);
  });
});
