import { In } from 'typeorm';
import type { OutgoingNotice } from '../notices/notice';
import { readNotice } from '../notices/notice-reader';
import { personBehind } from '../store/custody';
import { NoticeEntity, type NoticeRow } from '../store/entities';
import type { Core } from './core';

/**
 * In the embedded default no chat platform delivers, so the terminal shows the outbox itself:
 * the person's due notices and every channel post are taken once, marked sent as they are.
 */
export async function takeDeliverable(core: Core, personId: number): Promise<OutgoingNotice[]> {
  const m = core.store.manager;
  const due = await m
    .getRepository(NoticeEntity)
    .createQueryBuilder('n')
    .where('n.state = :pending', { pending: 'pending' })
    .andWhere('n.not_before <= :now', { now: core.clock.now() })
    .andWhere("(n.recipient_kind <> 'person' OR n.recipient = :me)", { me: String(personId) })
    .orderBy('n.id')
    .getMany();
  // R6: a notice to a relay id is the person's when custody says the id stands for them.
  const pending: NoticeRow[] = [];
  for (const n of due) {
    const mine =
      n.recipientKind !== 'relay' ||
      (await personBehind(m, core.store.custody, n.recipient)) === personId;
    if (mine) pending.push(n);
  }
  if (pending.length === 0) return [];
  await core.store.transaction((tx) =>
    tx.update(
      NoticeEntity,
      { id: In(pending.map((n) => n.id)), state: 'pending' },
      { state: 'sent', sentAt: core.clock.now() },
    ),
  );
  return pending.map(readNotice);
}
