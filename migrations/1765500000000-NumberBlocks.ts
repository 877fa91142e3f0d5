import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

const value = (name: string) => ({ name, type: 'int' });
const seal = { name: 'seal', type: 'varchar', length: '64', isNullable: true };

/** Whoever held the numbers an earlier release handed out from its one counter row. */
const beforeBlocks = 'before number blocks';
/** When the migrated blocks were reserved and closed: unknown, so the epoch. */
const epoch = '1970-01-01 00:00:00';

/**
 * R2, R24: case numbers are reserved a block at a time by each instance (`case_number_blocks`),
 * and a number that was taken but never filed is recorded as void (`case_number_voids`), so every
 * number up to the counter is a petition or a void and a deleted case shows. Each audit event of
 * chain format 3 carries the digest of the case's own rows after its step (`case_digest`), and a
 * destruction the digest of the tombstone it leaves.
 *
 * The numbers an earlier release gave out, consecutively from its counter row (a rolled-back
 * filing gave its number back), become one closed block per counter, held by no instance.
 */
export class NumberBlocks1765500000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'case_number_blocks',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'name', type: 'varchar', length: '32' },
          value('first_value'),
          value('last_value'),
          { name: 'holder', type: 'varchar', length: '320' },
          { name: 'reserved_at', type: 'datetime' },
          { name: 'expires_at', type: 'datetime' },
          { name: 'closed_at', type: 'datetime', isNullable: true },
          seal,
        ],
        indices: [
          new TableIndex({ columnNames: ['name', 'first_value'], isUnique: true }),
          new TableIndex({ columnNames: ['closed_at', 'expires_at'] }),
        ],
      }),
      true,
    );
    await runner.createTable(
      new Table({
        name: 'case_number_voids',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { ...value('first_value'), isPrimary: true },
          value('last_value'),
          { name: 'reason', type: 'varchar', length: '32' },
          { name: 'voided_at', type: 'datetime' },
          seal,
        ],
      }),
      true,
    );
    await runner.addColumn(
      'petition_events',
      new TableColumn({ name: 'case_digest', type: 'varchar', length: '64', isNullable: true }),
    );
    await runner.addColumn(
      'destructions',
      new TableColumn({ name: 'case_digest', type: 'varchar', length: '64', isNullable: true }),
    );
    const counters = (await runner.query(
      'SELECT name, last_value FROM case_counters WHERE last_value > 0',
    )) as { name: string; last_value: number }[];
    for (const counter of counters) {
      await runner.query(
        'INSERT INTO case_number_blocks (name, first_value, last_value, holder, reserved_at, expires_at, closed_at) VALUES (?, 1, ?, ?, ?, ?, ?)',
        [counter.name, counter.last_value, beforeBlocks, epoch, epoch, epoch],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('destructions', 'case_digest');
    await runner.dropColumn('petition_events', 'case_digest');
    await runner.dropTable('case_number_voids');
    await runner.dropTable('case_number_blocks');
  }
}
