import { Brackets } from 'typeorm';
import type { Mode, PartyRole } from '../domain/petition';
import { keptInCustody } from '../store/custody';
import type { Core } from './core';

const columns: Record<PartyRole, { open: string; kept: string }> = {
  petitioner: { open: 'petitioner_id', kept: 'petitioner_hash' },
  filer: { open: 'filed_by_id', kept: 'filer_hash' },
};

/**
 * R6, R13, R16: a condition on petitions `p` for those of the given modes a person is on (as
 * petitioner, or as the liaison who filed them): one in the open by its party row (a named case,
 * or one filed before custody), one in custody by keyed hash. Each mode hashes apart, so a
 * person's anonymous cases turn up only where anonymous ones are asked for.
 *
 * The person's case ids are one subquery over a union of index lookups, one a role and a table:
 * as the only `IN` of a statement's conditions the database reads those few ids first and each
 * petition by its key. Two `IN`s joined by OR, as a condition it cannot drive from, made it read
 * every petition instead, at every filing.
 */
export function ownCases(
  core: Core,
  personId: number,
  modes: readonly Mode[],
  roles: readonly PartyRole[] = ['petitioner'],
): Brackets {
  const hashes = modes.filter(keptInCustody).map((mode) => core.store.custody.hash(mode, personId));
  const lookups = roles.flatMap((role) => [
    `SELECT petition_id AS id FROM petition_parties WHERE ${columns[role].open} = :ownPerson`,
    ...(hashes.length > 0
      ? [`SELECT petition_id FROM custody WHERE ${columns[role].kept} IN (:...ownHashes)`]
      : []),
  ]);
  return new Brackets((q) =>
    q
      .where('p.mode IN (:...ownModes)', { ownModes: modes })
      .andWhere(`p.id IN (SELECT own.id FROM (${lookups.join(' UNION ALL ')}) own)`, {
        ownPerson: personId,
        ownHashes: hashes,
      }),
  );
}
