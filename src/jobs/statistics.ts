import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Breakdown, PeriodNumbers } from '../domain/figures';
import { concludedStates } from '../domain/lifecycle';

/**
 * The numbers of the conflict analysis (R19, R22), each one SQL aggregate over indexed columns:
 * nothing here loads petitions into memory, so a summary over a million petitions costs what the
 * database's GROUP BY costs.
 */
export interface Window {
  from: Date;
  to: Date;
  /** Restrict to one lead department. */
  department?: string;
}

const num = (v: unknown) => Number(v ?? 0);

function scoped<T extends object>(q: SelectQueryBuilder<T>, w: Window, alias = 'p') {
  return w.department ? q.andWhere(`${alias}.lead_department_id = :department`, w) : q;
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
        types: ['accepted', 'declined', 'replied', 'extension_approved', 'rated'],
      }),
    w,
  )
    .groupBy('e.type')
    .getRawMany();
  return Object.fromEntries(rows.map((r) => [r.type, num(r.n)]));
}

async function overdueCount(m: EntityManager, w: Window) {
  const row = await scoped(
    m
      .createQueryBuilder()
      .select('COUNT(DISTINCT n.petition_id)', 'n')
      .from('notices', 'n')
      .innerJoin('petitions', 'p', 'p.id = n.petition_id')
      .where('n.created_at >= :from AND n.created_at < :to', w)
      .andWhere('n.kind IN (:...kinds)', { kinds: ['overdue', 'acceptance_overdue'] }),
    w,
  ).getRawOne();
  return num(row?.n);
}

/** Cases with an event of this type in the window that also meet `condition`. */
async function casesWith(m: EntityManager, w: Window, type: string, condition: string) {
  const row = await scoped(
    m
      .createQueryBuilder()
      .select('COUNT(DISTINCT e.petition_id)', 'n')
      .from('petition_events', 'e')
      .innerJoin('petitions', 'p', 'p.id = e.petition_id')
      .where('e.type = :type AND e.at >= :from AND e.at < :to', { ...w, type })
      .andWhere(condition),
    w,
  ).getRawOne();
  return num(row?.n);
}

/** Replies in the window for cases that had no overdue reminder before the reply. */
const onTimeReplies = (m: EntityManager, w: Window) =>
  casesWith(
    m,
    w,
    'replied',
    "NOT EXISTS (SELECT 1 FROM notices o WHERE o.petition_id = e.petition_id AND o.kind = 'overdue' AND o.created_at <= e.at)",
  );

const satisfiedCount = (m: EntityManager, w: Window) =>
  casesWith(m, w, 'rated', "p.rating IN ('satisfied', 'basically_satisfied')");

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

/** People who filed more than once in the window (R22 repeat petitions); identities stay in SQL. */
async function repeatPetitioners(m: EntityManager, w: Window) {
  const inner = scoped(
    m
      .createQueryBuilder()
      .select('x.petitioner_id', 'who')
      .from('petition_parties', 'x')
      .innerJoin('petitions', 'p', 'p.id = x.petition_id')
      .where('p.filed_at >= :from AND p.filed_at < :to AND x.petitioner_id IS NOT NULL', w),
    w,
  )
    .groupBy('x.petitioner_id')
    .having('COUNT(*) > 1');
  const row = await m
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from(`(${inner.getQuery()})`, 'r')
    .setParameters(inner.getParameters())
    .getRawOne();
  return num(row?.n);
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
  const [filed, events, overdue, repliedOnTime, closed, satisfied, repeats, reply] =
    await Promise.all([
      filedNumbers(m, w, collectiveFrom),
      eventCounts(m, w),
      overdueCount(m, w),
      onTimeReplies(m, w),
      closedCount(m, w),
      satisfiedCount(m, w),
      repeatPetitioners(m, w),
      replyRate(m, w),
    ]);
  return {
    ...filed,
    accepted: events.accepted ?? 0,
    declined: events.declined ?? 0,
    replied: events.replied ?? 0,
    extended: events.extension_approved ?? 0,
    rated: events.rated ?? 0,
    closed,
    overdue,
    repliedOnTime,
    satisfied,
    repeatPetitioners: repeats,
    ...reply,
  };
}

/** New petitions of the window by category and lead department. */
export async function breakdown(m: EntityManager, w: Window): Promise<Breakdown[]> {
  const rows: { category: string; department: string; n: unknown }[] = await scoped(
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
    .orderBy('n', 'DESC')
    .getRawMany();
  return rows.map((r) => ({ category: r.category, department: r.department, count: num(r.n) }));
}
