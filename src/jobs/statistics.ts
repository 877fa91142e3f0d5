import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { addDays, type LocalDate } from '../calendar/local-date';
import type { Breakdown, DigestLine, PeriodNumbers, PolicyCount, Rates } from '../domain/figures';
import { concludedStates } from '../domain/lifecycle';

/**
 * The numbers of the conflict analysis (R19, R22), each one SQL aggregate over indexed columns:
 * nothing here loads petitions into memory, so a summary over a million petitions costs what the
 * database's GROUP BY costs.
 */
export interface Window {
  from: Date;
  to: Date;
  /** The same window as local days: its first, and the day after its last. */
  first: LocalDate;
  end: LocalDate;
  /** Restrict to these lead departments (a department's channel, a leader's areas). */
  departments?: string[];
}

const num = (v: unknown) => Number(v ?? 0);

/** Restricted to the window's lead departments, if it names any. */
export function scoped<T extends object>(q: SelectQueryBuilder<T>, w: Window, alias = 'p') {
  return w.departments
    ? q.andWhere(`${alias}.lead_department_id IN (:...departments)`, {
        departments: w.departments.length > 0 ? w.departments : ['-'],
      })
    : q;
}

async function filedNumbers(m: EntityManager, w: Window, collectiveFrom: number) {
  const row = await scoped(
    m
      .createQueryBuilder()
      .select('COUNT(*)', 'filed')
      .addSelect('SUM(CASE WHEN p.resolved_at_team = :yes THEN 1 ELSE 0 END)', 'team')
      .addSelect('SUM(CASE WHEN p.major = :yes THEN 1 ELSE 0 END)', 'major')
      .addSelect('SUM(CASE WHEN p.people_concerned >= :collective THEN 1 ELSE 0 END)', 'collective')
      .from('petitions', 'p')
      .where('p.filed_at >= :from AND p.filed_at < :to', w)
      .setParameters({ yes: 1, collective: collectiveFrom }),
    w,
  ).getRawOne();
  return {
    filed: num(row?.filed),
    resolvedAtTeam: num(row?.team),
    major: num(row?.major),
    collective: num(row?.collective),
  };
}

async function eventCounts(m: EntityManager, w: Window): Promise<Record<string, number>> {
  const rows: { type: string; n: unknown }[] = await scoped(
    m
      .createQueryBuilder()
      .select('e.type', 'type')
      .addSelect('COUNT(DISTINCT e.petition_id)', 'n')
      .from('petition_events', 'e')
      .innerJoin('petitions', 'p', 'p.id = e.petition_id')
      .where('e.at >= :from AND e.at < :to', w)
      .andWhere('e.type IN (:...types)', {
        types: ['accepted', 'declined', 'extension_approved'],
      }),
    w,
  )
    .groupBy('e.type')
    .getRawMany();
  return Object.fromEntries(rows.map((r) => [r.type, num(r.n)]));
}

/** R22 超期's ways: unanswered past a deadline before the window's last day, or answered late. */
const overdueWays = [
  'd.replied_on IS NULL AND d.finished_on IS NULL AND ' +
    '(COALESCE(d.handling_due, d.acceptance_due) < :last OR d.statutory_handling_due < :last)',
  'd.replied_on >= :first AND d.reply_due < :last AND d.replied_on > d.reply_due',
  'd.replied_on >= :first AND d.reply_statutory_due < :last AND d.replied_on > d.reply_statutory_due',
  'd.decided_on >= :first AND d.decision_due < :last AND d.decided_on > d.decision_due',
];

/**
 * R22 超期: cases that on some day of the window were past their handling deadline (while waiting:
 * the acceptance deadline) or their statutory window without an answer: still unanswered with such
 * a deadline before the window's last day (as it stands now), or accepted, declined or replied
 * after the deadline that stood then, on or after the window's first day. A union of the ways, each
 * through an index of its own: as one OR, every case filed before the window's end was read.
 */
