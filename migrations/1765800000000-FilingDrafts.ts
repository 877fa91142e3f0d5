import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * R1: a direct message offered for filing is kept here, for its sender only, until the filing
 * uses it or a day has passed; the button carries the draft's id, not the text (Slack takes at
 * most 2,000 characters in a button's value).
 */
export class FilingDrafts1765800000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'filing_drafts',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'person_id', type: 'int' },
          { name: 'content', type: 'text' },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [new TableIndex({ columnNames: ['created_at'] })],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('filing_drafts');
  }
}
