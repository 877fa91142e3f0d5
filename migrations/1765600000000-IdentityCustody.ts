import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const text = (name: string, length: string, isNullable = true) => ({
  name,
  type: 'varchar',
  length,
  isNullable,
});

/**
 * R6: the person behind an anonymous or confidential case, kept in custody: sealed under a key
 * the database does not hold, named elsewhere by opaque relay ids, compared by keyed hashes. An
 * event the petitioner's side took names its relay id instead of a person. Cases filed before
 * keep their parties as they were stored (their trails' hashes cover nothing that moves).
 */
export class IdentityCustody1765600000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'custody',
        columns: [
          { name: 'petition_id', type: 'int', isPrimary: true },
          text('petitioner_relay', '32'),
          text('filer_relay', '32'),
          text('petitioner_hash', '64'),
          text('filer_hash', '64'),
          { name: 'sealed', type: 'text' },
        ],
        indices: [
          new TableIndex({ columnNames: ['petitioner_relay'], isUnique: true }),
          new TableIndex({ columnNames: ['filer_relay'], isUnique: true }),
          new TableIndex({ columnNames: ['petitioner_hash'] }),
          new TableIndex({ columnNames: ['filer_hash'] }),
        ],
      }),
      true,
    );
    await runner.addColumn('petition_events', new TableColumn(text('actor_relay', '32')));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('petition_events', 'actor_relay');
    await runner.dropTable('custody');
  }
}
