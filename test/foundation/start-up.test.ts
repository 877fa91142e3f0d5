import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type Booted } from '../../src/boot';
import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';
import { listen } from '../../src/http/server';
import { actorByKeyOrName } from '../../src/services/actors';
import { createCore } from '../../src/services/core';
import { file } from '../../src/services/file';
import { sealTrails } from '../../src/store/audit-sealing';
import { verifyAuditTrail } from '../../src/store/audit-verifier';

describe('start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'petition-start-'));

  test('with no credentials it migrates an empty SQLite file, loads the example organisation and serves /healthz', async () => {
    const env = loadEnv({ DATABASE_URL: `sqlite:${join(dir, 'nested', 'petitions.sqlite')}` });
    const app: Booted = await boot(env);
    const server: Server = await listen(app.http, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      const [{ n }] = await app.store.manager.query('SELECT COUNT(*) AS n FROM people');
      expect(Number(n)).toBe(app.org.people.length);
    } finally {
      server.close();
      await app.close();
    }
  });

  test('R24 start-up never seals a trail by itself: an unsealed head stays reported until the operator seals', async () => {
    const url = `sqlite:${join(dir, 'sealing.sqlite')}`;
    const before = await boot(loadEnv({ DATABASE_URL: url }));
    const core = createCore(before.store, before.org, before.clock);
    await file(core, await actorByKeyOrName(core, 'hu.bin'), {
      categoryId: 'labour.salary',
      content: '加班费少发。',
      commitment: true,
    });
    await before.close();
    const key = 'k'.repeat(40);
    const after = await boot(loadEnv({ DATABASE_URL: url, AUDIT_SEAL_KEY: key }));
    try {
      expect(await verifyAuditTrail(after.store.manager, key)).toMatchObject({
        problem: 'unsealed',
      });
      expect((await sealTrails(after.store, key)).sealed).toBe(1);
      expect(await verifyAuditTrail(after.store.manager, key)).toBeNull();
    } finally {
      await after.close();
    }
  });

  test('/healthz answers 503 when migrations are pending', async () => {
    const url = `sqlite:${join(dir, 'pending.sqlite')}`;
    const token = 't'.repeat(32);
    const app = await boot(loadEnv({ DATABASE_URL: url, HEALTHZ_TOKEN: token }));
    await app.store.dataSource.undoLastMigration();
    const server = await listen(app.http, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { checks: { migrations: { ok: boolean } } };
      expect(body.checks.migrations.ok).toBe(false);
    } finally {
      server.close();
      await app.close();
    }
  });

  test('with MIGRATE_ON_START=false a database that needs migrating stops start-up with what to do', async () => {
    const env = loadEnv({
      DATABASE_URL: `sqlite:${join(dir, 'unmigrated.sqlite')}`,
      MIGRATE_ON_START: 'false',
    });
    await expect(boot(env)).rejects.toThrow('run `npm run migrate` first');
  });

  test('a broken organisation file stops start-up naming the file and the place', async () => {
    const file = join(dir, 'org.yaml');
    writeFileSync(file, 'organisation:\n  name: X\ndepartments: []\n');
    const env = loadEnv({ DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}`, ORG_CONFIG: file });
    const error = await boot(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(
      expect.arrayContaining([`${file}: departments: needs at least one department (line 3)`]),
    );
  });

  test('an unreachable database is reported with the URL, password hidden', async () => {
    const env = loadEnv({ DATABASE_URL: 'mysql://bot:secret@127.0.0.1:1/petitions' });
    await expect(boot(env)).rejects.toThrow(
      /^DATABASE_URL=mysql:\/\/bot:\*\*\*@127\.0\.0\.1:1\/petitions: cannot open the database/,
    );
  });
});
