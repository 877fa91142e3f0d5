import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/store/data-source';
import { Store } from '../../src/store/store';
import { testIdentityKey } from './identity-key';

export const mysqlUrl = process.env.TEST_MYSQL_URL;

/** R6: the key the tests keep identities in custody under (IDENTITY_KEY in production). */
export { testIdentityKey };

if (process.env.CI === 'true' && !mysqlUrl) {
  throw new Error('CI=true but TEST_MYSQL_URL is not set: the MariaDB suites must run in CI');
}

export interface TestDatabase {
  kind: 'sqlite' | 'mysql';
  url: string;
  /** A DataSource on this database, initialised; several may be opened on one MySQL database. */
  open(): Promise<DataSource>;
  drop(): Promise<void>;
}

async function mysqlAdmin(sql: string) {
  const connection = await createConnection({ uri: mysqlUrl });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/** The database at `url`: each open is a DataSource of its own; drop closes them, then `remove`s it. */
export function databaseAt(
  kind: TestDatabase['kind'],
  url: string,
  remove: () => Promise<void>,
): TestDatabase {
  const opened: DataSource[] = [];
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
      await remove();
    },
  };
}

/** A SQLite file (a second process cannot share an in-memory database), or a MariaDB scratch one. */
export async function sharedDatabase(kind: TestDatabase['kind']): Promise<TestDatabase> {
  if (kind === 'mysql') return scratchMysql();
  const dir = mkdtempSync(join(tmpdir(), 'shared-'));
  return databaseAt('sqlite', `sqlite:${join(dir, 'petitions.sqlite')}`, async () =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

/** A MariaDB database of its own, empty or loaded from a `mysqldump`. */
export async function scratchMysql(dump?: string): Promise<TestDatabase> {
  const name = `pt_${randomBytes(5).toString('hex')}`;
  await mysqlAdmin(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  if (dump !== undefined) {
    const connection = await createConnection({ uri: mysqlUrl, multipleStatements: true });
    try {
      await connection.query(`USE ${name}; ${dump}`);
    } finally {
      await connection.end();
    }
  }
  const url = new URL(mysqlUrl as string);
  url.pathname = `/${name}`;
  return databaseAt('mysql', url.toString(), () => mysqlAdmin(`DROP DATABASE IF EXISTS ${name}`));
}

function memorySqlite(): TestDatabase {
  let shared: DataSource | undefined;
  return {
    kind: 'sqlite',
    url: 'sqlite::memory:',
    async open() {
      // An in-memory SQLite database lives in its one connection: every open shares it.
      shared ??= await createDataSource('sqlite::memory:').initialize();
      return shared;
    },
    async drop() {
      if (shared?.isInitialized) await shared.destroy();
    },
  };
}

const skipReason = 'skipped: TEST_MYSQL_URL is not set (see README, "Tests")';

/**
 * Runs the same specification on SQLite always and on MariaDB/MySQL when TEST_MYSQL_URL is set;
 * otherwise the MariaDB copy is listed as skipped with the reason. Test names carry the database
 * in brackets, which CI reads to prove the MariaDB suites ran. `made` opens a given database
 * instead of an empty scratch one (a copy of one an earlier release made).
 */
export function eachDatabase(
  title: string,
  spec: (db: () => TestDatabase) => void,
  made?: (kind: TestDatabase['kind']) => Promise<TestDatabase>,
): void {
  const variants: [string, () => Promise<TestDatabase>, boolean][] = [
    ['sqlite', made ? () => made('sqlite') : async () => memorySqlite(), true],
    ['mariadb', made ? () => made('mysql') : scratchMysql, Boolean(mysqlUrl)],
  ];
  for (const [name, make, enabled] of variants) {
    const label = enabled ? `${title} [${name}]` : `${title} [${name}] (${skipReason})`;
    (enabled ? describe : describe.skip)(label, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await make();
      });
      afterAll(async () => {
        await current?.drop();
      });
      spec(() => {
        if (!current) throw new Error('the test database is not ready');
        return current;
      });
    });
  }
}

export async function migratedStore(db: TestDatabase): Promise<Store> {
  const ds = await db.open();
  await ds.runMigrations({ transaction: 'each' });
  return new Store(ds, db.url, null, testIdentityKey);
}
