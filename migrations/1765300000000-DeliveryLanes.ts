import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Delivery (R26): each claim carries its own token; a notice has a priority (someone waiting for
 * it goes first) and, once it failed, holds its recipient's later notices back until `holds_until`.
 * A 429's pause of a platform bucket and the live dispatchers are shared through two small tables.
 */
const indices: [string, string[]][] = [
  // A recipient's notices in the order written: what the claim looks behind.
  ['idx_notices_lane', ['recipient_kind', 'recipient', 'state', 'id']],
  ['idx_notices_claim', ['claim_token']],
  // The send rate /healthz reports.
  ['idx_notices_sent', ['state', 'sent_at']],
];

export class DeliveryLanes1765300000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('notices', [
      new TableColumn({ name: 'claim_token', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'priority', type: 'int', default: 1 }),
      new TableColumn({ name: 'holds_until', type: 'datetime', isNullable: true }),
    ]);
    for (const [name, columnNames] of indices)
      await runner.createIndex('notices', new TableIndex({ name, columnNames }));
    await runner.createTable(
      new Table({
        name: 'delivery_pauses',
        columns: [
          { name: 'bucket', type: 'varchar', length: '191', isPrimary: true },
          { name: 'paused_until', type: 'datetime' },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'delivery_instances',
        columns: [
          { name: 'instance', type: 'varchar', length: '191', isPrimary: true },
          { name: 'seen_until', type: 'datetime' },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('delivery_instances');
    await runner.dropTable('delivery_pauses');
    for (const [name] of indices) await runner.dropIndex('notices', name);
    await runner.dropColumns('notices', ['claim_token', 'priority', 'holds_until']);
  }
}
