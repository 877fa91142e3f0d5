import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * R6 R15: the custodian may see every confidential case, and its search and counts find them
 * through this index instead of reading every petition.
 */
export class PetitionModeIndex1766600000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'petitions',
      new TableIndex({ name: 'IDX_petitions_mode', columnNames: ['mode'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('petitions', 'IDX_petitions_mode');
  }
}