function overdueQuery(m: EntityManager, w: Window) {
  const union = overdueWays
    .map((way) => `SELECT d.petition_id FROM deadline_projections d WHERE ${way}`)
    .join(' UNION ');
  return scoped(
    m
      .createQueryBuilder()
      .from(`(${union})`, 'o')
      .innerJoin('deadline_projections', 'd', 'd.petition_id = o.petition_id')
      .innerJoin('petitions', 'p', 'p.id = d.petition_id')
      .where('p.filed_at < :to', w)
      .setParameters({ first: w.first, last: addDays(w.end, -1) }),
    w,
  );
}

async function overdueCount(m: EntityManager, w: Window) {
  return num((await overdueQuery(m, w).select('COUNT(*)', 'n').getRawOne())?.n);
}

/** The cases `overdue` counts, with the deadline they passed: what a leader's digest lists. */
export async function overdueCases(m: EntityManager, w: Window): Promise<DigestLine[]> {
  // The deadline it passed: the statutory one (calendar days, never provisional) where only that
  // one is behind it.
  const statutoryOnly =
    'd.replied_on IS NULL AND d.statutory_handling_due < :last AND ' +
    '(COALESCE(d.handling_due, d.acceptance_due) IS NULL OR COALESCE(d.handling_due, d.acceptance_due) >= :last)';
  const decidedLate =
    'd.decided_on >= :first AND d.decision_due < :last AND d.decided_on > d.decision_due';
  const rows: (Omit<DigestLine, 'provisional'> & { provisional: unknown })[] = await overdueQuery(
    m,
    w,
  )
    .select('p.number', 'number')
    .addSelect('p.state', 'state')
    .addSelect(
      `CASE WHEN ${decidedLate} THEN d.decision_due WHEN ${statutoryOnly} THEN d.statutory_handling_due ` +
        'ELSE COALESCE(d.reply_due, d.handling_due, d.acceptance_due) END',
      'due',
    )
    .addSelect(
      `CASE WHEN ${decidedLate} OR ${statutoryOnly} THEN 0 ELSE d.provisional END`,
      'provisional',
    )
    .orderBy('p.number')
    .getRawMany();
  return rows.map((r) => ({ ...r, provisional: Boolean(Number(r.provisional)) }));
}

type RateRow = Record<keyof Rates, unknown> & { category?: string; department?: string };

/** The rates' parts, company- or department-wide, or per category and department. */
async function ratesOf(m: EntityManager, w: Window, grouped: boolean): Promise<RateRow[]> {
  const group = <T extends object>(q: SelectQueryBuilder<T>) =>
    grouped
      ? q
          .addSelect('p.category_id', 'category')
          .addSelect('p.lead_department_id', 'department')
          .groupBy('p.category_id')
          .addGroupBy('p.lead_department_id')
      : q;
  const days = { first: w.first, end: w.end };
  const replies = group(
    scoped(
      m
        .createQueryBuilder()
        .select('COUNT(*)', 'replied')
        .addSelect(
          'SUM(CASE WHEN d.reply_due IS NULL OR d.replied_on <= d.reply_due THEN 1 ELSE 0 END)',
          'repliedOnTime',
        )
        .from('deadline_projections', 'd')
        .innerJoin('petitions', 'p', 'p.id = d.petition_id')
        .where('d.replied_on >= :first AND d.replied_on < :end', days),
      w,
    ),
  ).getRawMany();
  const ratings = group(
    scoped(
      m
        .createQueryBuilder()
        .select('COUNT(DISTINCT p.id)', 'rated')
        .addSelect(
          "COUNT(DISTINCT CASE WHEN p.rating IN ('satisfied', 'basically_satisfied') THEN p.id END)",
          'satisfied',
        )
        .addSelect(
          "COUNT(DISTINCT CASE WHEN p.rating = 'satisfied' THEN p.id END)",
          'satisfiedOnly',
        )
        .from('petition_events', 'e')
        .innerJoin('petitions', 'p', 'p.id = e.petition_id')
        .where("e.type = 'rated' AND e.at >= :from AND e.at < :to", w),
      w,
    ),
  ).getRawMany();
  // 化解: settled at team level, rated (basically) satisfied, or closed with no request for review.
  const finishes = group(
    scoped(
      m
        .createQueryBuilder()
        .select('COUNT(*)', 'finished')
        .addSelect(
          "SUM(CASE WHEN p.resolved_at_team = :yes OR p.rating IN ('satisfied', 'basically_satisfied') " +
            'OR (p.state IN (:...concluded) AND NOT EXISTS (SELECT 1 FROM petition_events a ' +
            "WHERE a.petition_id = p.id AND a.type = 'appealed')) THEN 1 ELSE 0 END)",
          'resolved',
        )
        .from('deadline_projections', 'd')
        .innerJoin('petitions', 'p', 'p.id = d.petition_id')
        .where('d.finished_on >= :first AND d.finished_on < :end', days)
        .setParameters({ yes: 1, concluded: concludedStates }),
      w,
    ),
  ).getRawMany();
  const rows = new Map<string, RateRow>();
  for (const part of await Promise.all([replies, ratings, finishes])) {
    for (const r of part as RateRow[]) {
      const key = `${r.category ?? ''}\u0000${r.department ?? ''}`;
      rows.set(key, { ...rows.get(key), ...r });
    }
  }
  return [...rows.values()];
}

