import { EntitySchema } from 'typeorm';
import type {
  CustodyRecord,
  Destruction,
  Disclosure,
  Petition,
  PetitionCoDepartment,
  PetitionEvent,
  PetitionParty,
} from '../../domain/petition';
import { col } from './columns';

export const PetitionEntity = new EntitySchema<Petition>({
  name: 'Petition',
  tableName: 'petitions',
  columns: {
    id: col.serial,
    number: col.text('number'),
    categoryId: col.text('category_id'),
    leadDepartmentId: col.text('lead_department_id'),
    mode: col.text('mode'),
    state: col.text('state'),
    content: col.longText('content'),
    peopleConcerned: col.int('people_concerned'),
    repeats: col.int('repeats'),
    ownerId: col.int('owner_id', true),
    leaderId: col.int('leader_id', true),
    major: col.flag('major'),
    resolvedAtTeam: col.flag('resolved_at_team'),
    policyId: col.int('policy_id', true),
    rating: col.text('rating', true),
    filedAt: col.instant('filed_at'),
    updatedAt: col.instant('updated_at'),
    closedAt: col.instant('closed_at', true),
    paperCopy: col.text('paper_copy', true),
    legalHold: col.flag('legal_hold'),
    archivedAt: col.instant('archived_at', true),
    version: col.int('version'),
  },
});

export const DestructionEntity = new EntitySchema<Destruction>({
  name: 'Destruction',
  tableName: 'destructions',
  columns: {
    petitionId: { ...col.int('petition_id'), primary: true },
    number: col.text('number'),
    destroyedAt: col.instant('destroyed_at'),
    events: col.int('events'),
    auditHead: col.text('audit_head'),
    caseDigest: col.text('case_digest', true),
  },
});

export const PetitionPartyEntity = new EntitySchema<PetitionParty>({
  name: 'PetitionParty',
  tableName: 'petition_parties',
  columns: {
    petitionId: { ...col.int('petition_id'), primary: true },
    petitionerId: col.int('petitioner_id', true),
    petitionerName: col.text('petitioner_name', true),
    filedById: col.int('filed_by_id', true),
    contact: col.text('contact', true),
  },
});

export const PetitionCoDepartmentEntity = new EntitySchema<PetitionCoDepartment>({
  name: 'PetitionCoDepartment',
  tableName: 'petition_co_departments',
  columns: {
    petitionId: { ...col.int('petition_id'), primary: true },
    departmentId: { ...col.text('department_id'), primary: true },
  },
});

export const PetitionEventEntity = new EntitySchema<PetitionEvent>({
  name: 'PetitionEvent',
  tableName: 'petition_events',
  columns: {
    id: col.serial,
    petitionId: col.int('petition_id'),
    seq: col.int('seq'),
    type: col.text('type'),
    actorId: col.int('actor_id', true),
    actorRelay: col.text('actor_relay', true),
    at: col.instant('at'),
    reason: col.longText('reason', true),
    data: col.longText('data'),
    prevHash: col.text('prev_hash'),
    hash: col.text('hash'),
    chainVersion: col.int('chain_version'),
    caseDigest: col.text('case_digest', true),
  },
});

export const DisclosureEntity = new EntitySchema<Disclosure>({
  name: 'Disclosure',
  tableName: 'disclosures',
  columns: {
    id: col.serial,
    petitionId: col.int('petition_id'),
    requestedBy: col.int('requested_by'),
    reason: col.longText('reason'),
    state: col.text('state'),
    requestedAt: col.instant('requested_at'),
    decidedBy: col.int('decided_by', true),
    decidedAt: col.instant('decided_at', true),
  },
});

export const CustodyEntity = new EntitySchema<CustodyRecord>({
  name: 'Custody',
  tableName: 'custody',
  columns: {
    petitionId: { ...col.int('petition_id'), primary: true },
    petitionerRelay: col.text('petitioner_relay', true),
    filerRelay: col.text('filer_relay', true),
    petitionerHash: col.text('petitioner_hash', true),
    filerHash: col.text('filer_hash', true),
    sealed: col.longText('sealed'),
  },
});
