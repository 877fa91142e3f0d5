import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * R19: the terms each petition's text is indexed by (character bigrams and words), written at
 * filing, so hot topics are tallied in SQL instead of reading a period's texts; search can use it
 * too. Binary collation on MySQL: terms are compared as written (lower-cased by the writer), so
 * two that differ are never one key. Start-up indexes the petitions filed before this table.
 */
export class PetitionTerms1765700000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const mysql = runner.connection.driver.options.type === 'mysql';
    await runner.createTable(
      new Table({
        name: 'petition_terms',
        columns: [
          { name: 'petition_id', type: 'int', isPrimary: true },
          {
            name: 'term',
            type: 'varchar',
            length: '64',
            isPrimary: true,
            ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
        ],
        indices: [new TableIndex({ name: 'IDX_petition_terms_term', columnNames: ['term'] })],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('petition_terms');
  }
}
