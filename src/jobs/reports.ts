import type { EntityManager } from 'typeorm';
import { addDays, startOfLocalDay } from '../calendar/local-date';
import type { Organisation } from '../config/org';
import type { Report } from '../domain/figures';
import type { NewNotice } from '../notices/outbox';
import type { Recipient } from '../notices/notice';
import type { Core } from '../services/core';
import { clusters } from './hot-topics';
import { lastMonth, lastQuarter, lastWeek, weekBefore, type Period } from './periods';
import { breakdown, periodNumbers, policyCounts, trendNumbers } from './statistics';

type ReportThresholds = Pick<
  Organisation['thresholds'],
  | 'collectivePeopleConcerned'
  | 'warningSimilarPetitions'
  | 'hotTopicSimilarPetitions'
  | 'similarMatter'
>;

/**
 * A conflict analysis for one period and scope (`company`, or department ids joined by commas);
 * numbers only, never an identity (R19).
 */
export async function buildReport(
  m: EntityManager,
  period: Period,
  previous: Period | null,
  scope: string,
  thresholds: ReportThresholds,
): Promise<Report> {
  const departments = scope === 'company' ? undefined : scope.split(',');
  const w = { ...period, departments };
  const collective = thresholds.collectivePeopleConcerned;
  const [current, before, split, topics, policies] = await Promise.all([
    periodNumbers(m, w, collective),
    previous ? periodNumbers(m, { ...previous, departments }, collective) : null,
    breakdown(m, w),
    clusters(m, w, thresholds.hotTopicSimilarPetitions, thresholds.similarMatter),
    policyCounts(m, w),
  ]);
  return {
    scope,
    first: period.first,
    last: addDays(period.end, -1),
    current,
    previous: before,
    breakdown: split.slice(0, 10),
    hotTopics: topics
      .slice(0, 5)
      .map((topic) => ({ ...topic, warning: topic.size >= thresholds.warningSimilarPetitions })),
    policies: policies.slice(0, 10),
  };
}

/** How many weeks the summary's trend chart shows (R29). */
const trendWeeks = 12;

/** R19 R29: the report with the 12 weeks up to its period's end, new, closed and overdue each. */
async function withTrend(m: EntityManager, report: Report, period: Period, zone: string) {
  const departments = report.scope === 'company' ? undefined : report.scope.split(',');
  const weeks = await Promise.all(
    Array.from({ length: trendWeeks }, async (_, i) => {
      const first = addDays(period.end, -7 * (trendWeeks - i));
      const end = addDays(first, 7);
      const w = {
        first,
        end,
        from: startOfLocalDay(first, zone),
        to: startOfLocalDay(end, zone),
        departments,
      };
      return { first, ...(await trendNumbers(m, w)) };
    }),
  );
  return { ...report, weeks };
}

type ReportKind = 'weekly_summary' | 'monthly_pack' | 'quarterly_report';

function reportNotice(kind: ReportKind, to: Recipient, report: Report, key: string): NewNotice {
  return { kind, to, params: { report }, dedupeKey: key };
}

/** R19: the weekly conflict summary, company-wide and for each department with a channel. */
export async function weeklySummaries(core: Core, now: Date): Promise<NewNotice[]> {
  const zone = core.rules.timeZone;
  const week = lastWeek(now, zone);
  const m = core.store.manager;
  const notices: NewNotice[] = [];
  if (core.org.channels.summary) {
    const report = await withTrend(
      m,
      await buildReport(m, week, weekBefore(week, zone), 'company', core.org.thresholds),
      week,
      zone,
    );
    notices.push(
      reportNotice(
        'weekly_summary',
        { kind: 'channel', id: 'summary' },
        report,
        `weekly-summary:${week.first}:company`,
      ),
    );
  }
  for (const department of core.org.departments.filter((d) => d.channel)) {
    const report = await withTrend(
      m,
      await buildReport(m, week, weekBefore(week, zone), department.id, core.org.thresholds),
      week,
      zone,
    );
    notices.push(
      reportNotice(
        'weekly_summary',
        { kind: 'department_channel', id: department.id },
        report,
        `weekly-summary:${week.first}:${department.id}`,
      ),
    );
  }
  return notices;
}

/** R21: the monthly conflict-analysis meeting pack, to the summary channel. */
export async function monthlyPack(core: Core, now: Date): Promise<NewNotice[]> {
  if (!core.org.channels.summary) return [];
  const month = lastMonth(now, core.rules.timeZone);
  const m = core.store.manager;
  const zone = core.rules.timeZone;
  const report = await withTrend(
    m,
    await buildReport(m, month, null, 'company', core.org.thresholds),
    month,
    zone,
  );
  return [
    reportNotice(
      'monthly_pack',
      { kind: 'channel', id: 'summary' },
      report,
      `monthly-pack:${month.first}`,
    ),
  ];
}

/** R21: the quarterly report for the party committee's study (党委每季度专题研究). */
export async function quarterlyReport(
  core: Core,
  now: Date,
  readers: number[],
): Promise<NewNotice[]> {
  const quarter = lastQuarter(now, core.rules.timeZone);
  const report = await buildReport(
    core.store.manager,
    quarter,
    null,
    'company',
    core.org.thresholds,
  );
  return readers.map((id) =>
    reportNotice(
      'quarterly_report',
      { kind: 'person', id: String(id) },
      report,
      `quarterly-report:${quarter.first}:${id}`,
    ),
  );
}
