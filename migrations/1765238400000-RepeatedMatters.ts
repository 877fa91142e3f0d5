import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R16, R22: how many earlier petitions of the same person on a similar matter a filing repeats,
 * decided at filing (0 for an anonymous one, and for cases filed before this was recorded).
 */
export class RepeatedMatters1765238400000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'petitions',
      new TableColumn({ name: 'repeats', type: 'int', default: 0 }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('petitions', 'repeats');
  }
}
