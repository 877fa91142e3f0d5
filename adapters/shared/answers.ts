import type { Actor, Locale } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { figuresOnDemand } from '../../src/jobs/figures-on-demand';
import { parseFilter } from '../../src/services/case-filter';
import { today, type Core } from '../../src/services/core';
import { findCases } from '../../src/services/find';
import type { Page } from '../../src/services/page';
import {
  caseFile,
  leaderCases,
  myPetitions,
  queue,
  type PetitionSummary,
} from '../../src/services/read-models';
import { pageActions, type ListName, type PageAction } from './actions';
import type { CommandName } from './commands';
import type { TextRenderer } from './text-render';

/** The commands a chat answers with text, whoever asks: lists and one case file. */
export const readCommands: CommandName[] = [
  'help',
  'mine',
  'queue',
  'leading',
  'show',
  'list',
  'search',
  'stats',
];

/** What a chat says back to a read: its text, and the buttons that turn a list's page. */
export interface ReadAnswer {
  text: string;
  pages: PageAction[];
}

/** R29: a found list's filter and words, a page of it; `search` needs words to search for. */
function found(core: Core, actor: Actor, list: 'list' | 'search', query: string, page: number) {
  const request = parseFilter(core.org, query.split(/\s+/), today(core));
  if (list === 'search' && request.filter.keyword === undefined) {
    throw new Refusal('desk.search_needs_words');
  }
  return findCases(core, actor, request.filter, page);
}

function pageOf(core: Core, actor: Actor, list: ListName, page: number, query: string) {
  switch (list) {
    case 'list':
    case 'search':
      return found(core, actor, list, query, page);
    case 'mine':
      return myPetitions(core, actor, page);
    case 'queue':
      return queue(core, actor, page);
    case 'leading':
      return leaderCases(core, actor, page);
  }
}

/** The page a command's argument names (`queue 2`); the first when none or no number. */
export function pageNumber(argument: string | undefined): number {
  return /^\d+$/.test(argument ?? '') ? Number(argument) : 1;
}

/** One page of a list as a chat shows it, with buttons to the pages beside it. */
export async function answerList(
  core: Core,
  render: TextRenderer,
  actor: Actor,
  locale: Locale,
  list: ListName,
  page: number,
  query = '',
): Promise<ReadAnswer> {
  const at: Page<PetitionSummary> = await pageOf(core, actor, list, page, query);
  if (list === 'list' || list === 'search') {
    return { text: render.found(locale, list, at, query), pages: pageActions(list, at, query) };
  }
  return { text: render.page(locale, list, at), pages: pageActions(list, at) };
}

/** The words of a found list's command and the page asked for, apart: `search 加班 2`. */
export function foundQuery(rest: string): { query: string; page: number } {
  const words = rest.split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  if (last !== undefined && /^\d{1,4}$/.test(last)) {
    return { query: words.slice(0, -1).join(' '), page: Number(last) };
  }
  return { query: words.join(' '), page: 1 };
}

/**
 * The answer to a read command in a chat. `help` is the platform's own help text, since each
 * platform starts things differently (a slash command, a bot menu).
 */
export async function answerRead(
  core: Core,
  render: TextRenderer,
  actor: Actor,
  locale: Locale,
  command: CommandName,
  rest: string,
  help: string,
): Promise<ReadAnswer> {
  switch (command) {
    case 'mine':
    case 'queue':
    case 'leading':
      return answerList(core, render, actor, locale, command, pageNumber(rest.split(/\s+/)[0]));
    case 'list':
    case 'search': {
      const { query, page } = foundQuery(rest);
      return answerList(core, render, actor, locale, command, page, query);
    }
    case 'stats': {
      const report = await figuresOnDemand(core, actor, rest.trim() || '本周');
      return { text: render.figures(locale, report), pages: [] };
    }
    case 'show':
      return { text: render.caseFile(locale, await caseFile(core, actor, rest)), pages: [] };
    default:
      return { text: help, pages: [] };
  }
}
