import { In } from 'typeorm';
import type { OutgoingNotice } from '../../src/notices/notice';
import { readNotice } from '../../src/notices/notice-reader';
import type { Core } from '../../src/services/core';
import { NoticeEntity } from '../../src/store/entities';
import { actionsFor } from '../shared/actions';
import type { TerminalContext } from './context';

/** A numbered choice under a notice: what a button is in Slack or Lark. */
export interface Choice {
  label: string;
  line: string;
}

/** A notice's buttons as the command lines the terminal runs when their number is typed. */
export function choicesFor(ctx: TerminalContext, notice: OutgoingNotice): Choice[] {
  return actionsFor(notice).map((a) => {
    if (a.name === 'rate') {
      const word = a.rating === 'basically_satisfied' ? 'basic' : a.rating;
      return {
        label: ctx.t('chat.action_rate', { rating: ctx.t(`rating.${a.rating}`) }),
        line: `rate ${a.number} ${word}`,
      };
    }
    const request = a.request !== undefined ? ` ${a.request}` : '';
    return { label: ctx.t(`chat.action_${a.name}`), line: `${a.name} ${a.number}${request}` };
  });
}

/**
 * In the embedded default the terminal is the only platform, so it delivers: the current
 * person's notices and every channel post are shown once and marked sent.
 */
export async function takeDeliverable(core: Core, personId: number): Promise<OutgoingNotice[]> {
  const m = core.store.manager;
  const pending = await m
    .getRepository(NoticeEntity)
    .createQueryBuilder('n')
    .where('n.state = :pending', { pending: 'pending' })
    .andWhere('n.not_before <= :now', { now: core.clock.now() })
    .andWhere("(n.recipient_kind <> 'person' OR n.recipient = :me)", { me: String(personId) })
    .orderBy('n.id')
    .getMany();
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
