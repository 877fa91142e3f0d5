import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { createDataSource } from '../../src/store/data-source';
import { mysqlUrl, type TestDatabase } from './databases';

const folder = join(__dirname, '..', 'fixtures');

/** A copy of a database an earlier release made (see test/fixtures/README.md), opened as it is. */
export async function earlierDatabase(
  kind: 'sqlite' | 'mysql',
  name: string,
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const path = join(mkdtempSync(join(tmpdir(), 'petition-fixture-')), `${name}.sqlite`);
    copyFileSync(join(folder, `${name}.sqlite`), path);
    const url = `sqlite:${path}`;
    const opened: Awaited<ReturnType<TestDatabase['open']>>[] = [];
    return {
      kind,
      url,
      async open() {
        const ds = await createDataSource(url).initialize();
        opened.push(ds);
        return ds;
      },
      async drop() {
        await Promise.all(opened.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
      },
    };
  }
  const database = `pf_${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: mysqlUrl, multipleStatements: true });
  try {
    await admin.query(
      `CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await admin.query(`USE ${database}`);
    await admin.query(readFileSync(join(folder, `${name}.mysql.sql`), 'utf8'));
  } finally {
    await admin.end();
  }
  const url = new URL(mysqlUrl as string);
  url.pathname = `/${database}`;
  const opened: Awaited<ReturnType<TestDatabase['open']>>[] = [];
  return {
    kind,
    url: url.toString(),
    async open() {
      const ds = await createDataSource(url.toString()).initialize();
      opened.push(ds);
      return ds;
    },
    async drop() {
      await Promise.all(opened.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
      const c = await createConnection({ uri: mysqlUrl });
      await c.query(`DROP DATABASE IF EXISTS ${database}`);
      await c.end();
    },
  };
}
