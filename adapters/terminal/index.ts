import type { Readable, Writable } from 'node:stream';
import type { Booted } from '../../src/boot';
import type { AdjustableClock } from '../../src/domain/clock';
import { Translator } from '../../src/i18n/translator';
import { createCore } from '../../src/services/core';
import { TerminalSession } from './session';

/**
 * The embedded default: with no chat credentials, the bot talks to whoever sits at the
 * terminal. It starts as the first employee without a role; `as` switches.
 */
export function terminalSession(
  app: Booted,
  clock: AdjustableClock,
  streams: { input: Readable; output: Writable; interactive: boolean },
): TerminalSession {
  const org = app.org;
  const first = org.people.find((p) => p.roles.length === 0) ?? org.people[0];
  return new TerminalSession({
    core: createCore(app.store, org, clock, app.env.BOT_TIMEZONE),
    clock,
    translator: new Translator(org),
    ...streams,
    locale: app.env.BOT_LOCALE,
    startAs: first.id,
  });
}
