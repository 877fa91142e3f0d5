import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../migrations';
import { boot, openDatabase, type Booted } from '../../src/boot';
import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';
import { loadOrganisation } from '../../src/config/org';
import { underStartLock } from '../../src/store/start-lock';
import { eachDatabase, testIdentityKey, type TestDatabase } from '../support/databases';

const org = loadOrganisation('org.example.yaml');
const dir = mkdtempSync(join(tmpdir(), 'petition-instances-'));
let files = 0;

/** One database several instances share: MariaDB's scratch one, or a SQLite file. */
const sharedUrl = (db: TestDatabase) =>
  db.kind === 'sqlite' ? `sqlite:${join(dir, `shared-${++files}.sqlite`)}` : db.url;

async function startTogether(url: string, instances = 3): Promise<Booted[]> {
  const env = loadEnv({ DATABASE_URL: url, IDENTITY_KEY: testIdentityKey });
  const started = await Promise.allSettled(Array.from({ length: instances }, () => boot(env)));
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  if (failures.length > 0) await Promise.all(up.map((app) => app.close()));
  expect(failures).toEqual([]);
  return up;
}

async function countOf(app: Booted, table: string): Promise<number> {
  const [{ n }] = (await app.store.manager.query(`SELECT COUNT(*) AS n FROM ${table}`)) as {
    n: number | string;
  }[];
  return Number(n);
}

eachDatabase('R26 several instances starting together', (db) => {
  test('R26 three instances started at the same moment on a fresh database all come up, the schema and the people there once', async () => {
    const url = sharedUrl(db());
    const apps = await startTogether(url);
    try {
      expect(apps).toHaveLength(3);
      expect(await countOf(apps[0], 'migrations')).toBe(migrations.length);
      expect(await countOf(apps[0], 'people')).toBe(org.people.length);
      expect(await countOf(apps[0], 'departments')).toBe(org.departments.length);
      expect(await countOf(apps[0], 'start_lock')).toBe(0);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  test('R26 three instances started at the same moment on a database just migrated (npm run migrate) all come up', async () => {
    const url = sharedUrl(db());
    const migrated = await openDatabase(url);
    await migrated.runMigrations({ transaction: 'each' });
    await migrated.destroy();
    const apps = await startTogether(url);
    try {
      expect(await countOf(apps[0], 'migrations')).toBe(migrations.length);
      expect(await countOf(apps[0], 'people')).toBe(org.people.length);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  test('R26 a start-up lock left by a starter that died is taken over once it expires', async () => {
    const url = sharedUrl(db());
    const first = await boot(loadEnv({ DATABASE_URL: url, IDENTITY_KEY: testIdentityKey }));
    const expiry = Date.now() + 1500;
    await first.store.dataSource.query(
      "INSERT INTO start_lock (name, owner, expires_at) VALUES ('start', 'dead-host:4242:x', ?)",
      [expiry],
    );
    await first.close();
    const after = await boot(loadEnv({ DATABASE_URL: url, IDENTITY_KEY: testIdentityKey }));
    try {
      expect(Date.now()).toBeGreaterThanOrEqual(expiry);
      expect(await countOf(after, 'start_lock')).toBe(0);
    } finally {
      await after.close();
    }
  });

  test('R26 waiting for a live starter is bounded, with an error that names it', async () => {
    const url = sharedUrl(db());
    const app = await boot(loadEnv({ DATABASE_URL: url, IDENTITY_KEY: testIdentityKey }));
    try {
      const ds = app.store.dataSource;
      let release: () => void = () => undefined;
      const holding = underStartLock(ds, () => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 100));
      const waited = await underStartLock(ds, async () => 'ran', { waitMs: 600, pollMs: 50 }).catch(
        (e: unknown) => e,
      );
      expect(waited).toBeInstanceOf(ConfigError);
      expect((waited as ConfigError).message).toMatch(
        /^Another instance \(.+:\d+:[0-9a-f-]+\) has been starting on this database for more than 1 s/,
      );
      release();
      await holding;
      expect(await underStartLock(ds, async () => 'ran')).toBe('ran');
    } finally {
      await app.close();
    }
  });
});
