import type { Digest, PeriodNumbers, Rates, Report } from '../domain/figures';
import type { Locale } from '../domain/people';
import type { Translator } from '../i18n/translator';
import type { NoticeKind, OutgoingNotice } from './notice';

const percent = (part: number, whole: number) =>
  whole === 0 ? null : `${Math.round((part / whole) * 100)}%`;

function change(t: Translator, locale: Locale, now: number, before: number | undefined) {
  if (before === undefined) return t.t(locale, 'report.not_applicable');
  const delta = now - before;
  return delta === 0 ? t.t(locale, 'report.no_change') : `${delta > 0 ? '+' : ''}${delta}`;
}

/** R22: each rate from its parts, one definition wherever it is shown. */
function unitRates(n: Rates) {
  return {
    onTime: percent(n.repliedOnTime, n.replied),
    satisfaction: percent(n.satisfied, n.rated),
    satisfiedOnly: percent(n.satisfiedOnly, n.rated),
    resolution: percent(n.resolved, n.finished),
  };
}

/** R22: the rates that matter, from the period's counts, beside the organisation's goals. */
function rates(t: Translator, locale: Locale, n: PeriodNumbers): string {
  const goals = t.organisation.goals;
  return t.t(locale, 'report.rates', {
    ...unitRates(n),
    replyRate: percent(n.answered, n.answerable),
    team: percent(n.resolvedAtTeam, n.filed),
    teamGoal: `${goals.teamLevelPercent}%`,
    resolutionGoal: `${goals.resolutionPercent}%`,
    collective: n.collective,
    major: n.major,
    repeat: n.repeatPetitioners,
  });
}

/** A report's scope as a reader names it: the company, or its departments (a leader's areas). */
export function scopeName(t: Translator, locale: Locale, scope: string): string {
  if (scope === 'company') return t.t(locale, 'report.company');
  return scope
    .split(',')
    .map((d) => t.department(locale, d))
    .join(locale === 'en' ? ', ' : '、');
}

/** A report as text with a small bar chart: numbers only, no identity anywhere (R19). */
function reportText(t: Translator, locale: Locale, kind: NoticeKind, report: Report): string {
  const scope = scopeName(t, locale, report.scope);
  return [
    t.notice(locale, kind, { scope, first: report.first, last: report.last }),
    ...reportLines(t, locale, report),
  ].join('\n');
}

/** A report's figures under its title: totals, rates, the breakdown and hot topics (R19, R22). */
export function reportLines(t: Translator, locale: Locale, report: Report): string[] {
  const c = report.current;
  const lines = [
    t.t(locale, 'report.totals', {
      ...c,
      previous: report.previous?.filed ?? null,
      change: change(t, locale, c.filed, report.previous?.filed),
    }),
    rates(t, locale, c),
  ];
  if (report.breakdown.length === 0) lines.push(t.t(locale, 'report.none'));
  else {
    const widest = Math.max(...report.breakdown.map((b) => b.count));
    lines.push(t.t(locale, 'report.breakdown'));
    for (const b of report.breakdown) {
      lines.push(
        t.t(locale, 'report.bar', {
          label: `${t.category(locale, b.category)} · ${t.department(locale, b.department)}`,
          bar: b.count > 0 ? '█'.repeat(Math.max(1, Math.round((b.count / widest) * 20))) : '',
          count: b.count,
          ...unitRates(b),
        }),
      );
    }
  }
  if (report.policies.length > 0) lines.push(t.t(locale, 'report.policies'));
  for (const p of report.policies) lines.push(t.t(locale, 'report.policy', { ...p }));
  for (const topic of report.hotTopics) {
    lines.push(
      t.t(locale, topic.warning ? 'report.warning' : 'report.hot', {
        label: `${t.category(locale, topic.category)} · ${t.department(locale, topic.department)}`,
        size: topic.size,
        keywords: topic.keywords.join(locale === 'en' ? ', ' : '、') || null,
      }),
    );
  }
  return lines;
}

function digestText(t: Translator, locale: Locale, digest: Digest): string {
  const n = digest.numbers;
  const lines = (items: Digest['owned']) =>
    items.map((i) =>
      t.t(locale, 'report.digest_line', {
        number: i.number,
        state: i.state,
        due: i.due,
        provisional: i.provisional,
      }),
    );
  return [
    t.notice(locale, 'leader_digest', { first: digest.first, last: digest.last }),
    t.t(locale, 'report.digest_cases', { count: digest.owned.length }),
    ...lines(digest.owned),
    t.t(locale, 'report.digest_overdue', { count: digest.overdue.length }),
    ...lines(digest.overdue),
    t.t(locale, 'report.totals', {
      ...n,
      previous: null,
      change: t.t(locale, 'report.not_applicable'),
    }),
    rates(t, locale, n),
  ].join('\n');
}

/** Any notice as plain text in the reader's language; adapters wrap it in their own blocks. */
export function noticeText(t: Translator, locale: Locale, notice: OutgoingNotice): string {
  switch (notice.kind) {
    case 'leader_digest':
      return digestText(t, locale, notice.params.digest);
    case 'weekly_summary':
    case 'monthly_pack':
    case 'quarterly_report':
      return reportText(t, locale, notice.kind, notice.params.report);
    default:
      return t.notice(locale, notice.kind, notice.params);
  }
}
