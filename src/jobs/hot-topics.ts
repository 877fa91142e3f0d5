import type { EntityManager } from 'typeorm';
import { bigrams, jaccard } from '../domain/similarity';
import type { Window } from './statistics';

export interface Cluster {
  department: string;
  category: string;
  size: number;
  /** The bigrams most of the cluster shares: a hint of the topic, never anyone's identity. */
  keywords: string[];
}

/** Petitions this alike (bigram Jaccard) count as the same topic. */
const alike = 0.3;

/**
 * R19 hot topics and early warnings: petitions of one window grouped by unit (lead department
 * and category) and then by similar wording, without a language model. Reads the window's new
 * petitions only.
 */
export async function clusters(m: EntityManager, w: Window, minimum: number): Promise<Cluster[]> {
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
    .where('p.filed_at >= :from AND p.filed_at < :to', w);
  if (w.department) query.andWhere('p.lead_department_id = :department', w);
  const rows: { category: string; department: string; mode: string; content: string }[] =
    await query.getRawMany();
  const groups: {
    unit: string;
    members: Set<string>[];
    named: Set<string>[];
    first: (typeof rows)[number];
  }[] = [];
  for (const row of rows) {
    const grams = bigrams(row.content);
    const unit = `${row.department}/${row.category}`;
    let group = groups.find((g) => g.unit === unit && jaccard(g.members[0], grams) >= alike);
    if (!group) {
      group = { unit, members: [], named: [], first: row };
      groups.push(group);
    }
    group.members.push(grams);
    // Only named petitions lend words to a channel post: a confidential or anonymous one could
    // be recognised by its wording (R6).
    if (row.mode === 'named') group.named.push(grams);
  }
  return groups
    .filter((g) => g.members.length >= minimum)
    .sort((a, b) => b.members.length - a.members.length)
    .map((g) => ({
      department: g.first.department,
      category: g.first.category,
      size: g.members.length,
      keywords: commonest(g.named, 3),
    }));
}

function commonest(sets: Set<string>[], count: number): string[] {
  const tally = new Map<string, number>();
  for (const s of sets) for (const g of s) tally.set(g, (tally.get(g) ?? 0) + 1);
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([g]) => g);
}
