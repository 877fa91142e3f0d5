import type { Actor, Locale } from '../../src/domain/people';
import { figuresOnDemand } from '../../src/jobs/figures-on-demand';
import { parseFilter } from '../../src/services/case-filter';
import { today, type Core } from '../../src/services/core';
import { findCases } from '../../src/services/find';
import { caseDocx } from '../../src/presenters/case-docx';
import type { DeskFile } from '../../src/presenters/desk-file';
import { register, registerFile } from '../../src/presenters/register';
import type { Page } from '../../src/services/page';
import {
  caseFile,
  leaderCases,
  myPetitions,
  queue,
  type PetitionSummary,
} from '../../src/services/read-models';
import { policyView } from '../../src/services/policy';
import { Refusal } from '../../src/domain/refusal';
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
  'policy',
  'list',
  'search',
  'stats',
  'export',
];

/** What a chat says back to a read: its text, the buttons that turn a list's page, any files. */
export interface ReadAnswer {
  text: string;
  pages: PageAction[];
  /** R29: exports and charts, sent to the asker's own DM (the terminal writes them to disk). */
  files?: DeskFile[];
}

const registerWords = ['register', '名册', '台账'];
const caseWords = ['case', '案卷', '档案'];

/**
 * R29: `export register [period] [xlsx|csv]` (导出 名册 本月 csv) or `export case <number>`
 * (导出 案卷 XF-…), made only when asked, for the asker as they may see the cases.
 */
async function answerExport(
  core: Core,
  render: TextRenderer,
  actor: Actor,
  locale: Locale,
  rest: string,
): Promise<ReadAnswer> {
  const [what = '', ...words] = rest.split(/\s+/).filter(Boolean);
  let file: DeskFile;
  if (caseWords.includes(what.toLowerCase()) && words.length === 1) {
    file = await caseDocx(core, render.t, actor, words[0], locale);
  } else if (registerWords.includes(what.toLowerCase())) {
    const format = words.at(-1)?.toLowerCase() === 'csv' ? 'csv' : 'xlsx';
    const period = words.filter((w) => !/^(csv|xlsx)$/i.test(w)).join(' ') || '本月';
    const rows = await register(core, render.t, actor, period, locale);
    file = await registerFile(render.t, locale, rows, format);
  } else {
    throw new Refusal('desk.export_usage');
  }
  const text = render.t.t(locale, 'desk.export_ready', { file: file.name, what: file.title });
  return { text, pages: [], files: [file] };
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

/** R17: the policy a command names by its number (`政策 3`). */
export function readPolicy(core: Core, actor: Actor, rest: string) {
  const id = rest.split(/\s+/)[0] ?? '';
  if (!/^\d+$/.test(id)) throw new Refusal('refusal.unknown_policy', { policy: id });
  return policyView(core, actor, Number(id));
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
    case 'export':
      return answerExport(core, render, actor, locale, rest);
    case 'show':
      return { text: render.caseFile(locale, await caseFile(core, actor, rest)), pages: [] };
    case 'policy':
      return { text: render.policyView(locale, await readPolicy(core, actor, rest)), pages: [] };
    default:
      return { text: help, pages: [] };
  }
}
