import { schedule as cronSchedule, type ScheduledTask } from 'node-cron';
import type { HealthCheck } from '../http/health';
import type { Logger } from '../logger';
import { calendarGap } from '../services/calendar-coverage';
import type { Core } from '../services/core';
import { JobFireEntity } from '../store/entities';
import { catchUpJobs, jobNamed, jobs, type Job } from './catalogue';
import { DatabaseRunCoordinator } from './coordinator';

async function runRecorded(core: Core, coordinator: DatabaseRunCoordinator, job: Job, key: string) {
  try {
    const offered = await job.run(core, core.clock.now());
    await coordinator.finish(key, 'ok');
    return offered;
  } catch (e) {
    await coordinator.finish(key, 'failed', String(e));
    throw e;
  }
}

/**
 * Every job as a named node-cron task in the organisation's zone, in distributed mode: on each
 * fire every instance asks the database coordinator, and only the one that claims the fire runs.
 */
export function scheduleJobs(
  core: Core,
  coordinator: DatabaseRunCoordinator,
  log: Logger,
  schedule: Job[] = jobs,
): ScheduledTask[] {
  return schedule.map((job) =>
    cronSchedule(
      job.cron(core.org),
      async (context) => {
        const key = `${job.name}:${context.date.toISOString()}`;
        const offered = await runRecorded(core, coordinator, job, key).catch((e: unknown) => {
          log.error({ job: job.name, error: String(e) }, 'job failed');
          return null;
        });
        if (offered !== null) log.info({ job: job.name, offered }, 'job ran');
      },
      {
        name: job.name,
        timezone: core.rules.timeZone,
        distributed: true,
        runCoordinator: coordinator,
        noOverlap: true,
      },
    ),
  );
}

/** Runs one job now, recorded like a scheduled fire (the CLI and the terminal's `jobs`). */
/**
 * Every job once, now, on behalf of `owner` (the terminal's `jobs`): each run recorded as a fire
 * would be. Returns how many notices they offered.
 */
export async function runEveryJobNow(core: Core, owner: string): Promise<number> {
  const coordinator = new DatabaseRunCoordinator(core.store, owner, () => core.clock.now());
  let count = 0;
  for (const job of jobs) count += await runJobNow(core, coordinator, job.name);
  return count;
}

export async function runJobNow(
  core: Core,
  coordinator: DatabaseRunCoordinator,
  name: string,
): Promise<number> {
  const job = jobNamed(name);
  const key = `${job.name}:${core.clock.now().toISOString()}`;
  if (!(await coordinator.shouldRun(key))) return 0;
  return runRecorded(core, coordinator, job, key);
}

/**
 * R18: the weekly, monthly and quarterly posts missed while the bot was down are posted when it
 * starts (their keys make this a no-op when they went out already). A job that never fired here
 * is a new installation's, which missed nothing.
 */
export async function catchUp(core: Core, coordinator: DatabaseRunCoordinator, log: Logger) {
  for (const name of catchUpJobs) {
    if (!(await core.store.manager.existsBy(JobFireEntity, { jobName: name }))) continue;
    await runJobNow(core, coordinator, name).catch((e: unknown) =>
      log.error({ job: name, error: String(e) }, 'catch-up failed'),
    );
  }
}

/** R18: each job's last run on /healthz, and a flag on one that should have run by now. */
export function jobsHealth(core: Core, startedAt: Date): HealthCheck {
  return {
    name: 'jobs',
    async run() {
      const now = core.clock.now();
      const detail: Record<
        string,
        { lastRun: string | null; outcome: string | null; overdue: boolean }
      > = {};
      for (const job of jobs) {
        const last = await core.store.manager.findOne(JobFireEntity, {
          where: { jobName: job.name },
          order: { firedAt: 'DESC' },
        });
        const since = last?.firedAt ?? startedAt;
        detail[job.name] = {
          lastRun: last ? last.firedAt.toISOString() : null,
          outcome: last?.outcome ?? null,
          overdue: now.getTime() - since.getTime() > job.staleAfterHours * 3_600_000,
        };
      }
      return {
        ok: Object.values(detail).every((d) => !d.overdue && d.outcome !== 'failed'),
        detail,
      };
    },
  };
}

/**
 * R31: a deadline falling in a year without official holidays is only provisional (counted Monday
 * to Friday), so /healthz is not ok from the day a deadline set today could reach such a year
 * until the operator adds it under `organisation.calendar.officialYears`.
 */
export function calendarHealth(core: Core): HealthCheck {
  return {
    name: 'calendar',
    async run() {
      const gap = calendarGap(core);
      return gap.years.length === 0
        ? { ok: true, detail: 'official holidays known' }
        : { ok: false, detail: { unknownYears: gap.years, countedMondayToFriday: true } };
    },
  };
}
