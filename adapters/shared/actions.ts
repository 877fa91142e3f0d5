import type { StepName } from '../../src/domain/lifecycle';
import type { Actor, Locale } from '../../src/domain/people';
import type { Rating } from '../../src/domain/petition';
import { actorById } from '../../src/services/actors';
import { affordances, type Affordances } from '../../src/services/affordances';
import type { Core } from '../../src/services/core';
import { readerOf } from '../../src/services/people';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { ListName } from './commands';

export type { ListName };
import { interactionNames, type InteractionName, type Values } from './interactions';
import { onCase, stepIn } from './model';
import { policyView } from '../../src/services/policy';
import type { CommandName } from './commands';

/** What a button does: show the case, or start one interaction (its form, or the step at once). */
export type ActionName = 'show' | InteractionName;

export interface NoticeAction {
  name: ActionName;
  number: string;
  /** Answers the button gives (a rating), so that one click takes the step. */
  values?: Values;
  /** The disclosure request a custodian's decision answers. */
  request?: number;
  /** The state table's step the button takes, named on its label (复查 or 复核). */
  step?: StepName;
}

const ratings: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/** What a button sends back when clicked: the action without what only its label needed. */
export function buttonValue(action: NoticeAction | PageAction): object {
  if (!('step' in action)) return action;
  const { step: _label, ...value } = action;
  return value;
}

/** The buttons a notice of this kind may carry, before asking who may use them. */
export function actionsFor(notice: OutgoingNotice): NoticeAction[] {
  if (!('number' in notice.params)) return [];
  const { number } = notice.params;
  const named = (...names: ActionName[]) => names.map((name) => ({ name, number }));
  switch (notice.kind) {
    case 'new_case':
    case 'transferred_in':
    case 'acceptance_overdue':
      return named('show', 'accept', 'decline');
    case 'extension_requested':
    case 'extension_waiting':
      return named('approve', 'reject');
    case 'rating_requested':
      return ratings.map((rating) => ({ name: 'rate', number, values: { rating } }));
    case 'disclosure_requested':
      return (['grant', 'deny'] as const).map((name) => ({
        name,
        number,
        request: notice.params.request,
      }));
    case 'appealed':
      return named('review');
    case 'due_soon':
      return named('show', 'reply', 'extend');
    case 'replied':
    case 'reviewed':
      return named('show', 'appeal');
    default:
      return named('show');
  }
}

/** Whether the person (or, for a channel, anyone) may use the button on the case as it is now. */
function usable(open: Affordances, action: NoticeAction): NoticeAction | null {
  if (action.name === 'show') return action;
  const step = stepIn(action.name, open.state);
  return open.steps.includes(step) ? { ...action, step } : null;
}

/**
 * R32: the buttons a notice carries to its reader: those the state table and the rules let them
 * use now (no 受理 on a case already in progress, no 申请复核 to a handler). A channel post
 * carries those the case's state allows.
 */
export async function usableActions(core: Core, notice: OutgoingNotice): Promise<NoticeAction[]> {
  if (notice.kind === 'policy_registered' || notice.kind === 'policy_unsigned') {
    const reader = notice.to.kind === 'person' ? await actorById(core, Number(notice.to.id)) : null;
    return reader ? policyActions(core, reader, String(notice.params.policy)) : [];
  }
  const candidates = actionsFor(notice);
  if (candidates.length === 0 || !('number' in notice.params)) return [];
  const readerId = await readerOf(core, notice.to);
  const reader = readerId === null ? null : await actorById(core, readerId);
  const open = await affordances(core, reader, notice.params.number);
  return candidates.flatMap((a) => usable(open, a) ?? []);
}

