import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import type { Env } from './env';

/** The key file of the embedded default, beside the SQLite database. */
export const identityKeyFile = 'identity.key';

const minimumLength = 32;

/**
 * R6: the key identities are kept in custody under, held outside the database. IDENTITY_KEY when
 * set. In the embedded default (a SQLite file) a key made once into `identity.key` beside the
 * database, readable by its owner only; for an in-memory database a key of this process alone,
 * as short-lived as the data. A MySQL/MariaDB database is shared by instances and administered
 * apart, so there the key must be given.
 */
export function identityKeyFor(env: Pick<Env, 'IDENTITY_KEY' | 'DATABASE_URL'>): string {
  if (env.IDENTITY_KEY) return env.IDENTITY_KEY;
  const url = env.DATABASE_URL;
  if (!url.startsWith('sqlite:')) {
    throw new ConfigError([
      'IDENTITY_KEY is missing: with a MySQL/MariaDB database the key of the identities in custody must be given (32+ characters, the same for every instance, kept outside the database)',
    ]);
  }
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') return randomBytes(32).toString('base64url');
  const file = join(dirname(resolve(path)), identityKeyFile);
  return readKeyFile(file) ?? makeKeyFile(file);
}

function readKeyFile(file: string): string | null {
  let key: string;
  try {
    key = readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError([`${file}: cannot read the identity key: ${(e as Error).message}`]);
  }
  if (key.length < minimumLength) {
    throw new ConfigError([
      `${file}: the identity key must be at least ${minimumLength} characters`,
    ]);
  }
  return key;
}

function makeKeyFile(file: string): string {
  const key = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  try {
    // Exclusive: of two processes starting on the same database, one writes and both read it.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError([`${file}: cannot write the identity key: ${(e as Error).message}`]);
    }
    return readKeyFile(file) ?? key;
  }
  return key;
}
