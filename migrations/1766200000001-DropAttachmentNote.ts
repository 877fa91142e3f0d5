import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R30: a petition's `attachments` was a line of text no filing form offered (no chat ever set
 * it); the files kept with a case are its attachments now, in their own tables. The column goes
 * so the word names one thing. A case's digest leaves an empty column out, so the digests its
 * events recorded are unchanged.
 */
export class DropAttachmentNote1766200000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE petitions DROP COLUMN attachments');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE petitions ADD COLUMN attachments TEXT NULL');
  }
}
