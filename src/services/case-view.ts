import type { EntityManager } from 'typeorm';
import type { CaseView } from '../domain/permissions';
import { Refusal } from '../domain/refusal';
import {
  DisclosureEntity,
  PetitionCoDepartmentEntity,
  PetitionEntity,
  PetitionPartyEntity,
} from '../store/entities';

/** Loads one petition with what the rules need; `lock` holds its row until the transaction ends. */
export async function loadCase(m: EntityManager, number: string, lock: boolean): Promise<CaseView> {
  const query = m
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.number = :number', { number: number.trim().toUpperCase() });
  if (lock) query.setLock('pessimistic_write');
  const petition = await query.getOne();
  if (!petition) throw new Refusal('refusal.not_found', { number });
  return caseOf(m, petition);
}

export async function caseOf(m: EntityManager, petition: CaseView['petition']): Promise<CaseView> {
  const [party, co, granted] = await Promise.all([
    m.findOneByOrFail(PetitionPartyEntity, { petitionId: petition.id }),
    m.findBy(PetitionCoDepartmentEntity, { petitionId: petition.id }),
    m.findBy(DisclosureEntity, { petitionId: petition.id, state: 'granted' }),
  ]);
  return {
    petition,
    party,
    coDepartments: co.map((c) => c.departmentId),
    disclosedTo: granted.map((d) => d.requestedBy),
  };
}
