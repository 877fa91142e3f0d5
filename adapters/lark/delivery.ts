import { createHash } from 'node:crypto';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { DeliveryFailure, type Address, type DeliveryPort } from '../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../src/notices/notice';
import { noticeChartCount, noticeCharts } from '../../src/presenters/charts';
import type { Limit } from '../../src/notices/rate-buckets';
import type { Core } from '../../src/services/core';
import { usableActions } from '../shared/actions';
import { recipientLocale } from '../shared/recipient-locale';
import { imageElement, noticeCard } from './cards';
import { LarkApiError, type LarkOpenApi } from './open-api';

/**
 * Lark codes that no retry mends: the receiver does not exist, the bot is not in the chat or
 * not available to the user, or the app lacks the permission.
 */
const permanent = new Set([230001, 230002, 230006, 230013, 99991672]);

/** Lark's "too many requests" codes: for the app, and for one user or chat. */
const appLimited = 99991400;
const recipientLimited = 230020;

/** Maps an Open API failure to what the dispatcher should do: wait, retry later, or park. */
export function failureOf(e: unknown): DeliveryFailure {
  if (!(e instanceof LarkApiError)) return new DeliveryFailure(String((e as Error).message ?? e));
  const what = `${e.code || `HTTP ${e.status}`} ${e.message}`;
  if (e.status === 429 || e.code === appLimited || e.code === recipientLimited)
    return new DeliveryFailure(
      what,
      (e.retryAfterSeconds ?? 1) * 1000,
      false,
      e.code === recipientLimited ? 'recipient' : 'app',
    );
  if (permanent.has(e.code)) return new DeliveryFailure(what, undefined, true);
  return new DeliveryFailure(what);
}

/**
 * Delivers the outbox to Lark: DMs by open_id, channel posts by chat_id, each as a card, within
 * im/v1/messages' limits: 1,000 a minute and 50 a second per app, 5 a second per user and per group
 * (LARK_RECIPIENT_SENDS_PER_SECOND).
 */
export class LarkDelivery implements DeliveryPort {
  readonly platform = 'lark' as const;

  limits(address: Address): Limit[] {
    return [
      { bucket: 'lark:im/v1/messages', perSecond: 1000 / 60, burst: 50, scope: 'app' },
      {
        bucket: `lark:${address.kind === 'user' ? 'user' : 'chat'}:${address.id}`,
        perSecond: this.perRecipient,
        burst: this.perRecipient,
        scope: 'recipient',
      },
    ];
  }

  constructor(
    private readonly api: LarkOpenApi,
    private readonly core: Core,
    private readonly t: Translator,
    private readonly locale: Locale,
    private readonly perRecipient: number,
  ) {}

  /**
   * Each chart's image upload in turn, then the card; and first the tenant access token, which
   * the SDK fetches again when it has run out (about every two hours).
   */
  callsOf(notice: OutgoingNotice): number {
    return 1 + noticeChartCount(notice) + 1;
  }

  async send(notice: OutgoingNotice, address: Address, key: string): Promise<void> {
    const locale = await recipientLocale(this.core, notice, this.locale);
    const card = noticeCard(this.t, locale, notice, await usableActions(this.core, notice));
    // Lark drops a second send with the same uuid (at most 50 characters), so a notice resent
    // after a lost answer is shown once.
    const uuid = createHash('sha1').update(key).digest('hex');
    try {
      // R29: a card shows an image only by the key its upload gave, so the charts go up first.
      for (const chart of noticeCharts(this.t, locale, notice)) {
        card.body.elements.push(imageElement(await this.api.uploadImage(chart.data), chart.title));
      }
      await this.api.sendCard(address, card, uuid);
    } catch (e) {
      throw failureOf(e);
    }
  }
}
