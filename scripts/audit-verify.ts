import 'dotenv/config';
import { openDatabase, refuseUnmigrated } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { loadOrganisation } from '../src/config/org';
import { systemClock } from '../src/domain/clock';
import { createCore } from '../src/services/core';
import { projectedWith } from '../src/services/deadline-projection';
import { sealTrails } from '../src/store/audit-sealing';
import { describeBroken, verifyAuditTrail } from '../src/store/audit-verifier';
import { sealPolicyTrails, verifyPolicyTrails } from '../src/store/policy-trail';
import { Store } from '../src/store/store';

/**
 * `npm run audit:verify`: walks every petition's hash chain and compares each case's own rows
 * with what its newest event recorded (R24), checks that every case number taken is a petition
 * or void (R2), recomputes each open case's deadlines from its history (R9), and with
 * AUDIT_SEAL_KEY checks every seal; walks every policy's chain the same way (R17); exit 1 at the
 * first broken link.
 * `npm run audit:verify -- --seal`: once, when the key is new: verifies the chains, then seals the
 * heads written before the key existed, taking them as they are now.
 */
async function main() {
  const env = loadEnv(process.env);
  const seal = process.argv.includes('--seal');
  if (seal && !env.AUDIT_SEAL_KEY) throw new ConfigError(['--seal needs AUDIT_SEAL_KEY']);
  const org = loadOrganisation(env.ORG_CONFIG);
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    await refuseUnmigrated(dataSource, 'the audit trail cannot be read');
    const key = env.AUDIT_SEAL_KEY ?? null;
    const store = new Store(dataSource, env.DATABASE_URL, key);
    if (seal && key) {
      const { broken, sealed, numbers } = await sealTrails(store, key);
      if (broken) {
        console.error(`not sealing: ${describeBroken(broken)}`);
        process.exitCode = 1;
        return;
      }
      console.log(
        `sealed ${sealed} audit heads and ${numbers} blocks or voids of case numbers that had no seal`,
      );
      const policies = await sealPolicyTrails(store.manager, key);
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
    const deadlines = await projectedWith(createCore(store, org, systemClock, env.BOT_TIMEZONE));
    if (!deadlines) {
      console.log(
        'deadlines not compared: the organisation file changed the time limits or the calendar since the bot last projected them (start it once)',
      );
    }
    const broken = await verifyAuditTrail(store.manager, key, new Date(), deadlines ?? undefined);
    // R17: the policy register keeps its own trail, under the same rules.
    const policy = broken ? null : await verifyPolicyTrails(store.manager, key);
    if (broken) {
      console.error(describeBroken(broken));
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
