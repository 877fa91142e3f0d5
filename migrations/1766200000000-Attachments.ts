import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * R30: files kept with a case, in the database so every instance sees them, their bytes in
 * parts of 256 KiB. MariaDB's BLOB holds 64 KiB, so a part is a MEDIUMBLOB there (16 MiB);
 * SQLite's BLOB has no such limit. No column names who uploaded a file (R6: the trail's
 * `attached` event names the actor, by relay id for a case in custody).
 */
export class Attachments1766200000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const mysql = runner.connection.driver.options.type === 'mysql';
    await runner.createTable(
      new Table({
        name: 'attachments',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'petition_id', type: 'int' },
          { name: 'name', type: 'varchar', length: '191' },
          { name: 'media_type', type: 'varchar', length: '100' },
          { name: 'bytes', type: 'int' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [new TableIndex({ columnNames: ['petition_id'] })],
      }),
      true,
    );
    await runner.createTable(
      new Table({
        name: 'attachment_chunks',
        columns: [
          { name: 'attachment_id', type: 'int', isPrimary: true },
          { name: 'part', type: 'int', isPrimary: true },
          { name: 'data', type: mysql ? 'mediumblob' : 'blob' },
        ],
      }),
      true,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('attachment_chunks');
    await runner.dropTable('attachments');
  }
}
