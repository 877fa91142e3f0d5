import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * R19 hot topics from tallies kept per finished day, so a summary adds up a few rows per day
 * instead of the week's term rows:
 * - `term_tallies`: of the petitions filed on a local day, per unit (lead department, category)
 *   and term, how many have it and how many of those are named;
 * - `term_tally_days`: each tallied day, its instants, and what it was tallied from: how many
 *   petitions were filed that day and the last change to them seen (a reader trusts a day's
 *   tally only while both still hold);
 * - `term_tally_changes`: a row each time a step changes what a petition is tallied by (its
 *   text, category, lead department or mode, or its destruction), under the petition's filing
 *   instant, so the day it belongs to is tallied again.
 * Terms keep their binary collation on MySQL, as in `petition_terms`.
 */
export class TermTallies1766400000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const mysql = runner.connection.driver.options.type === 'mysql';
    const key = (name: string, length: string) => ({
      name,
      type: 'varchar',
      length,
      isPrimary: true,
    });
    await runner.createTable(
      new Table({
        name: 'term_tallies',
        columns: [
          key('day', '10'),
          key('lead_department_id', '64'),
          key('category_id', '64'),
          {
            ...key('term', '64'),
            ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
          { name: 'petitions', type: 'int' },
          { name: 'named', type: 'int' },
        ],
      }),
      true,
    );
    await runner.createTable(
      new Table({
        name: 'term_tally_days',
        columns: [
          key('day', '10'),
          { name: 'from_at', type: 'datetime' },
          { name: 'to_at', type: 'datetime' },
          { name: 'petitions', type: 'int' },
          { name: 'changes', type: 'int' },
          { name: 'tallied_at', type: 'datetime' },
        ],
      }),
      true,
    );
    await runner.createTable(
      new Table({
        name: 'term_tally_changes',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'petition_id', type: 'int' },
          { name: 'filed_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_term_tally_changes_filed_at', columnNames: ['filed_at'] }),
        ],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('term_tally_changes');
    await runner.dropTable('term_tally_days');
    await runner.dropTable('term_tallies');
  }
}
