import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R24: each audit event records the chain format its hash was made in. Events written before
 * are format 1 and keep verifying as they were hashed; new formats can cover more (the version
 * itself, later the case's own columns) without rewriting a stored event.
 */
export class ChainVersion1764806400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'petition_events',
      new TableColumn({ name: 'chain_version', type: 'int', default: 1 }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('petition_events', 'chain_version');
  }
}
