import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * R17: a policy risk assessment carries who it affects and how many, its risk level and the date
 * it takes effect, and a leader's sign-off; registration and sign-off are kept in the policy's
 * own audit trail (R24), chained and sealed like a petition's, its head beside the policy.
 */
export class PolicyRegister1766100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('policies', [
      new TableColumn({ name: 'affected_groups', type: 'text', isNullable: true }),
      new TableColumn({ name: 'head_count', type: 'int', default: 0 }),
      new TableColumn({ name: 'risk_level', type: 'varchar', length: '16', default: "'medium'" }),
      new TableColumn({ name: 'effective_on', type: 'varchar', length: '10', default: "''" }),
      new TableColumn({ name: 'signed_off_by', type: 'int', isNullable: true }),
      new TableColumn({ name: 'signed_off_at', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'audit_seq', type: 'int', default: 0 }),
      new TableColumn({ name: 'audit_head', type: 'varchar', length: '64', default: "''" }),
      new TableColumn({ name: 'audit_seal', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await runner.createTable(
      new Table({
        name: 'policy_events',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'policy_id', type: 'int' },
          { name: 'seq', type: 'int' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'actor_id', type: 'int' },
          { name: 'at', type: 'datetime' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'data', type: 'text' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'chain_version', type: 'int' },
        ],
        indices: [new TableIndex({ columnNames: ['policy_id', 'seq'], isUnique: true })],
      }),
      true,
    );
    await runner.createIndex('policies', new TableIndex({ columnNames: ['effective_on'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('policy_events');
    const policies = await runner.getTable('policies');
    const byDate = policies?.indices.find((i) => i.columnNames.join() === 'effective_on');
    if (byDate) await runner.dropIndex('policies', byDate);
    for (const column of [
      'audit_seal',
      'audit_head',
      'audit_seq',
      'signed_off_at',
      'signed_off_by',
      'effective_on',
      'risk_level',
      'head_count',
      'affected_groups',
    ]) {
      await runner.dropColumn('policies', column);
    }
  }
}
