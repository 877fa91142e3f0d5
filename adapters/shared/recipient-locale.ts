import type { Locale } from '../../src/domain/people';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { Core } from '../../src/services/core';
import { PersonEntity } from '../../src/store/entities';

/** The language a notice is rendered in: the person's own, or the bot's for a channel post. */
export async function recipientLocale(
  core: Core,
  notice: OutgoingNotice,
  fallback: Locale,
): Promise<Locale> {
  if (notice.to.kind !== 'person') return fallback;
  const person = await core.store.manager.findOneBy(PersonEntity, { id: Number(notice.to.id) });
  return person?.locale ?? fallback;
}
