import { In, type EntityManager } from 'typeorm';
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
  const [view] = await caseViewsOf(m, [petition]);
  return view;
}

/** Many petitions with what the rules need, in three queries whatever their number. */
export async function caseViewsOf(
  m: EntityManager,
  petitions: CaseView['petition'][],
): Promise<CaseView[]> {
  if (petitions.length === 0) return [];
  const ids = petitions.map((p) => p.id);
  const [parties, co, granted] = await Promise.all([
    m.findBy(PetitionPartyEntity, { petitionId: In(ids) }),
    m.findBy(PetitionCoDepartmentEntity, { petitionId: In(ids) }),
    m.findBy(DisclosureEntity, { petitionId: In(ids), state: 'granted' }),
  ]);
  const partyOf = new Map(parties.map((p) => [p.petitionId, p]));
  return petitions.map((petition) => {
    const party = partyOf.get(petition.id);
    // Filing writes the party with the petition, in one transaction.
    if (!party) throw new Error(`petition ${petition.number} has no party`);
    return {
      petition,
      party,
      coDepartments: co.filter((c) => c.petitionId === petition.id).map((c) => c.departmentId),
      disclosedTo: granted.filter((d) => d.petitionId === petition.id).map((d) => d.requestedBy),
    };
  });
}
