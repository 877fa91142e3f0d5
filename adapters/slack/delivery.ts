import type { webApi } from '@slack/bolt';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { DeliveryFailure, type Address, type DeliveryPort } from '../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { Core } from '../../src/services/core';
import { usableActions } from '../shared/actions';
import { recipientLocale } from '../shared/recipient-locale';
import { noticeMessage } from './blocks';

/** Errors that no retry mends: the address is wrong or the bot is not allowed there. */
const permanent = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'invalid_auth',
  'account_inactive',
  'missing_scope',
]);

/** Maps a Web API failure to what the dispatcher should do: wait, retry later, or park. */
export function failureOf(e: unknown): DeliveryFailure {
  const error = e as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (error.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryFailure('429 rate limited', (error.retryAfter ?? 1) * 1000);
    case 'slack_webapi_http_error':
      return new DeliveryFailure(
        `HTTP ${error.statusCode}`,
        undefined,
        (error.statusCode ?? 500) < 500,
      );
    case 'slack_webapi_platform_error':
      return new DeliveryFailure(
        String(error.data?.error),
        undefined,
        permanent.has(String(error.data?.error)),
      );
    default:
      return new DeliveryFailure(String((e as Error).message ?? e));
  }
}

/** Delivers the outbox to Slack: DMs through conversations.open, channel posts by id. */
export class SlackDelivery implements DeliveryPort {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly core: Core,
    private readonly t: Translator,
    private readonly locale: Locale,
  ) {}

  async send(notice: OutgoingNotice, address: Address): Promise<void> {
    try {
      const channel =
        address.kind === 'user'
          ? String((await this.client.conversations.open({ users: address.id })).channel?.id)
          : address.id;
      const message = noticeMessage(
        this.t,
        await recipientLocale(this.core, notice, this.locale),
        notice,
        await usableActions(this.core, notice),
      );
      await this.client.chat.postMessage({ channel, ...message });
    } catch (e) {
      throw failureOf(e);
    }
  }
}
