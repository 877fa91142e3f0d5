import { In, type EntityManager, type EntitySchema } from 'typeorm';
import { caseDigest, type CaseRows } from '../domain/audit-chain';
import type { Attachment } from '../domain/attachment';
import type { CustodyRecord, Petition, PetitionParty } from '../domain/petition';
import {
  AttachmentEntity,
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

/** Everything a case's digest covers beside the petition and its party. */
export interface CaseParts {
  coDepartments: string[];
  custody: CustodyRecord | null;
  /** R30: the files kept with the case, in the order they were attached. */
  attachments: Attachment[];
}

export function caseRowsOf(
  m: EntityManager,
  petition: Petition,
  party: PetitionParty | null,
  parts: CaseParts,
): CaseRows {
  return {
    petition: byColumn(m, PetitionEntity, petition),
    party: party && byColumn(m, PetitionPartyEntity, party),
    coDepartments: parts.coDepartments,
    custody: parts.custody && byColumn(m, CustodyEntity, parts.custody),
    // The id is an attachment's key and so left out of byColumn; it names the file a reader opens.
    attachments: [...parts.attachments]
      .sort((a, b) => a.id - b.id)
      .map((a) => ({ id: a.id, ...byColumn(m, AttachmentEntity, a) })),
  };
}

/** The digest of a case as it will be stored, for the events of the step that leaves it so. */
export function digestOf(
  m: EntityManager,
  petition: Petition,
  party: PetitionParty | null,
  parts: CaseParts,
): string {
  return caseDigest(caseRowsOf(m, petition, party, parts));
}

/** R30: the files kept with a case, as its digest covers them (their bytes stay in the chunks). */
export function attachmentRowsOf(m: EntityManager, petitionId: number): Promise<Attachment[]> {
  return m.find(AttachmentEntity, { where: { petitionId }, order: { id: 'ASC' } });
}

/** Rows of several cases, grouped by case. */
function byCase<T extends { petitionId: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows)
    grouped.set(row.petitionId, [...(grouped.get(row.petitionId) ?? []), row]);
  return grouped;
}

/** The digests of many cases as they are stored now, in five queries. */
export async function storedDigests(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, string>> {
  if (petitionIds.length === 0) return new Map();
  const petitionId = In(petitionIds);
  const [petitions, parties, co, custody, attachments] = await Promise.all([
    m.findBy(PetitionEntity, { id: In(petitionIds) }),
    m.findBy(PetitionPartyEntity, { petitionId }),
    m.findBy(PetitionCoDepartmentEntity, { petitionId }),
    m.findBy(CustodyEntity, { petitionId }),
    m.findBy(AttachmentEntity, { petitionId }),
  ]);
  const custodyOf = new Map(custody.map((c) => [c.petitionId, c]));
  const partyOf = new Map(parties.map((p) => [p.petitionId, p]));
  const coOf = byCase(co);
  const filesOf = byCase(attachments);
  return new Map(
    petitions.map((p) => [
      p.id,
      digestOf(m, p, partyOf.get(p.id) ?? null, {
        coDepartments: (coOf.get(p.id) ?? []).map((c) => c.departmentId),
        custody: custodyOf.get(p.id) ?? null,
        attachments: filesOf.get(p.id) ?? [],
      }),
    ]),
  );
}
