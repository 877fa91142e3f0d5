import type { EntityManager } from 'typeorm';
import { sealOf } from '../domain/audit-chain';
import { verifyAuditTrail, type BrokenLink } from './audit-verifier';
import type { Store } from './store';

/**
 * Seals up to 500 heads after `afterId` that have no seal: trails written before the key was
 * introduced are taken as they are now (trust on first use), which is why only an operator does
 * this, once, after verifying the chains. A head that moved meanwhile is left for its own step to
 * seal. Returns the rows looked at, and the last id, to go on from.
 */
async function sealUnsealed(
  m: EntityManager,
  key: string,
  afterId: number,
): Promise<{ sealed: number; seen: number; lastId: number }> {
  const rows = (await m.query(
    'SELECT id, audit_seq, audit_head, state FROM petitions WHERE audit_seal IS NULL AND audit_seq > 0 AND id > ? ORDER BY id LIMIT 500',
    [afterId],
  )) as { id: number; audit_seq: number; audit_head: string; state: string }[];
  let sealed = 0;
  for (const r of rows) {
    const seal = sealOf(key, r.id, Number(r.audit_seq), r.audit_head, r.state === 'destroyed');
    await m.query(
      'UPDATE petitions SET audit_seal = ? WHERE id = ? AND audit_seal IS NULL AND audit_seq = ? AND audit_head = ?',
      [seal, r.id, r.audit_seq, r.audit_head],
    );
    const [now] = (await m.query('SELECT audit_seal FROM petitions WHERE id = ?', [r.id])) as {
      audit_seal: string | null;
    }[];
    if (now.audit_seal === seal) sealed++;
  }
  return { sealed, seen: rows.length, lastId: Number(rows.at(-1)?.id ?? afterId) };
}

/**
 * R24, once, when AUDIT_SEAL_KEY is new (`npm run audit:verify -- --seal`): verifies every chain
 * and, only if all hold, seals the heads that have no seal yet. Not done at start-up: a seal an
 * attacker removed must stay missing, not be granted anew.
 */
export async function sealTrails(
  store: Store,
  key: string,
): Promise<{ broken: BrokenLink | null; sealed: number }> {
  const broken = await verifyAuditTrail(store.manager);
  if (broken) return { broken, sealed: 0 };
  let sealed = 0;
  for (let after = 0; ;) {
    const batch = await store.transaction((m) => sealUnsealed(m, key, after));
    sealed += batch.sealed;
    if (batch.seen === 0) return { broken: null, sealed };
    after = batch.lastId;
  }
}
