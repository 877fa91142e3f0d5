import { In } from 'typeorm';
import type { Notice } from '../../src/notices/notice';
import type { Core } from '../../src/services/core';
import { NoticeEntity } from '../../src/store/entities';
import type { TerminalContext } from './context';

/** A numbered choice under a notice: what a button is in Slack or Lark. */
export interface Choice {
  label: string;
  line: string;
}

/** The buttons a notice carries, as command lines the terminal runs when their number is typed. */
export function choicesFor(ctx: TerminalContext, notice: Notice): Choice[] {
  const params = JSON.parse(notice.params) as Record<string, string | number>;
  const n = String(params.number);
  const label = (key: string, extra = {}) => ctx.t(`chat.action_${key}`, extra);
  switch (notice.kind) {
    case 'new_case':
    case 'transferred_in':
    case 'acceptance_overdue':
      return [
        { label: label('show'), line: `show ${n}` },
        { label: label('accept'), line: `accept ${n}` },
        { label: label('decline'), line: `decline ${n}` },
      ];
    case 'extension_requested':
    case 'extension_waiting':
      return [
        { label: label('approve'), line: `approve ${n}` },
        { label: label('reject'), line: `reject ${n}` },
      ];
    case 'rating_requested':
      return (['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((r) => ({
        label: label('rate', { rating: ctx.t(`rating.${r}`) }),
        line: `rate ${n} ${r === 'basically_satisfied' ? 'basic' : r}`,
      }));
    case 'disclosure_requested':
      return [
        { label: label('grant'), line: `grant ${n} ${params.request}` },
        { label: label('deny'), line: `deny ${n} ${params.request}` },
      ];
    case 'appealed':
      return [{ label: label('review'), line: `review ${n}` }];
    default:
      return [{ label: label('show'), line: `show ${n}` }];
  }
}

/**
 * In the embedded default the terminal is the only platform, so it delivers: the current
 * person's notices and every channel post are shown once and marked sent.
 */
export async function takeDeliverable(core: Core, personId: number): Promise<Notice[]> {
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
  await m.update(
    NoticeEntity,
    { id: In(pending.map((n) => n.id)), state: 'pending' },
    { state: 'sent', sentAt: core.clock.now() },
  );
  return pending;
}
