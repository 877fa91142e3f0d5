import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `job_leases` was created by the first schema and never used: the scheduler coordinates through
 * `job_fires`. Dropped so the schema holds only what the bot reads and writes; down() restores it
 * as the first schema made it.
 */
export class DropJobLeases1764892800000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.dropTable('job_leases', true);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'job_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64', isNullable: true },
          { name: 'expires_at', type: 'datetime', isNullable: true },
        ],
      }),
      true,
    );
  }
}
