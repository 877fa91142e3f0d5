import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import { noticeText } from '../../src/notices/render-text';
import { actionLabel, buttonValue, type NoticeAction, type PageAction } from '../shared/actions';
import type { ReadAnswer } from '../shared/answers';
import { escapeMarkdown } from './escape';

/**
 * Feishu Card JSON 2.0. Text that people wrote goes in plain_text, never markdown, so a petition
 * cannot format the card or @-mention a group.
 */
export type Card = {
  schema: '2.0';
  config: { update_multi: true };
  header?: object;
  body: { elements: object[] };
};

/** What a card button sends back in `action.value`: a step or a case to show, or a list's page. */
export type ButtonValue = NoticeAction | PageAction;

/** Cards have a size limit; a long text (a weekly summary) is cut well inside it. */
const textLimit = 5000;

export function plain(text: string) {
  return { tag: 'div', text: { tag: 'plain_text', content: text.slice(0, textLimit) } };
}

export function heading(text: string) {
  return { tag: 'markdown', content: `**${escapeMarkdown(text)}**` };
}

export function card(elements: object[], title?: string): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    ...(title
      ? { header: { title: { tag: 'plain_text', content: title }, template: 'blue' } }
      : {}),
    body: { elements },
  };
}

export function button(label: string, value: object, primary = false) {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: label.slice(0, 40) },
    type: primary ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value }],
  };
}

/** Buttons side by side, wrapping on a narrow screen. */
export function buttonRow(buttons: object[]) {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

export function actionButton(t: Translator, locale: Locale, action: NoticeAction | PageAction) {
  return button(
    actionLabel(t, locale, action),
    buttonValue(action),
    action.name === 'accept' || action.name === 'approve',
  );
}

/** The answer to a read as a card: its text, and a list's page buttons under it. */
export function answerCard(t: Translator, locale: Locale, answer: ReadAnswer): Card {
  const elements: object[] = [plain(answer.text)];
  // A list that shrank to one page while it was on screen has no page left to turn to.
  if (answer.pages.length > 0) {
    elements.push(buttonRow(answer.pages.map((a) => actionButton(t, locale, a))));
  }
  return card(elements);
}

/** A text with a row of buttons under it (none when the reader may use none). */
export function actionCard(t: Translator, locale: Locale, text: string, actions: NoticeAction[]) {
  const elements: object[] = [plain(text)];
  if (actions.length > 0) elements.push(buttonRow(actions.map((a) => actionButton(t, locale, a))));
  return card(elements);
}

/** A notice as a card: its text, and the buttons its reader may use. */
export function noticeCard(
  t: Translator,
  locale: Locale,
  notice: OutgoingNotice,
  actions: NoticeAction[],
): Card {
  const elements: object[] = [plain(noticeText(t, locale, notice))];
  if (actions.length > 0) elements.push(buttonRow(actions.map((a) => actionButton(t, locale, a))));
  return card(elements);
}

/** What replaces a card once its step is taken: who did what, with no buttons left to click. */
export function doneCard(text: string): Card {
  return card([plain(text)]);
}
