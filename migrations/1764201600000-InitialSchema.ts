import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/**
 * The whole first schema. Written with the QueryRunner schema API and portable column types only
 * (varchar ≤ 191 where indexed, int, boolean, text, datetime) so the same file runs on SQLite and
 * MySQL/MariaDB. Instants are UTC datetimes.
 */
const key = (name: string, length = 64): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
});
const optionalKey = (name: string, length = 64): TableColumnOptions => ({
  ...key(name, length),
  isNullable: true,
});
const serial: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
});
const flag = (name: string, value: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: value ? 1 : 0,
});
const instant = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  isNullable: nullable,
});
const longText = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
const index = (columnNames: string[], isUnique = false) =>
  new TableIndex({ columnNames, isUnique });

const tables: Table[] = [
  new Table({
    name: 'departments',
    columns: [
      { ...key('id'), isPrimary: true },
      key('name_zh', 191),
      key('name_en', 191),
      optionalKey('slack_channel'),
      optionalKey('lark_chat'),
      flag('active', true),
    ],
  }),
  new Table({
    name: 'people',
    columns: [
      serial,
      key('org_key'),
      key('name', 191),
      optionalKey('department_id'),
      optionalKey('locale', 8),
      flag('active', true),
      instant('created_at'),
    ],
    indices: [index(['org_key'], true)],
  }),
  new Table({
    name: 'identities',
    columns: [serial, int('person_id'), key('platform', 16), key('external_id', 191)],
    indices: [index(['platform', 'external_id'], true), index(['person_id'])],
  }),
  new Table({
    name: 'role_assignments',
    columns: [serial, int('person_id'), key('role', 32), { ...key('scope'), default: "''" }],
    indices: [index(['person_id', 'role', 'scope'], true), index(['role', 'scope'])],
  }),
  new Table({
    name: 'categories',
    columns: [
      { ...key('id'), isPrimary: true },
      optionalKey('parent_id'),
      key('name_zh', 191),
      key('name_en', 191),
      optionalKey('lead_department_id'),
      optionalKey('limit_kind', 16),
      int('sort_order'),
      flag('active', true),
    ],
  }),
  new Table({
    name: 'category_co_departments',
    columns: [
      { ...key('category_id'), isPrimary: true },
      { ...key('department_id'), isPrimary: true },
    ],
  }),
  new Table({
    name: 'case_counters',
    columns: [{ ...key('name', 32), isPrimary: true }, int('last_value')],
  }),
  new Table({
    name: 'policies',
    columns: [
      serial,
      key('department_id'),
      key('title', 191),
      longText('risk_points'),
      longText('mitigation'),
      int('registered_by'),
      instant('registered_at'),
    ],
    indices: [index(['department_id'])],
  }),
  new Table({
    name: 'petitions',
    columns: [
      serial,
      key('number', 32),
      key('category_id'),
      key('lead_department_id'),
      key('mode', 16),
      key('state', 24),
      longText('content'),
      int('people_concerned'),
      longText('attachments', true),
      int('owner_id', true),
      int('leader_id', true),
      flag('major', false),
      flag('resolved_at_team', false),
      int('policy_id', true),
      optionalKey('rating', 24),
      instant('filed_at'),
      instant('updated_at'),
      instant('closed_at', true),
      { ...int('version'), default: 1 },
    ],
    indices: [
      index(['number'], true),
      index(['state']),
      index(['lead_department_id', 'state']),
      index(['category_id', 'filed_at']),
      index(['filed_at']),
      index(['closed_at']),
      index(['owner_id']),
      index(['leader_id']),
      index(['policy_id']),
    ],
  }),
  // The sealed identity of a petition, kept apart from its text (R6): only the core reads it,
  // and only for people entitled to see it.
  new Table({
    name: 'petition_parties',
    columns: [
      { ...int('petition_id'), isPrimary: true },
      int('petitioner_id', true),
      optionalKey('petitioner_name', 191),
      int('filed_by_id', true),
      optionalKey('contact', 191),
    ],
    indices: [index(['petitioner_id']), index(['filed_by_id'])],
  }),
  new Table({
    name: 'petition_co_departments',
    columns: [
      { ...int('petition_id'), isPrimary: true },
      { ...key('department_id'), isPrimary: true },
    ],
    indices: [index(['department_id'])],
  }),
  new Table({
    name: 'petition_events',
    columns: [
      serial,
      int('petition_id'),
      int('seq'),
      key('type', 32),
      int('actor_id', true),
      instant('at'),
      longText('reason', true),
      longText('data'),
      key('prev_hash'),
      key('hash'),
    ],
    indices: [index(['petition_id', 'seq'], true), index(['type', 'at'])],
  }),
  new Table({
    name: 'disclosures',
    columns: [
      serial,
      int('petition_id'),
      int('requested_by'),
      longText('reason'),
      key('state', 16),
      instant('requested_at'),
      int('decided_by', true),
      instant('decided_at', true),
    ],
    indices: [index(['petition_id'])],
  }),
  new Table({
    name: 'notices',
    columns: [
      serial,
      key('dedupe_key', 191),
      int('petition_id', true),
      key('kind', 48),
      key('recipient_kind', 24),
      key('recipient'),
      longText('params'),
      key('state', 16),
      { ...int('attempts'), default: 0 },
      instant('not_before'),
      optionalKey('claimed_by'),
      instant('claimed_until', true),
      longText('last_error', true),
      instant('created_at'),
      instant('sent_at', true),
    ],
    indices: [index(['dedupe_key'], true), index(['state', 'not_before']), index(['petition_id'])],
  }),
  new Table({
    name: 'inbound_events',
    columns: [
      { ...key('event_key', 191), isPrimary: true },
      key('source', 16),
      instant('received_at'),
    ],
  }),
  new Table({
    name: 'job_fires',
    columns: [
      { ...key('fire_key', 191), isPrimary: true },
      key('job_name'),
      key('owner'),
      instant('fired_at'),
      instant('finished_at', true),
      optionalKey('outcome', 16),
      longText('error', true),
    ],
    indices: [index(['job_name', 'fired_at'])],
  }),
  new Table({
    name: 'job_leases',
    columns: [
      { ...key('name'), isPrimary: true },
      optionalKey('owner'),
      instant('expires_at', true),
    ],
  }),
];

export class InitialSchema1764201600000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const table of tables) await runner.createTable(table, true);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...tables].reverse()) await runner.dropTable(table.name, true);
  }
}
