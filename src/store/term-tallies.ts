import { LessThan, type EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import type { Petition } from '../domain/petition';
import {
  TermTallyChangeEntity,
  TermTallyDayEntity,
  TermTallyEntity,
  type TermTallyDay,
} from './entities';
import type { Store } from './store';

/** One local day as instants: its start, and the next day's start. */
export interface DaySpan {
  day: LocalDate;
  from: Date;
  to: Date;
}

/** Local days and the instants they span, the first to the day before `end`. */
export interface DayRange {
  first: LocalDate;
  end: LocalDate;
  from: Date;
  to: Date;
}

/** Rows per insert: under both databases' limits on bound parameters. */
const chunk = 500;

/** What a petition's terms are tallied under; its destruction takes its terms away. */
const talliedBy = (p: Petition) => [
  p.content,
  p.categoryId,
  p.leadDepartmentId,
  p.mode,
  p.state === 'destroyed',
];

/**
 * R19: a step that changes what a petition is tallied by records so in its own transaction, under
 * the petition's filing instant, and the tally of the day it was filed is trusted no more. A
 * filing needs no record: the day's count of petitions tells a late one.
 */
export async function noteTallyChange(
  m: EntityManager,
  before: Petition,
  after: Petition,
): Promise<void> {
  const was = talliedBy(before);
  if (talliedBy(after).every((value, i) => value === was[i])) return;
  await m.insert(TermTallyChangeEntity, { petitionId: before.id, filedAt: before.filedAt });
}

/** `aggregate` over the rows of `table` filed within the span. */
async function filedWithin(m: EntityManager, span: DaySpan, table: string, aggregate: string) {
  const row = await m
    .createQueryBuilder()
    .select(aggregate, 'n')
    .from(table, 'x')
    .where('x.filed_at >= :from AND x.filed_at < :to', span)
    .getRawOne<{ n: unknown }>();
  return Number(row?.n ?? 0);
}

/**
 * The day's petitions and the changes to them: what a tally is trusted by. Counted, not the last
 * change's id: ids are handed out before commit, so a change committed after the tally may carry
 * a smaller id than one it saw; a count only grows (changes go only with their day's tally).
 */
async function basisOf(m: EntityManager, span: DaySpan) {
  return {
    petitions: await filedWithin(m, span, 'petitions', 'COUNT(x.id)'),
    changes: await filedWithin(m, span, 'term_tally_changes', 'COUNT(x.id)'),
  };
}

/**
 * Tallies one day anew from its petitions' terms, in one transaction; what is read of the day is
 * that day's alone, so memory stays a day's distinct terms per unit whatever the history.
 */
export async function tallyDay(store: Store, span: DaySpan, now: Date): Promise<void> {
  await store.transaction(async (m) => {
    // Read before the tally: a change committed in between leaves the basis older than the
    // tally, which a reader then distrusts; never a tally older than its basis.
    const basis = await basisOf(m, span);
    const rows: Record<
      'leadDepartmentId' | 'categoryId' | 'term' | 'petitions' | 'named',
      unknown
    >[] = await m
      .createQueryBuilder()
      .select('p.lead_department_id', 'leadDepartmentId')
      .addSelect('p.category_id', 'categoryId')
      .addSelect('t.term', 'term')
      .addSelect('COUNT(*)', 'petitions')
      .addSelect("SUM(CASE WHEN p.mode = 'named' THEN 1 ELSE 0 END)", 'named')
      .from('petition_terms', 't')
      .innerJoin('petitions', 'p', 'p.id = t.petition_id')
      .where('p.filed_at >= :from AND p.filed_at < :to', span)
      .groupBy('p.lead_department_id')
      .addGroupBy('p.category_id')
      .addGroupBy('t.term')
      .getRawMany();
    await m.delete(TermTallyEntity, { day: span.day });
    for (let i = 0; i < rows.length; i += chunk) {
      await m.insert(
        TermTallyEntity,
        rows.slice(i, i + chunk).map((r) => ({
          day: span.day,
          leadDepartmentId: String(r.leadDepartmentId),
          categoryId: String(r.categoryId),
          term: String(r.term),
          petitions: Number(r.petitions),
          named: Number(r.named),
        })),
      );
    }
    await m.save(TermTallyDayEntity, {
      day: span.day,
      fromAt: span.from,
      toAt: span.to,
      ...basis,
      talliedAt: now,
    });
  });
}

/** The range's tallied days, by local day. */
function stampsIn(m: EntityManager, range: DayRange) {
  return m
    .createQueryBuilder()
    .from('term_tally_days', 's')
    .where('s.day >= :first AND s.day < :end', range)
    .andWhere('s.from_at >= :from AND s.to_at <= :to', range);
}

/**
 * Per tallied day of the range, `aggregate` over the rows of `table` filed that day: one join
 * (the database ranges over the filing instants' index for each day) instead of a subquery per
 * day, which MariaDB answers by scanning the whole index each time.
 */
async function perDay(
  m: EntityManager,
  range: DayRange,
  table: string,
  aggregate: string,
): Promise<Map<string, number>> {
  const rows: { day: string; n: unknown }[] = await stampsIn(m, range)
    .select('s.day', 'day')
    .addSelect(aggregate, 'n')
    .innerJoin(table, 'x', 'x.filed_at >= s.from_at AND x.filed_at < s.to_at')
    .groupBy('s.day')
    .getRawMany();
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/**
 * The days inside `range` whose tally still holds: with as many petitions filed in its instants
 * as then, no change to them since, and no overlap with an earlier one. In day order.
 */
export async function trustedDays(m: EntityManager, range: DayRange): Promise<TermTallyDay[]> {
  const stamps = await m
    .getRepository(TermTallyDayEntity)
    .createQueryBuilder('s')
    .where('s.day >= :first AND s.day < :end', range)
    .andWhere('s.from_at >= :from AND s.to_at <= :to', range)
    .orderBy('s.day')
    .getMany();
  if (stamps.length === 0) return [];
  const filed = await perDay(m, range, 'petitions', 'COUNT(x.id)');
  const changed = await perDay(m, range, 'term_tally_changes', 'COUNT(x.id)');
  // Days tallied in another time zone can overlap their neighbours: only the first of two
  // overlapping is added up, and the rest of the other is counted from its term rows.
  let until = range.from;
  return stamps.filter((s) => {
    const holds =
      s.fromAt >= until &&
      s.petitions === (filed.get(s.day) ?? 0) &&
      s.changes === (changed.get(s.day) ?? 0);
    if (holds) until = s.toAt;
    return holds;
  });
}

/** After the terms were written anew (another format), no day's tally is trusted. */
export async function distrustTallies(m: EntityManager): Promise<void> {
  await m.createQueryBuilder().delete().from(TermTallyDayEntity).execute();
}

/** The tallies of the days before `first` (starting at `from`) go, with their changes. */
export async function forgetTalliesBefore(
  store: Store,
  first: LocalDate,
  from: Date,
): Promise<void> {
  await store.transaction(async (m) => {
    await m.delete(TermTallyEntity, { day: LessThan(first) });
    await m.delete(TermTallyDayEntity, { day: LessThan(first) });
    await m.delete(TermTallyChangeEntity, { filedAt: LessThan(from) });
  });
}
