import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * R22 超期: the cases decided since a window's first day are one of the ways a summary finds the
 * overdue, read through this index as the replied and the unfinished are through theirs.
 */
export class DecidedOnIndex1766400000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'deadline_projections',
      new TableIndex({ name: 'IDX_deadline_projections_decided_on', columnNames: ['decided_on'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('deadline_projections', 'IDX_deadline_projections_decided_on');
  }
}