/** The buttons under a case file: every step the reader may take on it now. */
export async function caseActions(
  core: Core,
  actor: Actor,
  number: string,
  only?: readonly ActionName[],
): Promise<NoticeAction[]> {
  const open = await affordances(core, actor, number);
  const names = only ?? interactionNames.filter(onCase);
  return names.flatMap((name): NoticeAction[] => {
    if (name === 'rate') {
      return ratings.flatMap(
        (rating) => usable(open, { name, number: open.number, values: { rating } }) ?? [],
      );
    }
    const one = usable(open, { name, number: open.number });
    return one ? [one] : [];
  });
}

/** R17: the buttons under a policy's view: its sign-off, for a leader who may give it now. */
export async function policyActions(core: Core, actor: Actor, id: string): Promise<NoticeAction[]> {
  const view = await policyView(core, actor, Number(id));
  return view.steps.includes('signOffPolicy') ? [{ name: 'signoff', number: id }] : [];
}

/** The buttons under what a read command shows: a case's steps, or a policy's sign-off. */
export function readActions(
  core: Core,
  actor: Actor,
  command: CommandName,
  rest: string,
): Promise<NoticeAction[]> {
  const subject = rest.split(/\s+/)[0] ?? '';
  if (command === 'show') return caseActions(core, actor, subject);
  if (command === 'policy') return policyActions(core, actor, subject);
  return Promise.resolve([]);
}

/** The buttons beside a case in a handler's queue: what the case asks of them next. */
export function queueActions(core: Core, actor: Actor, number: string): Promise<NoticeAction[]> {
  return caseActions(core, actor, number, ['show', 'accept', 'decline', 'reply', 'extend']);
}

/** The lists a dashboard opens (R29), by what they hold, with the filter words that find them. */
export const deskViews = { overdue: '超期', due_week: '本周到期' } as const;
export type DeskView = keyof typeof deskViews;

/** A button that turns a list to another page, or opens a dashboard's list at its first. */
export interface PageAction {
  name: 'previous' | 'next' | 'open';
  /** The dashboard list an `open` button shows, named on its label. */
  view?: DeskView;
  list: ListName;
  page: number;
  /** The filter and words of a found list (R29), as typed, so the next page finds the same. */
  query?: string;
}

/** The buttons under one page of a list: back when not on the first, on when more follow. */
export function pageActions(
  list: ListName,
  at: { page: number; pages: number },
  query?: string,
): PageAction[] {
  const actions: PageAction[] = [];
  const found = query ? { query } : {};
  if (at.page > 1) actions.push({ name: 'previous', list, page: at.page - 1, ...found });
  if (at.page < at.pages) actions.push({ name: 'next', list, page: at.page + 1, ...found });
  return actions;
}

const listNames: readonly ListName[] = ['mine', 'queue', 'leading', 'list', 'search'];

/** Whether a clicked button's value turns a list's page. */
export function isPageAction(value: {
  name?: unknown;
  list?: unknown;
  page?: unknown;
  query?: unknown;
}): value is PageAction {
  return (
    (value.name === 'previous' || value.name === 'next' || value.name === 'open') &&
    listNames.some((l) => l === value.list) &&
    Number.isInteger(value.page) &&
    (value.query === undefined || typeof value.query === 'string')
  );
}

/** R29: the dashboard's button into one of its lists. */
export function deskAction(view: DeskView): PageAction {
  return { name: 'open', list: 'list', page: 1, query: deskViews[view], view };
}

/** A button's label, the same on every platform. */
export function actionLabel(
  t: Translator,
  locale: Locale,
  action: NoticeAction | PageAction,
): string {
  if (action.name === 'open' && 'view' in action)
    return t.t(locale, `desk.home_open_${action.view}`);
  if (action.name === 'rate' && 'values' in action) {
    const rating = t.t(locale, `rating.${action.values?.rating}`);
    return t.t(locale, 'chat.action_rate', { rating });
  }
  // Review and re-review are told apart (复查, 复核) wherever the step is known.
  if ((action.name === 'appeal' || action.name === 'review') && 'step' in action && action.step) {
    return t.t(locale, `step.${action.step}`);
  }
  return t.t(locale, `chat.action_${action.name}`);
}
