import { LessThan, MoreThan } from 'typeorm';
import { NoticeEntity } from '../store/entities';
import type { Store } from '../store/store';

/** How many late notices /healthz lists by name; the count covers them all. */
const listed = 20;

/**
 * What /healthz says about the outbox: parked notices; how old the oldest pending one is; the
 * send rate over the last minute; and each notice pending longer than `lateAfterMs`, listed with
 * its kind, age, attempts and last error (never its text or recipient). Not ok while any is
 * parked or late.
 */
export async function outboxHealth(store: Store, now: Date, lateAfterMs: number) {
  const m = store.manager;
  const parked = await m.countBy(NoticeEntity, { state: 'parked' });
  const pending = await m.countBy(NoticeEntity, { state: 'pending' });
  const oldest = await m.findOne(NoticeEntity, {
    where: { state: 'pending' },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const minuteAgo = new Date(now.getTime() - 60_000);
  const sentLastMinute = await m.countBy(NoticeEntity, {
    state: 'sent',
    sentAt: MoreThan(minuteAgo),
  });
  const lateWhere = {
    state: 'pending' as const,
    createdAt: LessThan(new Date(now.getTime() - lateAfterMs)),
  };
  const lateCount = await m.countBy(NoticeEntity, lateWhere);
  const late = await m.find(NoticeEntity, {
    where: lateWhere,
    order: { createdAt: 'ASC', id: 'ASC' },
    take: listed,
  });
  return {
    ok: parked === 0 && lateCount === 0,
    detail: {
      parked,
      pending,
      oldestPendingSeconds: oldest ? ageSeconds(now, oldest.createdAt) : 0,
      sentLastMinute,
      sentPerSecond: Math.round((sentLastMinute / 60) * 100) / 100,
      lateAfterSeconds: Math.round(lateAfterMs / 1000),
      lateCount,
      late: late.map((n) => ({
        id: n.id,
        kind: n.kind,
        recipientKind: n.recipientKind,
        pendingSeconds: ageSeconds(now, n.createdAt),
        attempts: n.attempts,
        lastError: n.lastError,
      })),
    },
  };
}

function ageSeconds(now: Date, since: Date): number {
  return Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000));
}
