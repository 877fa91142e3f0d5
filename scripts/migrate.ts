import 'dotenv/config';
import { openDatabase } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { underStartLock } from '../src/store/start-lock';

/** `npm run migrate` applies pending migrations; `npm run migrate -- --revert` undoes the last. */
async function main() {
  const env = loadEnv(process.env);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    // Not while an instance is starting (and migrating) on the same database.
    await underStartLock(dataSource, async () => {
      if (process.argv.includes('--revert')) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
      } else {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(
          applied.length === 0
            ? 'the database is up to date'
            : `applied: ${applied.map((m) => m.name).join(', ')}`,
        );
      }
    });
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
