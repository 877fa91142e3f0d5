import { EntitySchema } from 'typeorm';
import type { Category, CategoryCoDepartment, Policy } from '../../domain/catalogue';
import type { PolicyEvent } from '../../domain/policy-chain';
import type { Department, Identity, Person, RoleAssignment } from '../../domain/people';
import { col } from './columns';

export const DepartmentEntity = new EntitySchema<Department>({
  name: 'Department',
  tableName: 'departments',
  columns: {
    id: { ...col.text('id'), primary: true },
    nameZh: col.text('name_zh'),
    nameEn: col.text('name_en'),
    slackChannel: col.text('slack_channel', true),
    larkChat: col.text('lark_chat', true),
    active: col.flag('active'),
  },
});

export const PersonEntity = new EntitySchema<Person>({
  name: 'Person',
  tableName: 'people',
  columns: {
    id: col.serial,
    orgKey: col.text('org_key'),
    name: col.text('name'),
    departmentId: col.text('department_id', true),
    locale: col.text('locale', true),
    active: col.flag('active'),
    leftAt: col.instant('left_at', true),
    createdAt: col.instant('created_at'),
  },
});

export const IdentityEntity = new EntitySchema<Identity>({
  name: 'Identity',
  tableName: 'identities',
  columns: {
    id: col.serial,
    personId: col.int('person_id'),
    kind: col.text('kind'),
    externalId: col.text('external_id'),
  },
});

export const RoleAssignmentEntity = new EntitySchema<RoleAssignment>({
  name: 'RoleAssignment',
  tableName: 'role_assignments',
  columns: {
    id: col.serial,
    personId: col.int('person_id'),
    role: col.text('role'),
    scope: col.text('scope'),
  },
});

export const CategoryEntity = new EntitySchema<Category>({
  name: 'Category',
  tableName: 'categories',
  columns: {
    id: { ...col.text('id'), primary: true },
    parentId: col.text('parent_id', true),
    nameZh: col.text('name_zh'),
    nameEn: col.text('name_en'),
    leadDepartmentId: col.text('lead_department_id', true),
    limitKind: col.text('limit_kind', true),
    sortOrder: col.int('sort_order'),
    active: col.flag('active'),
  },
});

export const CategoryCoDepartmentEntity = new EntitySchema<CategoryCoDepartment>({
  name: 'CategoryCoDepartment',
  tableName: 'category_co_departments',
  columns: {
    categoryId: { ...col.text('category_id'), primary: true },
    departmentId: { ...col.text('department_id'), primary: true },
  },
});

export const PolicyEntity = new EntitySchema<Policy>({
  name: 'Policy',
  tableName: 'policies',
  columns: {
    id: col.serial,
    departmentId: col.text('department_id'),
    title: col.text('title'),
    affectedGroups: col.longText('affected_groups'),
    headCount: col.int('head_count'),
    riskPoints: col.longText('risk_points'),
    riskLevel: col.text('risk_level'),
    mitigation: col.longText('mitigation'),
    effectiveOn: col.text('effective_on'),
    registeredBy: col.int('registered_by'),
    registeredAt: col.instant('registered_at'),
    signedOffBy: col.int('signed_off_by', true),
    signedOffAt: col.instant('signed_off_at', true),
  },
});

export const PolicyEventEntity = new EntitySchema<PolicyEvent>({
  name: 'PolicyEvent',
  tableName: 'policy_events',
  columns: {
    id: col.serial,
    policyId: col.int('policy_id'),
    seq: col.int('seq'),
    type: col.text('type'),
    actorId: col.int('actor_id'),
    at: col.instant('at'),
    reason: col.longText('reason', true),
    data: col.longText('data'),
    prevHash: col.text('prev_hash'),
    hash: col.text('hash'),
    chainVersion: col.int('chain_version'),
  },
});
