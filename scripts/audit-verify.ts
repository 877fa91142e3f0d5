import 'dotenv/config';
import { openDatabase, refuseUnmigrated } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { sealTrails } from '../src/store/audit-sealing';
import { verifyAuditTrail } from '../src/store/audit-verifier';
import { sealPolicyTrails, verifyPolicyTrails } from '../src/store/policy-trail';
import { Store } from '../src/store/store';

/**
 * `npm run audit:verify`: walks every petition's hash chain (R24) and every policy's (R17), and with AUDIT_SEAL_KEY checks
 * every head's seal; exit 1 at the first broken link.
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
      const { broken, sealed } = await sealTrails(
        new Store(dataSource, env.DATABASE_URL, key),
        key,
      );
      if (broken) {
        console.error(
          `not sealing: audit trail broken at ${broken.number} event ${broken.seq}: ${broken.problem}`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`sealed ${sealed} audit heads that had no seal`);
      const policies = await sealPolicyTrails(dataSource.manager, key);
      if (policies.broken) {
        const b = policies.broken;
        console.error(
          `not sealing: policy ${b.policy} trail broken at event ${b.seq}: ${b.problem}`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`sealed ${policies.sealed} policy heads that had no seal`);
    }
    const broken = await verifyAuditTrail(dataSource.manager, key);
    // R17: the policy register keeps its own trail, under the same rules.
    const policy = broken ? null : await verifyPolicyTrails(dataSource.manager, key);
    if (broken) {
      console.error(
        `audit trail broken at ${broken.number} event ${broken.seq}: ${broken.problem}`,
      );
      process.exitCode = 1;
    } else if (policy) {
      console.error(
        `audit trail broken at policy ${policy.policy} event ${policy.seq}: ${policy.problem}`,
      );
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
