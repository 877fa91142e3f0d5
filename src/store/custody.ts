import { randomBytes } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { ConfigError } from '../config/config-error';
import { count, orNull, parsed, record, text, type Shape } from '../domain/json-shape';
import type {
  CustodyRecord,
  Mode,
  PartyRole,
  PetitionParty,
  SealedParties,
} from '../domain/petition';
import { CustodyEntity } from './entities';
import { CustodyLocked, type IdentityKey } from './identity-key';

/**
 * R6: the people behind anonymous and confidential cases, in custody. A case in custody keeps an
 * empty petition_parties row; its events and notices name relay ids, which only this module turns
 * back into people, for the purposes R6 allows (a notice's delivery, a permitted reader's view).
 */

/** Named cases keep their parties in the open; the other modes keep them here. */
export function keptInCustody(mode: Mode): boolean {
  return mode !== 'named';
}

/** A party's stand-in: random, so it says nothing about the person or the case. */
function newRelayId(): string {
  return `r_${randomBytes(15).toString('base64url')}`;
}

export type Party = Omit<PetitionParty, 'petitionId'>;

const partyShape: Shape<Party> = {
  petitionerId: orNull(count),
  petitionerName: orNull(text),
  filedById: orNull(count),
  contact: orNull(text),
};

/** The party row a case in custody leaves in petition_parties: nothing that names anyone. */
export const nobody: Party = {
  petitionerId: null,
  petitionerName: null,
  filedById: null,
  contact: null,
};

/**
 * Seals a new case's parties and gives each person on its side a relay id; the record as stored,
 * for the case's digest (R24), and what the rules may know of it.
 */
export async function placeInCustody(
  m: EntityManager,
  key: IdentityKey,
  petitionId: number,
  mode: Mode,
  party: Party,
): Promise<{ record: CustodyRecord; sealed: SealedParties }> {
  const row: CustodyRecord = {
    petitionId,
    petitionerRelay: party.petitionerId === null ? null : newRelayId(),
    filerRelay: party.filedById === null ? null : newRelayId(),
    petitionerHash: party.petitionerId === null ? null : key.hash(mode, party.petitionerId),
    filerHash: party.filedById === null ? null : key.hash(mode, party.filedById),
    sealed: key.seal(petitionId, JSON.stringify(party)),
  };
  await m.insert(CustodyEntity, row);
  return { record: row, sealed: sealedParties(key, row, mode) };
}

/** What the rules may know of a case in custody without opening it. */
export function sealedParties(key: IdentityKey, row: CustodyRecord, mode: Mode): SealedParties {
  return {
    relays: { petitioner: row.petitionerRelay, filer: row.filerRelay },
    roleOf: (personId) =>
      key.matches(row.petitionerHash, mode, personId)
        ? 'petitioner'
        : key.matches(row.filerHash, mode, personId)
          ? 'filer'
          : null,
  };
}

export async function custodyRecordsOf(
  m: EntityManager,
  petitionIds: number[],
): Promise<Map<number, CustodyRecord>> {
  if (petitionIds.length === 0) return new Map();
  const rows = await m.findBy(CustodyEntity, { petitionId: In(petitionIds) });
  return new Map(rows.map((r) => [r.petitionId, r]));
}

/** Opens a case's parties: only for what R6 allows, and never to be stored or logged. */
export function openParty(key: IdentityKey, row: CustodyRecord): Party {
  const name = `custody of petition ${row.petitionId}`;
  return record(partyShape)(parsed(key.open(row.petitionId, row.sealed), name), name);
}

/** The person a relay id stands for, to deliver a notice to them; null once the case is gone. */
export async function personBehind(
  m: EntityManager,
  key: IdentityKey,
  relayId: string,
): Promise<number | null> {
  const row = await m.findOne(CustodyEntity, {
    where: [{ petitionerRelay: relayId }, { filerRelay: relayId }],
  });
  if (!row) return null;
  const party = openParty(key, row);
  const role: PartyRole = row.petitionerRelay === relayId ? 'petitioner' : 'filer';
  return role === 'petitioner' ? party.petitionerId : party.filedById;
}

/**
 * Start-up: a key that cannot open the newest identity in custody is another key than the one
 * they were sealed under; nothing is filed under it, and the operator is told which variable.
 */
export async function refuseForeignKey(m: EntityManager, key: IdentityKey): Promise<void> {
  const [newest] = await m.find(CustodyEntity, { order: { petitionId: 'DESC' }, take: 1 });
  if (!newest) return;
  try {
    openParty(key, newest);
  } catch (e) {
    if (!(e instanceof CustodyLocked)) throw e;
    throw new ConfigError([
      'IDENTITY_KEY does not open the identities in custody: it is not the key they were sealed under',
    ]);
  }
}
