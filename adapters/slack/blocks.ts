import type { types } from '@slack/bolt';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import { noticeText } from '../../src/notices/render-text';
import { actionLabel, buttonValue, type NoticeAction, type PageAction } from '../shared/actions';
import type { ReadAnswer } from '../shared/answers';
import type { AttachmentAnswer } from '../shared/attachments';
import { escape } from './escape';

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: escape(text).slice(0, 3000) } };
}

/** Unique within a message: a rating's buttons differ by the rating they carry. */
export function actionId(action: NoticeAction | PageAction): string {
  const rating = 'values' in action && action.values?.rating ? `_${action.values.rating}` : '';
  return `petition_${action.name}${rating}`;
}

export function button(
  t: Translator,
  locale: Locale,
  action: NoticeAction | PageAction,
): types.Button {
  const label = actionLabel(t, locale, action);
  return {
    type: 'button',
    action_id: actionId(action),
    text: { type: 'plain_text', text: label.slice(0, 75) },
    value: JSON.stringify(buttonValue(action)),
    ...(action.name === 'accept' || action.name === 'approve' ? { style: 'primary' as const } : {}),
  };
}

/** The answer to a read as a Slack message: its text, and a list's page buttons under it. */
export function answerMessage(t: Translator, locale: Locale, answer: ReadAnswer) {
  if (answer.pages.length === 0) return { text: escape(answer.text) };
  const blocks: types.KnownBlock[] = [
    section(answer.text),
    { type: 'actions', block_id: 'pages', elements: answer.pages.map((a) => button(t, locale, a)) },
  ];
  return { text: escape(answer.text), blocks };
}

/** Where an attachment answer's buttons are told apart from the notices' and the pages'. */
export const attachmentActionPrefix = 'attachment_';

/**
 * R30: an attachment answer (a case's files, "which case is this file for?") with a button for
 * each file or case; a button's value is the model's action, checked again when it comes back.
 * It always has its blocks, so a message updated to one without buttons loses the old ones.
 */
export function attachmentMessage(answer: AttachmentAnswer) {
  const blocks: types.KnownBlock[] = [section(answer.text)];
  if (answer.buttons.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'attachments',
      elements: answer.buttons.slice(0, 25).map((b, i) => ({
        type: 'button',
        action_id: `${attachmentActionPrefix}${i}`,
        text: { type: 'plain_text', text: b.label.slice(0, 75) },
        value: JSON.stringify(b.action),
      })),
    });
  }
  return { ...textMessage(answer.text), blocks };
}

/** A message of plain text. */
export function textMessage(text: string) {
  return { text: escape(text) };
}

/** A notice as a Slack message: its text, and the buttons its reader may use. */
export function noticeMessage(
  t: Translator,
  locale: Locale,
  notice: OutgoingNotice,
  actions: NoticeAction[],
) {
  const text = noticeText(t, locale, notice);
  const blocks: types.KnownBlock[] = [section(text)];
  if (actions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'notice',
      elements: actions.map((a) => button(t, locale, a)),
    });
  }
  return { text: escape(text), blocks };
}
