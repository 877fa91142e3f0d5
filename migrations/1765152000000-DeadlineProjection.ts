import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const day = (name: string) => ({ name, type: 'varchar', length: '10', isNullable: true });
const flag = (name: string) => ({ name, type: 'boolean', default: 0 });

/**
 * R9, R22: each case's deadlines as they stand after its newest event, written with every step,
 * so figures and the reminder sweep select on them in SQL; `projection_basis` remembers which
 * rules and calendar they were computed with, so a change of either recomputes the open cases.
 */
export class DeadlineProjection1765152000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'deadline_projections',
        columns: [
          { name: 'petition_id', type: 'int', isPrimary: true },
          day('acceptance_due'),
          day('register_by'),
          day('handling_due'),
          day('statutory_handling_due'),
          day('committed_reply_by'),
          day('appeal_by'),
          day('review_due'),
          flag('paused'),
          flag('provisional'),
          day('replied_on'),
          day('reply_due'),
          day('reply_statutory_due'),
          day('decided_on'),
          day('decision_due'),
          day('finished_on'),
        ],
        indices: [
          new TableIndex({ columnNames: ['acceptance_due'] }),
          new TableIndex({ columnNames: ['handling_due'] }),
          new TableIndex({ columnNames: ['statutory_handling_due'] }),
          new TableIndex({ columnNames: ['review_due'] }),
          new TableIndex({ columnNames: ['replied_on'] }),
          new TableIndex({ columnNames: ['finished_on'] }),
        ],
      }),
      true,
    );
    await runner.createTable(
      new Table({
        name: 'projection_basis',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'projected_at', type: 'datetime' },
        ],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('projection_basis');
    await runner.dropTable('deadline_projections');
  }
}
