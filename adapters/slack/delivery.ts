import type { webApi } from '@slack/bolt';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { DeliveryFailure, type Address, type DeliveryPort } from '../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../src/notices/notice';
import { noticeChartCount, noticeCharts } from '../../src/presenters/charts';
import type { Limit } from '../../src/notices/rate-buckets';
import type { Core } from '../../src/services/core';
import { usableActions } from '../shared/actions';
import { recipientLocale } from '../shared/recipient-locale';
import { noticeMessage } from './blocks';
import { dmChannelOf } from './files';

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
    // Slack does not say which of chat.postMessage's limits (the channel's or the workspace's)
    // answered, so the method's bucket pauses: the one that covers both.
    case 'slack_webapi_rate_limited_error':
      return new DeliveryFailure('429 rate limited', (error.retryAfter ?? 1) * 1000, false, 'app');
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

/**
 * Delivers the outbox to Slack. A DM is posted to the user id itself, which Slack delivers to the
 * app's DM with them: no conversations.open (Tier 3, about 50 a minute) on the way. Posting is
 * kept to chat.postMessage's limits: about one a second per channel with short bursts, and a
 * workspace-wide rate Slack does not publish (SLACK_CHANNEL_POSTS_PER_SECOND, SLACK_POSTS_PER_SECOND).
 */
export class SlackDelivery implements DeliveryPort {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly core: Core,
    private readonly t: Translator,
    private readonly locale: Locale,
    private readonly rates: { posts: number; perChannel: number },
  ) {}

  limits(address: Address): Limit[] {
    return [
      {
        bucket: 'slack:chat.postMessage',
        perSecond: this.rates.posts,
        burst: this.rates.posts,
        scope: 'app',
      },
      {
        bucket: `slack:channel:${address.id}`,
        perSecond: this.rates.perChannel,
        burst: Math.max(3, this.rates.perChannel),
        scope: 'recipient',
      },
    ];
  }

  /**
   * One post, or files.uploadV2 for a summary with charts: the DM's channel where it goes to a
   * person, then the charts' upload URLs, their uploads and the completion, each step's calls
   * side by side.
   */
  callsOf(notice: OutgoingNotice, address: Address): number {
    if (noticeChartCount(notice) === 0) return 1;
    return (address.kind === 'user' ? 1 : 0) + 3;
  }

  async send(notice: OutgoingNotice, address: Address): Promise<void> {
    const locale = await recipientLocale(this.core, notice, this.locale);
    const message = noticeMessage(this.t, locale, notice, await usableActions(this.core, notice));
    const charts = noticeCharts(this.t, locale, notice);
    try {
      if (charts.length === 0) {
        await this.client.chat.postMessage({ channel: address.id, ...message });
        return;
      }
      // R29: a summary with charts is one upload, its text the comment above the pictures, so a
      // retry never leaves the text posted without them.
      const channel =
        address.kind === 'user' ? await dmChannelOf(this.client, address.id) : address.id;
      await this.client.filesUploadV2({
        channel_id: channel,
        initial_comment: message.text,
        file_uploads: charts.map((c) => ({ file: c.data, filename: c.name, title: c.title })),
      });
    } catch (e) {
      throw failureOf(e);
    }
  }
}
