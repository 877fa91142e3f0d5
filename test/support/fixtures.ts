import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseAt, scratchMysql, type TestDatabase } from './databases';

const folder = join(__dirname, '..', 'fixtures');

/** A copy of a database an earlier release made (see test/fixtures/README.md), opened as it is. */
export async function earlierDatabase(
  kind: TestDatabase['kind'],
  name: string,
): Promise<TestDatabase> {
  if (kind === 'mysql')
    return scratchMysql(readFileSync(join(folder, `${name}.mysql.sql`), 'utf8'));
  const path = join(mkdtempSync(join(tmpdir(), 'petition-fixture-')), `${name}.sqlite`);
  copyFileSync(join(folder, `${name}.sqlite`), path);
  return databaseAt('sqlite', `sqlite:${path}`, async () => undefined);
}
