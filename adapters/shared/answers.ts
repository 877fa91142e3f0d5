import type { Actor, Locale } from '../../src/domain/people';
import type { Core } from '../../src/services/core';
import { caseFile, leaderCases, myPetitions, queue } from '../../src/services/read-models';
import type { CommandName } from './commands';
import type { TextRenderer } from './text-render';

/** The commands a chat answers with text, whoever asks: lists and one case file. */
export const readCommands: CommandName[] = ['help', 'mine', 'queue', 'leading', 'show'];

/**
 * The text answer to a read command in a chat. `help` is the platform's own help text, since each
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
): Promise<string> {
  switch (command) {
    case 'mine':
      return render.list(locale, await myPetitions(core, actor));
    case 'queue':
      return render.list(locale, await queue(core, actor));
    case 'leading':
      return render.list(locale, await leaderCases(core, actor));
    case 'show':
      return render.caseFile(locale, await caseFile(core, actor, rest));
    default:
      return help;
  }
}
