import { Brackets } from 'typeorm';
import type { Mode, PartyRole } from '../domain/petition';
import { keptInCustody } from '../store/custody';
import type { Core } from './core';
import { amongIds, type IdLookups } from './id-lookups';

const columns: Record<PartyRole, { open: string; kept: string }> = {
  petitioner: { open: 'petitioner_id', kept: 'petitioner_hash' },
  filer: { open: 'filed_by_id', kept: 'filer_hash' },
};

/**
 * R6, R13, R16: the lookups of the cases of the given modes a person is on (as petitioner, or as
 * the liaison who filed them), one a role and a table: one in the open by its party row (a named
 * case, or one filed before custody), one in custody by keyed hash. Each mode hashes apart, so a
 * person's anonymous cases turn up only where anonymous ones are asked for.
 */
export function ownCaseLookups(
  core: Core,
  personId: number,
  modes: readonly Mode[],
  roles: readonly PartyRole[],
): IdLookups {
  const hashes = modes.filter(keptInCustody).map((mode) => core.store.custody.hash(mode, personId));
  const lookups = roles.flatMap((role) => [
    `SELECT petition_id AS id FROM petition_parties WHERE ${columns[role].open} = :ownPerson`,
    ...(hashes.length > 0
      ? [`SELECT petition_id FROM custody WHERE ${columns[role].kept} IN (:...ownHashes)`]
      : []),
  ]);
  return { lookups, params: { ownPerson: personId, ownHashes: hashes } };
}

/**
 * R6, R13, R16: a condition on petitions `p` for those of the given modes a person is on, by
 * `ownCaseLookups`: their ids read first, at every filing, never every petition.
 */
export function ownCases(
  core: Core,
  personId: number,
  modes: readonly Mode[],
  roles: readonly PartyRole[] = ['petitioner'],
): Brackets {
  return new Brackets((q) =>
    q
      .where('p.mode IN (:...ownModes)', { ownModes: modes })
      .andWhere(...amongIds('own', ownCaseLookups(core, personId, modes, roles))),
  );
}
