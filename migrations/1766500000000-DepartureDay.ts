import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R27: when a person left the organisation file, so that someone who returns and leaves again is
 * a new departure, reported again to the heads of the cases they still own.
 */
export class DepartureDay1766500000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn(
      'people',
      new TableColumn({ name: 'left_at', type: 'datetime', isNullable: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('people', 'left_at');
  }
}