function rates(row: RateRow | undefined): Rates {
  return {
    replied: num(row?.replied),
    repliedOnTime: num(row?.repliedOnTime),
    rated: num(row?.rated),
    satisfied: num(row?.satisfied),
    satisfiedOnly: num(row?.satisfiedOnly),
    finished: num(row?.finished),
    resolved: num(row?.resolved),
  };
}

async function closedCount(m: EntityManager, w: Window) {
  const row = await scoped(
    m
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('petitions', 'p')
      .where('p.closed_at >= :from AND p.closed_at < :to', w)
      .andWhere('p.state IN (:...concluded)', { concluded: concludedStates }),
    w,
  ).getRawOne();
  return num(row?.n);
}

/**
 * R16 R22 重复信访: people who filed in the window a petition repeating an earlier one of theirs
 * on a similar matter (decided at filing, as R16 decides it); identities stay in SQL, and an
 * anonymous filing repeats no one's (R6). A confidential petitioner in custody counts by their
 * keyed hash: once however many such filings, though apart from any named filings of theirs.
 */
async function repeatPetitioners(m: EntityManager, w: Window) {
  const people = (table: string, column: string) =>
    scoped(
      m
        .createQueryBuilder()
        .select(`COUNT(DISTINCT x.${column})`, 'n')
        .from(table, 'x')
        .innerJoin('petitions', 'p', 'p.id = x.petition_id')
        .where(`p.filed_at >= :from AND p.filed_at < :to AND x.${column} IS NOT NULL`, w)
        .andWhere("p.repeats > 0 AND p.mode <> 'anonymous'"),
      w,
    ).getRawOne<{ n: unknown }>();
  const [open, kept] = await Promise.all([
    people('petition_parties', 'petitioner_id'),
    people('custody', 'petitioner_hash'),
  ]);
  return num(open?.n) + num(kept?.n);
}

const year = 365 * 86_400_000;

/**
 * R22 回复率: of the cases filed in the year up to the period's end that needed an answer (not
 * resolved at team level, not withdrawn), how many got a written reply or a reasoned decline.
 */
async function replyRate(m: EntityManager, w: Window) {
  const row = await scoped(
    m
      .createQueryBuilder()
      .select('COUNT(*)', 'answerable')
      .addSelect(
        "SUM(CASE WHEN EXISTS (SELECT 1 FROM petition_events e WHERE e.petition_id = p.id AND e.type IN ('replied', 'declined') AND e.at < :to) THEN 1 ELSE 0 END)",
        'answered',
      )
      .from('petitions', 'p')
      .where('p.filed_at >= :since AND p.filed_at < :to', {
        ...w,
        since: new Date(w.to.getTime() - year),
      })
      .andWhere("p.resolved_at_team = :no AND p.state <> 'withdrawn'", { no: 0 }),
    w,
  ).getRawOne();
  return { answerable: num(row?.answerable), answered: num(row?.answered) };
}

