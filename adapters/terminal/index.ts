import type { Readable, Writable } from 'node:stream';
import type { AdjustableClock } from '../../src/domain/clock';
import { Translator } from '../../src/i18n/translator';
import type { Core } from '../../src/services/core';
import { TerminalSession } from './session';

/**
 * The embedded default: with no chat credentials, the bot talks to whoever sits at the
 * terminal. It starts as the first employee without a role; `as` switches.
 */
export function terminalSession(
  core: Core,
  clock: AdjustableClock,
  locale: 'zh-CN' | 'en',
  streams: { input: Readable; output: Writable; interactive: boolean; reopen?: () => Readable },
): TerminalSession {
  const first = core.org.people.find((p) => p.roles.length === 0) ?? core.org.people[0];
  return new TerminalSession({
    core,
    clock,
    translator: new Translator(core.org),
    ...streams,
    locale,
    startAs: first.id,
  });
}
