import type { EntityManager } from 'typeorm';
import type { Mode, PartyRole } from '../domain/petition';
import { casesOfPerson, keptInCustody } from '../store/custody';
import type { Core } from './core';

/**
 * R6, R13, R16: the petitions of the given modes a person is on (as petitioner, or as the liaison
 * who filed them): one in the open by its party row (a named case, or one filed before custody),
 * one in custody by keyed hash. Each mode hashes apart, so a person's anonymous cases turn up only
 * where anonymous ones are asked for.
 */
export async function ownPetitionIds(
  core: Core,
  m: EntityManager,
  personId: number,
  modes: Mode[],
  role: PartyRole = 'petitioner',
): Promise<number[]> {
  const column = role === 'petitioner' ? 'x.petitioner_id' : 'x.filed_by_id';
  const open = await m
    .createQueryBuilder()
    .select('x.petition_id', 'id')
    .from('petition_parties', 'x')
    .innerJoin('petitions', 'p', 'p.id = x.petition_id')
    .where(`${column} = :personId AND p.mode IN (:...modes)`, { personId, modes })
    .getRawMany<{ id: number }>();
  const kept = await Promise.all(
    modes
      .filter(keptInCustody)
      .map((mode) => casesOfPerson(m, core.store.custody, mode, personId, role)),
  );
  return [...open.map((r) => Number(r.id)), ...kept.flat()];
}
