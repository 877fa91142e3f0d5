import { In, type EntityManager, type EntitySchema } from 'typeorm';
import { caseDigest, type CaseRows } from '../domain/audit-chain';
import type { CustodyRecord, Petition, PetitionParty } from '../domain/petition';
import {
  CustodyEntity,
  PetitionCoDepartmentEntity,
  PetitionEntity,
  PetitionPartyEntity,
} from './entities';

/**
 * R24: a case's own rows keyed by column, from every column its entities map but the keys: what
 * is stored, whatever it is, so a column added to the petition or its party is covered without
 * a change here.
 */
function byColumn<T extends object>(
  m: EntityManager,
  entity: EntitySchema<T>,
  row: T,
): Record<string, unknown> {
  const columns = m.connection.getMetadata(entity).columns.filter((c) => !c.isPrimary);
  return Object.fromEntries(
    columns.map((c) => [c.databaseName, (row as Record<string, unknown>)[c.propertyName]]),
  );
}

export function caseRowsOf(
  m: EntityManager,
  petition: Petition,
  party: PetitionParty | null,
  coDepartments: string[],
  custody: CustodyRecord | null = null,
): CaseRows {
  return {
    petition: byColumn(m, PetitionEntity, petition),
    party: party && byColumn(m, PetitionPartyEntity, party),
    coDepartments,
    custody: custody && byColumn(m, CustodyEntity, custody),
  };
}

/** The digest of a case as it will be stored, for the events of the step that leaves it so. */
export function digestOf(
  m: EntityManager,
  petition: Petition,
  party: PetitionParty | null,
  coDepartments: string[],
  custody: CustodyRecord | null,
): string {
  return caseDigest(caseRowsOf(m, petition, party, coDepartments, custody));
}

/** The digests of many cases as they are stored now, in four queries. */
export async function storedDigests(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, string>> {
  if (petitionIds.length === 0) return new Map();
  const petitionId = In(petitionIds);
  const [petitions, parties, co, custody] = await Promise.all([
    m.findBy(PetitionEntity, { id: In(petitionIds) }),
    m.findBy(PetitionPartyEntity, { petitionId }),
    m.findBy(PetitionCoDepartmentEntity, { petitionId }),
    m.findBy(CustodyEntity, { petitionId }),
  ]);
  const custodyOf = new Map(custody.map((c) => [c.petitionId, c]));
  const partyOf = new Map(parties.map((p) => [p.petitionId, p]));
  const coOf = new Map<number, string[]>();
  for (const c of co) coOf.set(c.petitionId, [...(coOf.get(c.petitionId) ?? []), c.departmentId]);
  return new Map(
    petitions.map((p) => [
      p.id,
      digestOf(m, p, partyOf.get(p.id) ?? null, coOf.get(p.id) ?? [], custodyOf.get(p.id) ?? null),
    ]),
  );
}
