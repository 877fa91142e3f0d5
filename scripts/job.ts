import 'dotenv/config';
import { hostname } from 'node:os';
import { refuseUnmigrated, openDatabase } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { identityKeyFor } from '../src/config/identity-key';
import { loadOrganisation } from '../src/config/org';
import { systemClock } from '../src/domain/clock';
import { jobs } from '../src/jobs/catalogue';
import { DatabaseRunCoordinator } from '../src/jobs/coordinator';
import { runJobNow } from '../src/jobs/scheduler';
import { retryParked } from '../src/notices/dispatcher';
import { createCore } from '../src/services/core';
import { reprojectIfChanged } from '../src/services/deadline-projection';
import { indexTermsOnce } from '../src/services/petition-terms';
import { Store } from '../src/store/store';

/**
 * `npm run job -- NAME` runs one scheduled job now (recorded like a scheduled run);
 * `npm run job -- retry-parked` puts parked notices back in the outbox; no name lists the jobs.
 */
async function main() {
  const name = process.argv[2];
  if (!name) {
    console.log(`jobs: ${jobs.map((j) => j.name).join(', ')}, retry-parked`);
    return;
  }
  const env = loadEnv(process.env);
  const org = loadOrganisation(env.ORG_CONFIG);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    await refuseUnmigrated(dataSource, 'jobs cannot run');
    const store = new Store(
      dataSource,
      env.DATABASE_URL,
      env.AUDIT_SEAL_KEY ?? null,
      identityKeyFor(env),
    );
    const core = createCore(store, org, systemClock, env.BOT_TIMEZONE);
    if (name === 'retry-parked') {
      console.log(`notices back in the outbox: ${await retryParked(store, systemClock.now())}`);
      return;
    }
    // The sweep reads the deadline projections and the summaries the term index: both brought up
    // to date first, as the bot does at start-up, in case it has not started since an upgrade.
    await reprojectIfChanged(core);
    await indexTermsOnce(core);
    const coordinator = new DatabaseRunCoordinator(store, `cli@${hostname()}`, () =>
      systemClock.now(),
    );
    console.log(
      `${name}: ${await runJobNow(core, coordinator, name)} notices offered to the outbox`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
