import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * R24: each petition remembers the sequence number and hash of its newest audit event, so taking
 * events off the end of a trail is detected, not only editing or removing one in the middle.
 */
export class AuditHead1764288000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('petitions', [
      new TableColumn({ name: 'audit_seq', type: 'int', default: 0 }),
      new TableColumn({ name: 'audit_head', type: 'varchar', length: '64', default: "''" }),
    ]);
    // Trails written before this migration: their current last event becomes the head.
    await runner.query(
      'UPDATE petitions SET audit_seq = (SELECT MAX(e.seq) FROM petition_events e WHERE e.petition_id = petitions.id), ' +
        'audit_head = (SELECT e.hash FROM petition_events e WHERE e.petition_id = petitions.id ' +
        'AND e.seq = (SELECT MAX(x.seq) FROM petition_events x WHERE x.petition_id = petitions.id)) ' +
        'WHERE EXISTS (SELECT 1 FROM petition_events e WHERE e.petition_id = petitions.id)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('petitions', 'audit_head');
    await runner.dropColumn('petitions', 'audit_seq');
  }
}
