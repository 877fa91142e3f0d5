import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R24: each petition's audit head gets a seal, an HMAC with a key the database does not hold, so
 * a trail rewritten and rehashed by someone with only database access no longer verifies.
 */
export class AuditSeal1764547200000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'petitions',
      new TableColumn({ name: 'audit_seal', type: 'varchar', length: '64', isNullable: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('petitions', 'audit_seal');
  }
}
