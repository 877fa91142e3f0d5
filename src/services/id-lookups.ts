import { Brackets, type EntityManager, type ObjectLiteral } from 'typeorm';

/** Statements each selecting petition ids by an index (the first names its column `id`). */
export interface IdLookups {
  lookups: string[];
  params: ObjectLiteral;
}

/**
 * At most how many ids `anyOf` reads first and binds into the statement; beyond them the
 * lookups stay a subquery (SQLite binds at most 32,766 values in all).
 */
export const idsBound = 2000;

/**
 * `p.id` among the ids of the lookups: one subquery over their union. As the only `IN` of a
 * statement's conditions the database reads those ids first and each petition by its key;
 * alternatives joined by OR, as a condition it cannot drive from, make it read every petition
 * instead. `name` keeps two such subqueries of one statement apart.
 */
export function amongIds(name: string, { lookups, params }: IdLookups): [string, ObjectLiteral] {
  return [`p.id IN (SELECT ${name}.id FROM (${lookups.join(' UNION ALL ')}) ${name})`, params];
}

/** The ids the lookups select, each once; at most `limit` of them. */
async function idsOf(m: EntityManager, { lookups, params }: IdLookups, limit: number) {
  const [sql, bound] = m.connection.driver.escapeQueryWithParameters(
    `SELECT found.id AS id FROM (${lookups.join(' UNION ')}) found LIMIT ${limit}`,
    params,
  );
  const rows = (await m.query(sql, bound)) as { id: number | string }[];
  return rows.map((r) => Number(r.id));
}

/**
 * Petitions `p` that meet any of `rules` (conditions on the row, each with an index of its own:
 * a department's cases, the board's states) or are among the ids of `lookups` (those in another
 * table or few: a person's own cases, those they own or lead, a co-department's). The lookups' ids are read first and bound as
 * they are, so that the database combines the rules' indexes and the keys, for a reader of a few
 * cases and of half the register alike: with a subquery among alternatives joined by OR it could
 * drive from none and read every petition, and a union of them all made it gather half a million
 * ids before it could cut a page. Past `idsBound` ids the lookups stay a subquery.
 */
export async function anyOf(
  m: EntityManager,
  name: string,
  rules: string[],
  ruleParams: ObjectLiteral,
  lookups: IdLookups,
): Promise<Brackets> {
  const ids = lookups.lookups.length > 0 ? await idsOf(m, lookups, idsBound + 1) : [];
  const alternatives: [string, ObjectLiteral][] = [];
  if (rules.length > 0) alternatives.push([`(${rules.join(' OR ')})`, ruleParams]);
  if (ids.length > idsBound) alternatives.push(amongIds(name, lookups));
  else if (ids.length > 0) alternatives.push([`p.id IN (:...${name}Ids)`, { [`${name}Ids`]: ids }]);
  if (alternatives.length === 0) alternatives.push(['1 = 0', {}]);
  return new Brackets((q) => {
    for (const [i, [condition, params]] of alternatives.entries()) {
      if (i === 0) q.where(condition, params);
      else q.orWhere(condition, params);
    }
  });
}
