import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * R18: the first day a case's reminders can be due, and its pending extension, kept in its
 * deadline projection so the daily sweep is an index range over the cases whose day has come.
 * Start-up projects the live cases anew (the projection's version is part of its basis), which
 * fills these columns for cases filed before them.
 */
export class ReminderDays1765700000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('deadline_projections', [
      new TableColumn({ name: 'extension_pending', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'extension_requester', type: 'int', isNullable: true }),
      new TableColumn({ name: 'remind_from', type: 'varchar', length: '10', isNullable: true }),
    ]);
    await runner.createIndex(
      'deadline_projections',
      new TableIndex({
        name: 'IDX_deadline_projections_remind_from',
        columnNames: ['remind_from'],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('deadline_projections', 'IDX_deadline_projections_remind_from');
    await runner.dropColumns('deadline_projections', [
      'remind_from',
      'extension_requester',
      'extension_pending',
    ]);
  }
}
