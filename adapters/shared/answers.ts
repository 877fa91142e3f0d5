import type { Actor, Locale } from '../../src/domain/people';
import type { Core } from '../../src/services/core';
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
export const readCommands: CommandName[] = ['help', 'mine', 'queue', 'leading', 'show', 'policy'];

/** What a chat says back to a read: its text, and the buttons that turn a list's page. */
export interface ReadAnswer {
  text: string;
  pages: PageAction[];
}

function pageOf(core: Core, actor: Actor, list: ListName, page: number) {
  switch (list) {
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
): Promise<ReadAnswer> {
  const at: Page<PetitionSummary> = await pageOf(core, actor, list, page);
  return { text: render.page(locale, list, at), pages: pageActions(list, at) };
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
    case 'show':
      return { text: render.caseFile(locale, await caseFile(core, actor, rest)), pages: [] };
    case 'policy':
      return { text: render.policyView(locale, await readPolicy(core, actor, rest)), pages: [] };
    default:
      return { text: help, pages: [] };
  }
}
