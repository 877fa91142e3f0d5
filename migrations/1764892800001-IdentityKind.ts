import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An identity's `platform` column held what the identity names a person by (a Slack user, a Lark
 * open_id or union_id, an e-mail address), not a chat platform: it is called `kind`, as in code.
 */
export class IdentityKind1764892800001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.renameColumn('identities', 'platform', 'kind');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.renameColumn('identities', 'kind', 'platform');
  }
}
