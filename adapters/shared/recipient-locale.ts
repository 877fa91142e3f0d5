import type { Locale } from '../../src/domain/people';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { Core } from '../../src/services/core';
import { readerLocale } from '../../src/services/people';

/** The language a notice is rendered in: the person's own, or the bot's for a channel post. */
export async function recipientLocale(
  core: Core,
  notice: OutgoingNotice,
  fallback: Locale,
): Promise<Locale> {
  return (await readerLocale(core, notice.to)) ?? fallback;
}
