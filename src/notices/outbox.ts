import type { EntityManager } from 'typeorm';
import { NoticeEntity } from '../store/entities';
import type { NoticeKind, NoticePayload, Recipient } from './notice';
import { priorityOf } from './priority';

/** A notice to write: its params typed by its kind, so a wrong field for a kind fails to compile. */
export type NewNotice<K extends NoticeKind = NoticeKind> = NoticePayload<K> & {
  to: Recipient;
  petitionId?: number | null;
  /**
   * Identifies the notice across retries and instances: a second notice with the same key is
   * dropped. Use-case notices key on the event that caused them; reminders on case, kind and day.
   */
  dedupeKey: string;
  notBefore?: Date;
};

/** Writes notices to the outbox in the caller's transaction: they exist if and only if it commits. */
export async function addNotices(m: EntityManager, now: Date, notices: NewNotice[]): Promise<void> {
  // Chunks keep each statement under the databases' limits on bound parameters.
  for (let i = 0; i < notices.length; i += 500)
    await insertChunk(m, now, notices.slice(i, i + 500));
}

async function insertChunk(m: EntityManager, now: Date, notices: NewNotice[]) {
  await m
    .createQueryBuilder()
    .insert()
    .into(NoticeEntity)
    .values(
      notices.map((n) => ({
        dedupeKey: n.dedupeKey,
        petitionId: n.petitionId ?? null,
        kind: n.kind,
        recipientKind: n.to.kind,
        recipient: n.to.id,
        params: JSON.stringify(n.params),
        state: 'pending' as const,
        priority: priorityOf(n.kind, n.to.kind),
        attempts: 0,
        notBefore: n.notBefore ?? now,
        createdAt: now,
      })),
    )
    // A no-op update on conflict, not INSERT IGNORE: MySQL's IGNORE would also silence real
    // errors such as a truncated value.
    .orUpdate(['dedupe_key'], ['dedupe_key'])
    .execute();
}
