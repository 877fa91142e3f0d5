import type { Organisation } from '../config/org';
import { addNotices, type NewNotice } from '../notices/outbox';
import { holdersOf } from '../services/audience';
import { departedOwners } from '../services/departures';
import { forgetDeliveriesBefore } from '../store/inbound-events';
import type { Core } from '../services/core';
import { leaderDigests } from './digests';
import { policyReminders } from './policy-reminders';
import { sweepReminders } from './reminders';
import { archiveReport, keepArchive } from './retention';
import { monthlyPack, quarterlyReport, weeklySummaries } from './reports';
import { tallyFinishedDays } from './term-tallies';
import {
  calendarGapNotices,
  jointMeetingReminders,
  preShiftReminders,
  receptionDayAnnouncement,
} from './routine';

/** A scheduled job: when it fires (cron, in the organisation's zone) and what it does. */
export interface Job {
  name: string;
  cron(org: Organisation): string;
  /** /healthz flags the job when its last run is older than this. */
  staleAfterHours: number;
  /** Does the work; returns how many notices it offered. Safe to run twice: keys drop repeats. */
  run(core: Core, now: Date): Promise<number>;
}

/** How long an inbound event id is remembered: far longer than any platform redelivers. */
const deliveryMemoryMs = 7 * 24 * 3600 * 1000;

/** Writes notices whose dedupe keys make a second run of the same period add nothing. */
async function post(core: Core, now: Date, notices: NewNotice[]): Promise<number> {
  await core.store.transaction((m) => addNotices(m, now, notices, core.store));
  return notices.length;
}

export const jobs: Job[] = [
  {
    name: 'reminders',
    cron: () => '5 * * * *',
    staleAfterHours: 3,
    run: (core) => sweepReminders(core),
  },
  {
    // R19: before the summaries of the morning, yesterday's term tally (and any day changed).
    name: 'term-tallies',
    cron: () => '45 0 * * *',
    staleAfterHours: 26,
    run: async (core, now) => {
      await tallyFinishedDays(core, now);
      return 0;
    },
  },
  {
    name: 'weekly-summary',
    cron: () => '0 9 * * 1',
    staleAfterHours: 8 * 24,
    run: async (core, now) => post(core, now, await weeklySummaries(core, now)),
  },
  {
    name: 'leader-digest',
    cron: () => '30 9 * * 1',
    staleAfterHours: 8 * 24,
    run: async (core, now) => post(core, now, await leaderDigests(core, now)),
  },
  {
    name: 'pre-shift',
    cron: (org) => {
      const [hour, minute] = org.routine.preShiftTime.split(':').map(Number);
      return `${minute} ${hour} * * *`;
    },
    staleAfterHours: 26,
    run: async (core, now) => post(core, now, await preShiftReminders(core, now)),
  },
  {
    name: 'reception-day',
    cron: () => '0 8 * * 1',
    staleAfterHours: 8 * 24,
    run: async (core, now) => post(core, now, receptionDayAnnouncement(core, now)),
  },
  {
    name: 'monthly-pack',
    cron: () => '0 9 1 * *',
    staleAfterHours: 32 * 24,
    run: async (core, now) => post(core, now, await monthlyPack(core, now)),
  },
  {
    name: 'quarterly-report',
    cron: () => '0 9 1 1,4,7,10 *',
    staleAfterHours: 93 * 24,
    run: async (core, now) =>
      post(
        core,
        now,
        await quarterlyReport(core, now, await holdersOf(core.store.manager, 'party_reader')),
      ),
  },
  {
    name: 'joint-meeting',
    cron: () => '0 9 * * *',
    staleAfterHours: 26,
    run: async (core, now) => post(core, now, await jointMeetingReminders(core, now)),
  },
  {
    name: 'departed-owners',
    cron: () => '10 * * * *',
    staleAfterHours: 3,
    run: async (core, now) => post(core, now, await departedOwners(core)),
  },
  {
    name: 'policy-reminders',
    cron: () => '15 9 * * *',
    staleAfterHours: 26,
    run: async (core, now) => post(core, now, await policyReminders(core)),
  },
  {
    name: 'archive',
    cron: () => '20 2 * * *',
    staleAfterHours: 26,
    run: async (core, now) => {
      const kept = await keepArchive(core, now);
      const told = await post(core, now, await archiveReport(core, now, kept));
      if (kept.failed.length > 0) {
        throw new Error(`the archive job could not handle: ${kept.failed.join('; ')}`);
      }
      return told;
    },
  },
  {
    name: 'calendar',
    cron: () => '10 8 * * *',
    staleAfterHours: 26,
    run: async (core, now) => post(core, now, await calendarGapNotices(core)),
  },
  {
    name: 'forget-deliveries',
    cron: () => '40 3 * * *',
    staleAfterHours: 26,
    run: async (core, now) => {
      await forgetDeliveriesBefore(core.store, new Date(now.getTime() - deliveryMemoryMs));
      return 0;
    },
  },
];

export function jobNamed(name: string): Job {
  const job = jobs.find((j) => j.name === name);
  if (!job) {
    throw new Error(`no job "${name}"; the jobs are: ${jobs.map((j) => j.name).join(', ')}`);
  }
  return job;
}

/** Jobs that post about a finished period, safe to run late: run at start-up to catch up. */
export const catchUpJobs = [
  'weekly-summary',
  'leader-digest',
  'monthly-pack',
  'quarterly-report',
  // R27: right after start-up, when the organisation file was just synced.
  'departed-owners',
];
