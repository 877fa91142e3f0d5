import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Cluster } from '../domain/figures';
import type { TermTallyDay } from '../store/entities';
import { trustedDays } from '../store/term-tallies';
import { scoped, type Window } from './statistics';

/** How many of a unit's most shared terms describe its topic. */
const topicTerms = 10;

export interface Tally {
  category: string;
  department: string;
  term: string;
  /** The window's petitions of the unit with the term, and how many of them are named. */
  n: number;
  named: number;
}

type Part = ReturnType<SelectQueryBuilder<object>['getQueryAndParameters']>;

/** The tallies of the trusted days, per unit and term, in the window's scope. */
function tallied(m: EntityManager, w: Window, days: string[]): Part {
  return scoped(
    m
      .createQueryBuilder()
      .select('t.category_id', 'category')
      .addSelect('t.lead_department_id', 'department')
      .addSelect('t.term', 'term')
      .addSelect('SUM(t.petitions)', 'n')
      .addSelect('SUM(t.named)', 'named')
      .from('term_tallies', 't')
      .where('t.day IN (:...days)', { days }),
    w,
    't',
  )
    .groupBy('t.category_id')
    .addGroupBy('t.lead_department_id')
    .addGroupBy('t.term')
    .getQueryAndParameters();
}

/**
 * The same counted from the term rows of the petitions filed in `spans` (the days with no
 * trusted tally: today, a day changed since it was tallied), in the window's scope.
 */
function counted(m: EntityManager, w: Window, spans: { from: Date; to: Date }[]): Part {
  const filed = new Brackets((q) => {
    spans.forEach((span, i) =>
      q.orWhere(`p.filed_at >= :from${i} AND p.filed_at < :to${i}`, {
        [`from${i}`]: span.from,
        [`to${i}`]: span.to,
      }),
    );
  });
  return scoped(
    m
      .createQueryBuilder()
      .select('p.category_id', 'category')
      .addSelect('p.lead_department_id', 'department')
      .addSelect('t.term', 'term')
      .addSelect('COUNT(*)', 'n')
      .addSelect("SUM(CASE WHEN p.mode = 'named' THEN 1 ELSE 0 END)", 'named')
      .from('petition_terms', 't')
      .innerJoin('petitions', 'p', 'p.id = t.petition_id')
      .where(filed),
    w,
    'p',
  )
    .groupBy('p.category_id')
    .addGroupBy('p.lead_department_id')
    .addGroupBy('t.term')
    .getQueryAndParameters();
}

/** The parts of the window no trusted day covers. */
function uncovered(w: Window, days: TermTallyDay[]): { from: Date; to: Date }[] {
  const spans: { from: Date; to: Date }[] = [];
  let at = w.from;
  for (const day of days) {
    if (day.fromAt > at) spans.push({ from: at, to: day.fromAt });
    if (day.toAt > at) at = day.toAt;
  }
  if (at < w.to) spans.push({ from: at, to: w.to });
  return spans;
}

/**
 * Each unit's terms shared by at least `minimum` of the window's petitions, added up in SQL from
 * the tallies of the window's finished days (kept by the daily tally job) and, for the days with
 * none to trust, from their term rows: the same figures as counting every term row of the window.
 */
export async function sharedTerms(m: EntityManager, w: Window, minimum: number): Promise<Tally[]> {
  const days = await trustedDays(m, w);
  const spans = uncovered(w, days);
  const parts: Part[] = [];
  const tallies = days.map((d) => d.day);
  if (tallies.length > 0) parts.push(tallied(m, w, tallies));
  if (spans.length > 0) parts.push(counted(m, w, spans));
  if (parts.length === 0) return [];
  const rows = (await m.query(
    `SELECT category, department, term, SUM(n) AS n, SUM(named) AS named FROM (${parts
      // A UNION matches columns by place, and the query builder orders them its own way.
      .map(([sql], i) => `SELECT category, department, term, n, named FROM (${sql}) part${i}`)
      .join(' UNION ALL ')}) u GROUP BY category, department, term HAVING SUM(n) >= ?`,
    [...parts.flatMap(([, parameters]) => parameters), minimum],
  )) as Record<keyof Tally, unknown>[];
  return rows.map((r) => ({
    category: String(r.category),
    department: String(r.department),
    term: String(r.term),
    n: Number(r.n),
    named: Number(r.named),
  }));
}

/**
 * R19 hot topics and early warnings, without a language model and without reading the period's
 * texts, from the window's term tally (`sharedTerms`): for each unit (lead department and
 * category), the ten terms most of its petitions of the window share are its topic; its size is
 * how many petitions share each of the first `alike` of them (the organisation's `similarMatter`,
 * 0.3 of ten by default, so three): the same wording, not one common word. Only named petitions
 * lend the words a channel post shows: a confidential or anonymous one could be recognised by its
 * wording (R6).
 */
export async function clusters(
  m: EntityManager,
  w: Window,
  minimum: number,
  alike: number,
): Promise<Cluster[]> {
  const units = new Map<string, Tally[]>();
  for (const tally of await sharedTerms(m, w, minimum)) {
    const key = `${tally.department}\u0000${tally.category}`;
    const unit = units.get(key) ?? [];
    unit.push(tally);
    units.set(key, unit);
  }
  const topics = [...units.values()].map((tallies) => {
    const top = tallies
      .sort((a, b) => b.n - a.n || a.term.localeCompare(b.term))
      .slice(0, topicTerms);
    const { category, department } = top[0];
    const need = Math.max(1, Math.ceil(alike * topicTerms));
    const size = top.length < need ? 0 : top[need - 1].n;
    const keywords = top
      .filter((t) => t.named > 0)
      .sort((a, b) => b.named - a.named || a.term.localeCompare(b.term))
      .slice(0, 3)
      .map((t) => t.term);
    return { department, category, size, keywords };
  });
  return topics
    .filter((topic) => topic.size >= minimum)
    .sort(
      (a, b) =>
        b.size - a.size ||
        a.department.localeCompare(b.department) ||
        a.category.localeCompare(b.category),
    );
}
