import { allows, type PetitionState } from '../../src/domain/lifecycle';
import type { Rating } from '../../src/domain/petition';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { CommandName } from './commands';

/** What a button on a notice does; every adapter offers the same ones for the same notice. */
export type ActionName =
  | 'show'
  | 'accept'
  | 'decline'
  | 'approve'
  | 'reject'
  | 'rate'
  | 'grant'
  | 'deny'
  | 'review'
  | 'reply'
  | 'extend'
  | 'appeal';

export interface NoticeAction {
  name: ActionName;
  number: string;
  rating?: Rating;
  request?: number;
}

const ratings: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/** The buttons a notice of this kind carries. */
export function actionsFor(notice: OutgoingNotice): NoticeAction[] {
  if (!('number' in notice.params)) return [];
  const { number } = notice.params;
  switch (notice.kind) {
    case 'new_case':
    case 'transferred_in':
    case 'acceptance_overdue':
      return [
        { name: 'show', number },
        { name: 'accept', number },
        { name: 'decline', number },
      ];
    case 'extension_requested':
    case 'extension_waiting':
      return [
        { name: 'approve', number },
        { name: 'reject', number },
      ];
    case 'rating_requested':
      return ratings.map((rating) => ({ name: 'rate', number, rating }));
    case 'disclosure_requested':
      return [
        { name: 'grant', number, request: notice.params.request },
        { name: 'deny', number, request: notice.params.request },
      ];
    case 'appealed':
      return [{ name: 'review', number }];
    case 'due_soon':
      return [
        { name: 'show', number },
        { name: 'reply', number },
        { name: 'extend', number },
      ];
    case 'replied':
      return [
        { name: 'show', number },
        { name: 'appeal', number },
      ];
    case 'reviewed':
      return notice.params.final
        ? [{ name: 'show', number }]
        : [
            { name: 'show', number },
            { name: 'appeal', number },
          ];
    default:
      return [{ name: 'show', number }];
  }
}

/** The buttons beside a case in a list (Slack's App Home): what its state asks for next. */
export function actionsForCase(number: string, state: PetitionState): NoticeAction[] {
  const next: ActionName[] = allows('accept', state)
    ? ['show', 'accept', 'decline']
    : allows('reply', state)
      ? ['show', 'reply', 'extend']
      : ['show'];
  return next.map((name) => ({ name, number }));
}

/** The lists a person pages through, named as the commands that show them. */
export type ListName = Extract<CommandName, 'mine' | 'queue' | 'leading'>;

/** A button that turns a list to another page; every adapter offers the same ones. */
export interface PageAction {
  name: 'previous' | 'next';
  list: ListName;
  page: number;
}

/** The buttons under one page of a list: back when not on the first, on when more follow. */
export function pageActions(list: ListName, at: { page: number; pages: number }): PageAction[] {
  const actions: PageAction[] = [];
  if (at.page > 1) actions.push({ name: 'previous', list, page: at.page - 1 });
  if (at.page < at.pages) actions.push({ name: 'next', list, page: at.page + 1 });
  return actions;
}

const listNames: readonly ListName[] = ['mine', 'queue', 'leading'];

/** Whether a clicked button's value turns a list's page. */
export function isPageAction(value: {
  name?: unknown;
  list?: unknown;
  page?: unknown;
}): value is PageAction {
  return (
    (value.name === 'previous' || value.name === 'next') &&
    listNames.some((l) => l === value.list) &&
    Number.isInteger(value.page)
  );
}

/** A button's label, the same on every platform. */
export function actionLabel(
  t: Translator,
  locale: Locale,
  action: NoticeAction | PageAction,
): string {
  return action.name === 'rate'
    ? t.t(locale, 'chat.action_rate', { rating: t.t(locale, `rating.${action.rating}`) })
    : t.t(locale, `chat.action_${action.name}`);
}
