import type { DataSource } from 'typeorm';
import type { Job } from '../../src/jobs/catalogue';
import { DatabaseRunCoordinator } from '../../src/jobs/coordinator';
import { calendarHealth, jobsHealth, runJobNow, scheduleJobs } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logger';
import { createCore } from '../../src/services/core';
import { JobFireEntity } from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { patientOrg, with2027, World } from '../support/world';

eachDatabase('R18 R26 one run per fire across instances', (db) => {
  let world: World;
  const stores: Store[] = [];
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    stores.push(world.store);
    for (let i = 0; i < 2; i++) {
      if (db().kind === 'mysql') {
        const ds: DataSource = await db().open();
        stores.push(new Store(ds, db().url));
      } else {
        stores.push(world.store);
      }
    }
  });

  const coordinators = () =>
    stores.map(
      (store, i) => new DatabaseRunCoordinator(store, `instance-${i}`, () => world.clock.now()),
    );

  test('R26 three coordinators racing for 100 fires each win every fire exactly once', async () => {
    const racing = coordinators();
    const keys = Array.from(
      { length: 100 },
      (_, i) => `race:2026-11-02T01:${String(i).padStart(2, '0')}:00.000Z`,
    );
    const wins = await Promise.all(keys.flatMap((key) => racing.map((c) => c.shouldRun(key))));
    expect(wins.filter(Boolean)).toHaveLength(100);
    for (let i = 0; i < keys.length; i++) {
      expect(wins.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
    }
  });

  test('R26 three node-cron schedules of the same job run each fire once, and every run is recorded', async () => {
    const runs: string[] = [];
    const job: Job = {
      name: 'tick',
      cron: () => '* * * * * *',
      staleAfterHours: 1,
      run: async (_core, now) => {
        runs.push(now.toISOString());
        return 0;
      },
    };
    const log = createLogger('silent');
    const tasks = coordinators().flatMap((c, i) =>
      scheduleJobs(createCore(stores[i], patientOrg, { now: () => new Date() }), c, log, [job]),
    );
    await new Promise((resolve) => setTimeout(resolve, 3500));
    await Promise.all(tasks.map((t) => t.destroy()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fires = await world.store.manager.findBy(JobFireEntity, { jobName: 'tick' });
    expect(fires.length).toBeGreaterThanOrEqual(2);
    expect(runs).toHaveLength(fires.length);
    expect(fires.every((f) => f.outcome === 'ok' && f.finishedAt !== null)).toBe(true);
  });

  test('R18 /healthz shows each job last run and flags one that should have run by now', async () => {
    const core = world.core;
    const startedAt = world.clock.now();
    const coordinator = new DatabaseRunCoordinator(world.store, 'cli', () => world.clock.now());
    await runJobNow(core, coordinator, 'reminders');
    const fresh = await jobsHealth(core, startedAt).run();
    expect(fresh.detail).toMatchObject({ reminders: { outcome: 'ok', overdue: false } });
    world.clock.advanceDays(9);
    const stale = await jobsHealth(core, startedAt).run();
    expect(stale.ok).toBe(false);
    expect(stale.detail).toMatchObject({
      reminders: { overdue: true },
      'weekly-summary': { lastRun: null, overdue: true },
    });
  });

  test('R31 /healthz is not ok while a deadline set today could reach a year without official holidays', async () => {
    expect(await calendarHealth(world.core).run()).toEqual({
      ok: false,
      detail: { unknownYears: [2027], countedMondayToFriday: true },
    });
    const spring = createCore(world.store, patientOrg, {
      now: () => new Date('2026-05-04T02:00:00Z'),
    });
    expect(await calendarHealth(spring).run()).toEqual({
      ok: true,
      detail: 'official holidays known',
    });
    const given = with2027;
    expect(await calendarHealth(createCore(world.store, given, world.clock)).run()).toEqual({
      ok: true,
      detail: 'official holidays known',
    });
  });

  test('running a job by hand twice in the same instant runs it once', async () => {
    const coordinator = new DatabaseRunCoordinator(world.store, 'cli', () => world.clock.now());
    await runJobNow(world.core, coordinator, 'pre-shift');
    expect(await runJobNow(world.core, coordinator, 'pre-shift')).toBe(0);
    await expect(runJobNow(world.core, coordinator, 'nope')).rejects.toThrow('no job "nope"');
  });
});
