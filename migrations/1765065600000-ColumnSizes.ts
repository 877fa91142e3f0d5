import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Columns sized for real data. A leader's digest lists every open major case: with 900 of them its
 * params pass MariaDB's 64 KB TEXT, so no leader got a digest; MEDIUMTEXT holds 16 MB. A claim
 * owner is `hostname:pid`, and a hostname may be 253 characters, more than varchar(64) holds.
 * SQLite enforces neither length, so only MySQL/MariaDB has anything to change.
 */
const ownerLength = 320;

const resized: { table: string; column: string; up: string; down: string }[] = [
  { table: 'notices', column: 'params', up: 'MEDIUMTEXT NOT NULL', down: 'TEXT NOT NULL' },
  {
    table: 'notices',
    column: 'claimed_by',
    up: `VARCHAR(${ownerLength}) NULL`,
    down: 'VARCHAR(64) NULL',
  },
  {
    table: 'job_fires',
    column: 'owner',
    up: `VARCHAR(${ownerLength}) NOT NULL`,
    down: 'VARCHAR(64) NOT NULL',
  },
];

export class ColumnSizes1765065600000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'mysql') return;
    for (const { table, column, up } of resized) {
      await runner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` ${up}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'mysql') return;
    for (const { table, column, down } of resized) {
      await runner.query(`ALTER TABLE \`${table}\` MODIFY \`${column}\` ${down}`);
    }
  }
}
