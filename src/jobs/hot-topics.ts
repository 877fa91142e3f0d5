import type { EntityManager } from 'typeorm';
import type { Cluster } from '../domain/figures';
import { bigrams, jaccard } from '../domain/similarity';
import type { Window } from './statistics';

/**
 * R19 hot topics and early warnings: petitions of one window grouped by unit (lead department
 * and category) and then by similar wording, without a language model. Reads the window's new
 * petitions only.
 */
export async function clusters(
  m: EntityManager,
  w: Window,
  minimum: number,
  alike: number,
): Promise<Cluster[]> {
  const query = m
    .createQueryBuilder()
    .select([
      'p.category_id AS category',
      'p.lead_department_id AS department',
      'p.mode AS mode',
      // The opening of the text says what the matter is, and keeps memory flat on a busy week.
      'SUBSTR(p.content, 1, 200) AS content',
    ])
    .from('petitions', 'p')
    .where('p.filed_at >= :from AND p.filed_at < :to', w)
    // The first petition of a group stands for it: the same one on every database and every run.
    .orderBy('p.filed_at')
    .addOrderBy('p.id');
  if (w.departments) {
    query.andWhere('p.lead_department_id IN (:...departments)', {
      departments: w.departments.length > 0 ? w.departments : ['-'],
    });
  }
  const rows: { category: string; department: string; mode: string; content: string }[] =
    await query.getRawMany();
  interface Group {
    department: string;
    category: string;
    /** The first petition's bigrams: the others are compared with it. */
    representative: Set<string>;
    size: number;
    /** How often each bigram occurs in the group's named petitions. */
    tally: Map<string, number>;
  }
  const groups: Group[] = [];
  const byUnit = new Map<string, Group[]>();
  for (const row of rows) {
    const grams = bigrams(row.content);
    const unit = `${row.department}/${row.category}`;
    const candidates = byUnit.get(unit) ?? [];
    byUnit.set(unit, candidates);
    let group = candidates.find((g) => jaccard(g.representative, grams) >= alike);
    if (!group) {
      group = {
        department: row.department,
        category: row.category,
        representative: grams,
        size: 0,
        tally: new Map(),
      };
      candidates.push(group);
      groups.push(group);
    }
    group.size++;
    // Only named petitions lend words to a channel post: a confidential or anonymous one could
    // be recognised by its wording (R6).
    if (row.mode === 'named') {
      for (const g of grams) group.tally.set(g, (group.tally.get(g) ?? 0) + 1);
    }
  }
  return groups
    .filter((g) => g.size >= minimum)
    .sort((a, b) => b.size - a.size)
    .map((g) => ({
      department: g.department,
      category: g.category,
      size: g.size,
      keywords: commonest(g.tally, 3),
    }));
}

function commonest(tally: Map<string, number>, count: number): string[] {
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([g]) => g);
}
