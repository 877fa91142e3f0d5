import 'dotenv/config';
import { openDatabase, refuseUnmigrated } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { sealTrails } from '../src/store/audit-sealing';
import { describeBroken, verifyAuditTrail } from '../src/store/audit-verifier';
import { Store } from '../src/store/store';

/**
 * `npm run audit:verify`: walks every petition's hash chain and compares each case's own rows
 * with what its newest event recorded (R24), checks that every case number taken is a petition
 * or void (R2), and with AUDIT_SEAL_KEY checks every seal; exit 1 at the first broken link.
 * `npm run audit:verify -- --seal`: once, when the key is new: verifies the chains, then seals the
 * heads written before the key existed, taking them as they are now.
 */
async function main() {
  const env = loadEnv(process.env);
  const seal = process.argv.includes('--seal');
  if (seal && !env.AUDIT_SEAL_KEY) throw new ConfigError(['--seal needs AUDIT_SEAL_KEY']);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    await refuseUnmigrated(dataSource, 'the audit trail cannot be read');
    const key = env.AUDIT_SEAL_KEY ?? null;
    if (seal && key) {
      const { broken, sealed, numbers } = await sealTrails(
        new Store(dataSource, env.DATABASE_URL, key),
        key,
      );
      if (broken) {
        console.error(`not sealing: ${describeBroken(broken)}`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `sealed ${sealed} audit heads and ${numbers} blocks or voids of case numbers that had no seal`,
      );
    }
    const broken = await verifyAuditTrail(dataSource.manager, key);
    if (broken) {
      console.error(describeBroken(broken));
      process.exitCode = 1;
    } else {
      console.log(
        key
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
