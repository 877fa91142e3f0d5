import { Brackets } from 'typeorm';
import type { Mode, PartyRole } from '../domain/petition';
import { keptInCustody } from '../store/custody';
import type { Core } from './core';

const columns: Record<PartyRole, { open: string; kept: string }> = {
  petitioner: { open: 'x.petitioner_id', kept: 'c.petitioner_hash' },
  filer: { open: 'x.filed_by_id', kept: 'c.filer_hash' },
};

/**
 * R6, R13, R16: a condition on petitions `p` for those of the given modes a person is on (as
 * petitioner, or as the liaison who filed them): one in the open by its party row (a named case,
 * or one filed before custody), one in custody by keyed hash. Each mode hashes apart, so a
 * person's anonymous cases turn up only where anonymous ones are asked for.
 */
export function ownCases(
  core: Core,
  personId: number,
  modes: readonly Mode[],
  roles: readonly PartyRole[] = ['petitioner'],
): Brackets {
  const kept = modes.filter(keptInCustody);
  const hashes = kept.map((mode) => core.store.custody.hash(mode, personId));
  const open = roles.map((r) => `${columns[r].open} = :ownPerson`).join(' OR ');
  const sealed = roles.map((r) => `${columns[r].kept} IN (:...ownHashes)`).join(' OR ');
  return new Brackets((q) => {
    q.where('p.mode IN (:...ownModes)', { ownModes: modes }).andWhere(
      new Brackets((either) => {
        either.where(`p.id IN (SELECT x.petition_id FROM petition_parties x WHERE ${open})`, {
          ownPerson: personId,
        });
        if (hashes.length > 0) {
          either.orWhere(`p.id IN (SELECT c.petition_id FROM custody c WHERE ${sealed})`, {
            ownHashes: hashes,
          });
        }
      }),
    );
  });
}
