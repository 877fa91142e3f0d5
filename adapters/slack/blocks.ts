import type { types } from '@slack/bolt';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import { noticeText } from '../../src/notices/render-text';
import { actionsFor, type NoticeAction } from '../shared/actions';

/** Slack's mrkdwn treats these three as markup; everything else is shown as typed. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: escape(text).slice(0, 3000) } };
}

export function actionId(action: NoticeAction): string {
  return `petition_${action.name}${action.rating ? `_${action.rating}` : ''}`;
}

export function button(t: Translator, locale: Locale, action: NoticeAction): types.Button {
  const label =
    action.name === 'rate'
      ? t.t(locale, 'chat.action_rate', { rating: t.t(locale, `rating.${action.rating}`) })
      : t.t(locale, `chat.action_${action.name}`);
  return {
    type: 'button',
    action_id: actionId(action),
    text: { type: 'plain_text', text: label.slice(0, 75) },
    value: JSON.stringify(action),
    ...(action.name === 'accept' || action.name === 'approve' ? { style: 'primary' as const } : {}),
  };
}

/** A notice as a Slack message: its text, and its buttons (the same ones on every platform). */
export function noticeMessage(t: Translator, locale: Locale, notice: OutgoingNotice) {
  const text = noticeText(t, locale, notice);
  const actions = actionsFor(notice);
  const blocks: types.KnownBlock[] = [section(text)];
  if (actions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'notice',
      elements: actions.map((a) => button(t, locale, a)),
    });
  }
  return { text, blocks };
}
