import type { Locale, Role } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { commandWords, type CommandName } from './commands';
import { interactions, isInteraction } from './interactions';
import { takesCase } from './model';

/** Who a command is for, as help groups it; `session` is the terminal's own. */
export type Audience = Role | 'everyone' | 'session';

/** Where a command is typed: every chat, or the terminal alone (its session and clock). */
export type Reach = 'every chat' | 'terminal';

/**
 * R32: every command, once: who it is for and where it works. The help of the three adapters
 * and the README's list are drawn from here (a test keeps the README in step).
 */
export const commandTable: { name: CommandName; for: Audience; reach: Reach }[] = [
  { name: 'help', for: 'everyone', reach: 'every chat' },
  { name: 'file', for: 'everyone', reach: 'every chat' },
  { name: 'mine', for: 'everyone', reach: 'every chat' },
  { name: 'show', for: 'everyone', reach: 'every chat' },
  { name: 'attachments', for: 'everyone', reach: 'every chat' },
  { name: 'attach', for: 'everyone', reach: 'terminal' },
  { name: 'list', for: 'everyone', reach: 'every chat' },
  { name: 'search', for: 'everyone', reach: 'every chat' },
  { name: 'stats', for: 'everyone', reach: 'every chat' },
  { name: 'export', for: 'everyone', reach: 'every chat' },
  { name: 'rate', for: 'everyone', reach: 'every chat' },
  { name: 'appeal', for: 'everyone', reach: 'every chat' },
  { name: 'withdraw', for: 'everyone', reach: 'every chat' },
  { name: 'msg', for: 'everyone', reach: 'every chat' },
  { name: 'team', for: 'liaison', reach: 'every chat' },
  { name: 'queue', for: 'handler', reach: 'every chat' },
  { name: 'accept', for: 'handler', reach: 'every chat' },
  { name: 'decline', for: 'handler', reach: 'every chat' },
  { name: 'transfer', for: 'handler', reach: 'every chat' },
  { name: 'co', for: 'handler', reach: 'every chat' },
  { name: 'note', for: 'handler', reach: 'every chat' },
  { name: 'pause', for: 'handler', reach: 'every chat' },
  { name: 'resume', for: 'handler', reach: 'every chat' },
  { name: 'extend', for: 'handler', reach: 'every chat' },
  { name: 'reply', for: 'handler', reach: 'every chat' },
  { name: 'close', for: 'handler', reach: 'every chat' },
  { name: 'major', for: 'handler', reach: 'every chat' },
  { name: 'disclose', for: 'handler', reach: 'every chat' },
  { name: 'link', for: 'handler', reach: 'every chat' },
  { name: 'policy', for: 'everyone', reach: 'every chat' },
  { name: 'approve', for: 'department_head', reach: 'every chat' },
  { name: 'reject', for: 'department_head', reach: 'every chat' },
  { name: 'handover', for: 'department_head', reach: 'every chat' },
  { name: 'leader', for: 'department_head', reach: 'every chat' },
  { name: 'register', for: 'department_head', reach: 'every chat' },
  { name: 'leading', for: 'leader', reach: 'every chat' },
  { name: 'signoff', for: 'leader', reach: 'every chat' },
  { name: 'review', for: 'review_board', reach: 'every chat' },
  { name: 'grant', for: 'custodian', reach: 'every chat' },
  { name: 'deny', for: 'custodian', reach: 'every chat' },
  { name: 'paper', for: 'admin', reach: 'every chat' },
  { name: 'hold', for: 'admin', reach: 'every chat' },
  { name: 'release', for: 'admin', reach: 'every chat' },
  { name: 'as', for: 'session', reach: 'terminal' },
  { name: 'whoami', for: 'session', reach: 'terminal' },
  { name: 'lang', for: 'session', reach: 'terminal' },
  { name: 'clock', for: 'session', reach: 'terminal' },
  { name: 'jobs', for: 'session', reach: 'terminal' },
  { name: 'quit', for: 'session', reach: 'terminal' },
];

/** A command's English word and its (first) Chinese one. */
function wordsOf(name: CommandName): [string, string] {
  const words = commandWords[name];
  return [words[0], words.find((w) => /[\u4e00-\u9fff]/.test(w)) ?? words[0]];
}

/** A command as help shows it: its English and Chinese words, and `<编号>` when it needs a case. */
export function commandLine(name: CommandName, caseWord: string): string {
  const [english, chinese] = wordsOf(name);
  const onCase =
    (isInteraction(name) && takesCase(name)) ||
    ['show', 'policy', 'attachments', 'attach'].includes(name);
  return `${english}/${chinese}${onCase ? ` <${caseWord}>` : ''}`;
}

/** The commands for one audience, as one help line. */
export function helpLine(audience: Audience, caseWord: string, reach?: Reach): string {
  return commandTable
    .filter((c) => c.for === audience && (!reach || c.reach === reach))
    .map((c) => commandLine(c.name, caseWord))
    .join(' · ');
}

/** What a chat says to `help`: its own way in, then every command it understands. */
export function chatHelp(t: Translator, locale: Locale, intro: string): string {
  const caseWord = t.t(locale, 'chat.case_word');
  const lines = commandTable
    .filter((c) => c.reach === 'every chat')
    .map((c) => commandLine(c.name, caseWord));
  return `${t.t(locale, intro)}\n${lines.join(' · ')}`;
}

/** The README's list of commands, as a Markdown table. */
export function commandsMarkdown(): string {
  const rows = commandTable.map((c) => {
    const [english, chinese] = wordsOf(c.name);
    const step = isInteraction(c.name) ? interactions[c.name].steps.join(', ') : '';
    const where = c.reach === 'terminal' ? 'terminal' : 'Slack · Lark · terminal';
    return `| \`${english}\` | ${chinese} | ${c.for} | ${step} | ${where} |`;
  });
  return [
    '| command | 中文 | for | step of the state table | where |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
