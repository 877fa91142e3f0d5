import { In, type EntityManager } from 'typeorm';
import type { CaseView } from '../domain/permissions';
import { Refusal } from '../domain/refusal';
import {
  DisclosureEntity,
  PetitionCoDepartmentEntity,
  PetitionEntity,
  PetitionEventEntity,
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

/** Many petitions as the rules see them, in four queries however many there are. */
export async function caseViewsOf(
  m: EntityManager,
  petitions: CaseView['petition'][],
): Promise<CaseView[]> {
  if (petitions.length === 0) return [];
  const petitionId = In(petitions.map((p) => p.id));
  const [parties, co, granted, reviews] = await Promise.all([
    m.findBy(PetitionPartyEntity, { petitionId }),
    m.findBy(PetitionCoDepartmentEntity, { petitionId }),
    m.findBy(DisclosureEntity, { petitionId, state: 'granted' }),
    m.find(PetitionEventEntity, {
      select: { petitionId: true, actorId: true },
      where: { petitionId, type: 'reviewed' },
    }),
  ]);
  const partyOf = new Map(parties.map((p) => [p.petitionId, p]));
  const coOf = grouped(co.map((c) => [c.petitionId, c.departmentId]));
  const disclosedOf = grouped(granted.map((d) => [d.petitionId, d.requestedBy]));
  const reviewersOf = grouped(
    reviews.flatMap((e) => (e.actorId === null ? [] : [[e.petitionId, e.actorId]])),
  );
  return petitions.map((petition) => {
    const party = partyOf.get(petition.id);
    if (!party) throw new Error(`petition ${petition.number} has no party`);
    return {
      petition,
      party,
      coDepartments: coOf.get(petition.id) ?? [],
      disclosedTo: disclosedOf.get(petition.id) ?? [],
      reviewers: reviewersOf.get(petition.id) ?? [],
    };
  });
}

function grouped<T>(pairs: [number, T][]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const [key, value] of pairs) groups.set(key, [...(groups.get(key) ?? []), value]);
  return groups;
}
