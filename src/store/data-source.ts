import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import * as entities from './entities';

export type DatabaseKind = 'sqlite' | 'mysql';

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://')) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${url})`);
}

/**
 * The one DataSource of the process, from DATABASE_URL. Never `synchronize`: the schema is only
 * ever changed by the migrations in /migrations.
 */
export function createDataSource(url: string): DataSource {
  const common = {
    entities: Object.values(entities),
    migrations,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (databaseKind(url) === 'sqlite') {
    const path = url.slice('sqlite:'.length);
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: path !== ':memory:',
      timeout: 10000,
      // R23 R30: what is deleted (a destroyed case's text and files) is overwritten in the file,
      // not left in free pages for anyone who reads the file.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('secure_delete = ON');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: 16,
    // mysql2 captures a stack trace before every query so a failed one can point at its caller:
    // a tenth of a filing's CPU. TypeORM's QueryFailedError carries the caller's stack anyway.
    trace: false,
  });
}
