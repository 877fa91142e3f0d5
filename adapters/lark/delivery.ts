import { createHash } from 'node:crypto';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { DeliveryFailure, type Address, type DeliveryPort } from '../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { Core } from '../../src/services/core';
import { usableActions } from '../shared/actions';
import { recipientLocale } from '../shared/recipient-locale';
import { noticeCard } from './cards';
import { LarkApiError, type LarkOpenApi } from './open-api';

/**
 * Lark codes that no retry mends: the receiver does not exist, the bot is not in the chat or
 * not available to the user, or the app lacks the permission.
 */
const permanent = new Set([230001, 230002, 230006, 230013, 99991672]);

/** Lark's "too many requests" codes: for the app, and for one chat. */
const rateLimited = new Set([99991400, 230020]);

/** Maps an Open API failure to what the dispatcher should do: wait, retry later, or park. */
export function failureOf(e: unknown): DeliveryFailure {
  if (!(e instanceof LarkApiError)) return new DeliveryFailure(String((e as Error).message ?? e));
  const what = `${e.code || `HTTP ${e.status}`} ${e.message}`;
  if (e.status === 429 || rateLimited.has(e.code))
    return new DeliveryFailure(what, (e.retryAfterSeconds ?? 1) * 1000);
  if (permanent.has(e.code)) return new DeliveryFailure(what, undefined, true);
  return new DeliveryFailure(what);
}

/** Delivers the outbox to Lark: DMs by open_id, channel posts by chat_id, each as a card. */
export class LarkDelivery implements DeliveryPort {
  readonly platform = 'lark' as const;

  constructor(
    private readonly api: LarkOpenApi,
    private readonly core: Core,
    private readonly t: Translator,
    private readonly locale: Locale,
  ) {}

  async send(notice: OutgoingNotice, address: Address, key: string): Promise<void> {
    const locale = await recipientLocale(this.core, notice, this.locale);
    const card = noticeCard(this.t, locale, notice, await usableActions(this.core, notice));
    // Lark drops a second send with the same uuid (at most 50 characters), so a notice resent
    // after a lost answer is shown once.
    const uuid = createHash('sha1').update(key).digest('hex');
    try {
      await this.api.sendCard(address, card, uuid);
    } catch (e) {
      throw failureOf(e);
    }
  }
}
