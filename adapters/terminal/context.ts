import type { AdjustableClock } from '../../src/domain/clock';
import type { Actor, Locale } from '../../src/domain/people';
import type { Params, Translator } from '../../src/i18n/translator';
import type { Core } from '../../src/services/core';
import type { TextRenderer } from '../shared/text-render';

/** A numbered choice under a notice or a list: what a button is in Slack or Lark. */
export interface Choice {
  label: string;
  line: string;
}

/** What a terminal command handler may use: the core, the current person, and the screen. */
export interface TerminalContext {
  core: Core;
  clock: AdjustableClock;
  translator: Translator;
  render: TextRenderer;
  /** Where the files the desk makes are written (R29). */
  outDir: string;
  actor: Actor;
  locale: Locale;
  t(key: string, params?: Params): string;
  say(text: string): void;
  /** One answer; null when the user cancels or the input ends. */
  ask(prompt: string): Promise<string | null>;
  /** Numbered choices a typed number then runs, as a notice's buttons are. */
  offer(choices: Choice[]): void;
  /** Makes this the case `.` stands for in later commands. */
  remember(number: string): void;
  /** A date as typed: YYYY-MM-DD, `today`/`今天`, or relative: `+5wd` working days, `+3d` days. */
  date(text: string): string;
  switchTo(actor: Actor): void;
  setLocale(locale: Locale): void;
  quit(): void;
}
