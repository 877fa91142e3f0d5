import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Cluster } from '../domain/figures';
import type { Window } from './statistics';

/** How many of a unit's most shared terms describe its topic. */
const topicTerms = 10;

interface Tally {
  category: string;
  department: string;
  term: string;
  /** The window's petitions of the unit with the term, and how many of them are named. */
  n: number;
  named: number;
}

/** The window's petitions joined to their terms (written at filing), in the window's scope. */
function windowTerms(m: EntityManager, w: Window): SelectQueryBuilder<object> {
  const query = m
    .createQueryBuilder()
    .from('petition_terms', 't')
    .innerJoin('petitions', 'p', 'p.id = t.petition_id')
    .where('p.filed_at >= :from AND p.filed_at < :to', w);
  if (w.departments) {
    query.andWhere('p.lead_department_id IN (:...departments)', {
      departments: w.departments.length > 0 ? w.departments : ['-'],
    });
  }
  return query;
}

/** Each unit's terms shared by at least `minimum` of the window's petitions, counted in SQL. */
async function sharedTerms(m: EntityManager, w: Window, minimum: number): Promise<Tally[]> {
  const rows: Record<keyof Tally, unknown>[] = await windowTerms(m, w)
    .select('p.category_id', 'category')
    .addSelect('p.lead_department_id', 'department')
    .addSelect('t.term', 'term')
    .addSelect('COUNT(*)', 'n')
    .addSelect("SUM(CASE WHEN p.mode = 'named' THEN 1 ELSE 0 END)", 'named')
    .groupBy('p.category_id')
    .addGroupBy('p.lead_department_id')
    .addGroupBy('t.term')
    .having('COUNT(*) >= :minimum', { minimum })
    .getRawMany();
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
 * texts, from one tally in SQL: for each unit (lead department and category), the ten terms most
 * of its petitions of the window share are its topic; its size is how many petitions share each
 * of the first `alike` of them (the organisation's `similarMatter`, 0.3 of ten by default, so
 * three): the same wording, not one common word. Only named petitions lend the words a channel
 * post shows: a confidential or anonymous one could be recognised by its wording (R6).
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
