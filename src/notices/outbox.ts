import { In, type EntityManager } from 'typeorm';
import { isParty } from '../domain/permissions';
import { NoticeEntity, PetitionPartyEntity } from '../store/entities';
import { partyNotices, type NoticeKind, type NoticePayload, type Recipient } from './notice';

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
  for (let i = 0; i < notices.length; i += 500) {
    await insertChunk(m, now, await withoutParties(m, notices.slice(i, i + 500)));
  }
}

/** A notice that asks its reader to work on a case. */
const asksToWork = (n: NewNotice): n is NewNotice & { petitionId: number } =>
  typeof n.petitionId === 'number' && n.to.kind === 'person' && !partyNotices.has(n.kind);

/** R28: nobody is asked to work on a case they filed or filed on behalf of. */
async function withoutParties(m: EntityManager, notices: NewNotice[]): Promise<NewNotice[]> {
  const cases = [...new Set(notices.filter(asksToWork).map((n) => n.petitionId))];
  if (cases.length === 0) return notices;
  const parties = new Map(
    (await m.findBy(PetitionPartyEntity, { petitionId: In(cases) })).map((p) => [p.petitionId, p]),
  );
  return notices.filter((n) => {
    const party = asksToWork(n) ? parties.get(n.petitionId) : undefined;
    return party === undefined || !isParty(Number(n.to.id), party);
  });
}

async function insertChunk(m: EntityManager, now: Date, notices: NewNotice[]) {
  if (notices.length === 0) return;
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
