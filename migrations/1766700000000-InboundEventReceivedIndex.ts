import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * R26: the nightly forgetting of week-old deliveries finds them through this index; without it
 * the delete reads, and on MariaDB locks, every record, so chat events arriving meanwhile wait.
 */
export class InboundEventReceivedIndex1766700000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'inbound_events',
      new TableIndex({ name: 'IDX_inbound_events_received_at', columnNames: ['received_at'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('inbound_events', 'IDX_inbound_events_received_at');
  }
}
