import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { ConfigError } from './config/config-error';
import type { Env } from './config/env';
import { identityKeyFor } from './config/identity-key';
import { loadOrganisation, type Organisation } from './config/org';
import { systemClock, type Clock } from './domain/clock';
import { databaseChecks, type HealthCheck } from './http/health';
import { createHttpApp } from './http/server';
import { refuseForeignKey } from './store/custody';
import { createDataSource } from './store/data-source';
import { syncOrganisation } from './store/org-sync';
import { voidAbandoned } from './store/number-voids';
import { underStartLock } from './store/start-lock';
import { Store } from './store/store';

export interface Booted {
  env: Env;
  org: Organisation;
  store: Store;
  clock: Clock;
  http: Express;
  health: HealthCheck[];
  close(): Promise<void>;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openDatabase(url: string): Promise<DataSource> {
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
  } catch (e) {
    throw new ConfigError([
      `DATABASE_URL=${redact(url)}: cannot open the database: ${(e as Error).message}`,
    ]);
  }
  return dataSource;
}

/** Stops a process that would work on a database whose schema is behind the code. */
export async function refuseUnmigrated(dataSource: DataSource, why: string): Promise<void> {
  if (await dataSource.showMigrations()) {
    throw new ConfigError([
      `The database has pending migrations and ${why}: run \`npm run migrate\` first`,
    ]);
  }
}

/**
 * Everything the adapters stand on: configuration checked, database open and migrated, the
 * organisation loaded, the HTTP app ready for routes.
 */
export async function boot(env: Env, clock: Clock = systemClock): Promise<Booted> {
  const org = loadOrganisation(env.ORG_CONFIG);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    const store = new Store(
      dataSource,
      env.DATABASE_URL,
      env.AUDIT_SEAL_KEY ?? null,
      identityKeyFor(env),
    );
    // R26: instances starting together take turns; the first migrates and loads, the rest find
    // nothing left to do.
    await underStartLock(dataSource, async () => {
      if (env.MIGRATE_ON_START) await dataSource.runMigrations({ transaction: 'each' });
      else await refuseUnmigrated(dataSource, 'MIGRATE_ON_START=false');
      await syncOrganisation(store, org, clock.now());
    });
    await refuseForeignKey(store.manager, store.custody);
    // R2: the numbers a crashed instance held and never handed out are voided.
    await voidAbandoned(store, clock.now());
    const health = databaseChecks(dataSource);
    return {
      env,
      org,
      store,
      clock,
      health,
      http: createHttpApp(health, { healthDetailToken: env.HEALTHZ_TOKEN }),
      close: () => dataSource.destroy(),
    };
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
}
