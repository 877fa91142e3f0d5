import { IsNull, type EntityManager } from 'typeorm';
import { blockSeal, sealOf, voidSeal } from '../domain/audit-chain';
import { verifyAuditTrail, type BrokenLink } from './audit-verifier';
import { beforeBlocks } from './number-format';
import { NumberBlockEntity, NumberVoidEntity } from './entities';
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
    'SELECT p.id, p.audit_seq, p.audit_head, p.state, d.case_digest FROM petitions p LEFT JOIN destructions d ON d.petition_id = p.id WHERE p.audit_seal IS NULL AND p.audit_seq > 0 AND p.id > ? ORDER BY p.id LIMIT 500',
    [afterId],
  )) as {
    id: number;
    audit_seq: number;
    audit_head: string;
    state: string;
    case_digest: string | null;
  }[];
  let sealed = 0;
  for (const r of rows) {
    const destroyed = r.state === 'destroyed';
    const seal = sealOf(key, r.id, Number(r.audit_seq), r.audit_head, destroyed, r.case_digest);
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
 * R2, R24: the blocks of case numbers and the voids written without the key, sealed as they are
 * (the migrated block of an earlier release's numbers stays as it is: the verification knows it).
 */
async function sealNumbers(m: EntityManager, key: string): Promise<number> {
  let sealed = 0;
  for (const block of await m.findBy(NumberBlockEntity, { seal: IsNull() })) {
    if (block.holder === beforeBlocks) continue;
    const result = await m.update(
      NumberBlockEntity,
      {
        id: block.id,
        seal: IsNull(),
        lastValue: block.lastValue,
        closedAt: block.closedAt ?? IsNull(),
      },
      { seal: blockSeal(key, block) },
    );
    sealed += result.affected ?? 0;
  }
  for (const v of await m.findBy(NumberVoidEntity, { seal: IsNull() })) {
    await m.update(
      NumberVoidEntity,
      { name: v.name, firstValue: v.firstValue, seal: IsNull() },
      { seal: voidSeal(key, v) },
    );
    sealed++;
  }
  return sealed;
}

/**
 * R24, once, when AUDIT_SEAL_KEY is new (`npm run audit:verify -- --seal`): verifies every chain
 * and, only if all hold, seals the heads, blocks of case numbers and voids that have no seal
 * yet. Not done at start-up: a seal an attacker removed must stay missing, not be granted anew.
 */
export async function sealTrails(
  store: Store,
  key: string,
): Promise<{ broken: BrokenLink | null; sealed: number; numbers: number }> {
  const broken = await verifyAuditTrail(store.manager);
  if (broken) return { broken, sealed: 0, numbers: 0 };
  const numbers = await store.transaction((m) => sealNumbers(m, key));
  let sealed = 0;
  for (let after = 0; ;) {
    const batch = await store.transaction((m) => sealUnsealed(m, key, after));
    sealed += batch.sealed;
    if (batch.seen === 0) return { broken: null, sealed, numbers };
    after = batch.lastId;
  }
}
