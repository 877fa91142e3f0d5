import type { StepName } from '../../src/domain/lifecycle';
import type { Actor, Locale } from '../../src/domain/people';
import type { Rating } from '../../src/domain/petition';
import { actorById } from '../../src/services/actors';
import { affordances, type Affordances } from '../../src/services/affordances';
import type { Core } from '../../src/services/core';
import type { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { ListName } from './commands';

export type { ListName };
import { interactionNames, type InteractionName, type Values } from './interactions';
import { stepIn, takesCase } from './model';

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
  const candidates = actionsFor(notice);
  if (candidates.length === 0 || !('number' in notice.params)) return [];
  const reader = notice.to.kind === 'person' ? await actorById(core, Number(notice.to.id)) : null;
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
  const names = only ?? interactionNames.filter(takesCase);
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

/** The buttons beside a case in a handler's queue: what the case asks of them next. */
export function queueActions(core: Core, actor: Actor, number: string): Promise<NoticeAction[]> {
  return caseActions(core, actor, number, ['show', 'accept', 'decline', 'reply', 'extend']);
}

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
