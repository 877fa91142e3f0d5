import { localDateOf } from '../calendar/local-date';
import type { Actor } from '../domain/people';
import { deliveryMethods, ratings, type DeliveryMethod, type Rating } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { takeStep, toPeople, type StepResult } from './case-step';
import { today, type Core } from './core';
import { requiredDate, requiredText } from './input';

/** R11: the written reply (书面答复) and its four required parts, with how and when it was delivered. */
export interface WrittenReply {
  investigation: string;
  facts: string;
  basis: string;
  conclusion: string;
  deliveryMethod: DeliveryMethod;
  deliveredOn: string;
}

export const replyParts = ['investigation', 'facts', 'basis', 'conclusion'] as const;
type ReplyPart = (typeof replyParts)[number];

export function reply(
  core: Core,
  actor: Actor,
  number: string,
  written: WrittenReply,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'reply', ({ view, history }) => {
    const part = (name: ReplyPart) => {
      const text = (written[name] ?? '').trim();
      if (text === '') throw new Refusal('refusal.reply_part_missing', { part: name });
      return requiredText(text, name);
    };
    const parts = {
      investigation: part('investigation'),
      facts: part('facts'),
      basis: part('basis'),
      conclusion: part('conclusion'),
    };
    if (!deliveryMethods.includes(written.deliveryMethod)) {
      throw new Refusal('refusal.delivery_method', { method: String(written.deliveryMethod) });
    }
    const deliveredOn = requiredDate(written.deliveredOn, 'deliveredOn');
    const accepted = history.find((e) => e.type === 'accepted');
    const earliest = accepted ? localDateOf(accepted.at, core.rules.timeZone) : '';
    if (deliveredOn < earliest || deliveredOn > today(core)) {
      throw new Refusal('refusal.delivery_date', {
        date: deliveredOn,
        from: earliest,
        to: today(core),
      });
    }
    const to = [view.party.petitionerId, view.party.filedById];
    const params = { number: view.petition.number, ...parts, deliveredOn };
    return {
      event: {
        type: 'replied',
        data: { ...parts, deliveryMethod: written.deliveryMethod, deliveredOn },
      },
      notices: [
        ...toPeople(to, 'replied', { ...params, method: written.deliveryMethod }),
        ...toPeople(to, 'rating_requested', { number: view.petition.number }),
      ],
    };
  });
}

/** R12: the petitioner rates the reply; ratings feed the satisfaction metrics. */
export function rate(
  core: Core,
  actor: Actor,
  number: string,
  rating: Rating,
  comment?: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'rate', ({ view }) => {
    if (!ratings.includes(rating)) throw new Refusal('refusal.rating', { rating: String(rating) });
    return {
      event: { type: 'rated', reason: comment?.trim() || null, data: { rating } },
      changes: { rating },
      notices: toPeople([view.petition.ownerId], 'rated', { number: view.petition.number, rating }),
    };
  });
}
