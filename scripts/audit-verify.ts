import 'dotenv/config';
import { openDatabase, refuseUnmigrated } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { verifyAuditTrail } from '../src/store/audit-trail';

/** `npm run audit:verify`: walks every petition's hash chain (R24); exit 1 at the first broken link. */
async function main() {
  const env = loadEnv(process.env);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    await refuseUnmigrated(dataSource, 'the audit trail cannot be read');
    const broken = await verifyAuditTrail(dataSource.manager, env.AUDIT_SEAL_KEY ?? null);
    if (broken) {
      console.error(
        `audit trail broken at ${broken.number} event ${broken.seq}: ${broken.problem}`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        env.AUDIT_SEAL_KEY
          ? 'audit trail intact and sealed'
          : 'audit trail intact (not sealed: no AUDIT_SEAL_KEY)',
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
