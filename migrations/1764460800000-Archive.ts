import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * R23: the electronic archive. Each petition gets where its paper copy is kept, a legal hold
 * flag and the day it was archived; `destructions` records every case destroyed at the end of its
 * retention (its petitions row stays as a statistical tombstone).
 */
export class Archive1764460800000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('petitions', [
      new TableColumn({ name: 'paper_copy', type: 'varchar', length: '191', isNullable: true }),
      new TableColumn({ name: 'legal_hold', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'archived_at', type: 'datetime', isNullable: true }),
    ]);
    await runner.createIndex('petitions', new TableIndex({ columnNames: ['state', 'closed_at'] }));
    await runner.createTable(
      new Table({
        name: 'destructions',
        columns: [
          { name: 'petition_id', type: 'int', isPrimary: true },
          { name: 'number', type: 'varchar', length: '32' },
          { name: 'destroyed_at', type: 'datetime' },
          { name: 'events', type: 'int' },
          { name: 'audit_head', type: 'varchar', length: '64' },
        ],
        indices: [new TableIndex({ columnNames: ['destroyed_at'] })],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('destructions');
    const table = await runner.getTable('petitions');
    const index = table?.indices.find((i) => i.columnNames.join() === 'state,closed_at');
    if (index) await runner.dropIndex('petitions', index);
    await runner.dropColumn('petitions', 'archived_at');
    await runner.dropColumn('petitions', 'legal_hold');
    await runner.dropColumn('petitions', 'paper_copy');
  }
}