export async function periodNumbers(
  m: EntityManager,
  w: Window,
  collectiveFrom: number,
): Promise<PeriodNumbers> {
  const [filed, events, overdue, closed, [totals], repeats, reply] = await Promise.all([
    filedNumbers(m, w, collectiveFrom),
    eventCounts(m, w),
    overdueCount(m, w),
    closedCount(m, w),
    ratesOf(m, w, false),
    repeatPetitioners(m, w),
    replyRate(m, w),
  ]);
  return {
    ...filed,
    ...rates(totals),
    accepted: events.accepted ?? 0,
    declined: events.declined ?? 0,
    extended: events.extension_approved ?? 0,
    closed,
    overdue,
    repeatPetitioners: repeats,
    ...reply,
  };
}

/**
 * R22 by category and lead department: the window's new petitions and each rate's parts, for
 * every unit that had any; most new petitions first.
 */
export async function breakdown(m: EntityManager, w: Window): Promise<Breakdown[]> {
  const [filed, parts] = await Promise.all([
    scoped(
      m
        .createQueryBuilder()
        .select('p.category_id', 'category')
        .addSelect('p.lead_department_id', 'department')
        .addSelect('COUNT(*)', 'n')
        .from('petitions', 'p')
        .where('p.filed_at >= :from AND p.filed_at < :to', w),
      w,
    )
      .groupBy('p.category_id')
      .addGroupBy('p.lead_department_id')
      .getRawMany() as Promise<{ category: string; department: string; n: unknown }[]>,
    ratesOf(m, w, true),
  ]);
  const units = new Map<string, Breakdown>();
  const unit = (category: string, department: string) => {
    const key = `${category}\u0000${department}`;
    let b = units.get(key);
    if (!b) {
      b = { category, department, count: 0, ...rates(undefined) };
      units.set(key, b);
    }
    return b;
  };
  for (const r of filed) unit(r.category, r.department).count = num(r.n);
  for (const r of parts) {
    Object.assign(unit(String(r.category), String(r.department)), rates(r));
  }
  return [...units.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.category.localeCompare(b.category) ||
      a.department.localeCompare(b.department),
  );
}

/**
 * R17: the petitions about each registered policy, in one GROUP BY: how many of the window's new
 * petitions name it, and how many do to date; most new first.
 */
export async function policyCounts(m: EntityManager, w: Window): Promise<PolicyCount[]> {
  const rows = (await scoped(
    m
      .createQueryBuilder()
      .select('p.policy_id', 'policy')
      .addSelect('MAX(pol.title)', 'title')
      .addSelect('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN p.filed_at >= :from AND p.filed_at < :to THEN 1 ELSE 0 END)', 'n')
      .from('petitions', 'p')
      .innerJoin('policies', 'pol', 'pol.id = p.policy_id')
      .where('p.filed_at < :to', w),
    w,
  )
    .groupBy('p.policy_id')
    .getRawMany()) as { policy: unknown; title: string; total: unknown; n: unknown }[];
  return rows
    .map((r) => ({ policy: num(r.policy), title: r.title, count: num(r.n), total: num(r.total) }))
    .sort((a, b) => b.count - a.count || b.total - a.total || a.policy - b.policy);
}

/** R19 R29: one window's new, closed and overdue cases, as the summary counts each. */
export async function trendNumbers(m: EntityManager, w: Window) {
  const [filed, closed, overdue] = await Promise.all([
    scoped(
      m
        .createQueryBuilder()
        .select('COUNT(*)', 'n')
        .from('petitions', 'p')
        .where('p.filed_at >= :from AND p.filed_at < :to', w),
      w,
    ).getRawOne(),
    closedCount(m, w),
    overdueCount(m, w),
  ]);
  return { filed: num(filed?.n), closed, overdue };
}
