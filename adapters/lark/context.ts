import type { Actor, Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import { explain as worded, type Speaker } from '../shared/model';
import type { TextRenderer } from '../shared/text-render';
import type { LarkOpenApi } from './open-api';

/**
 * Work done after Lark has its answer: the node-sdk waits for a handler before it answers, and
 * Lark redelivers what is not answered within 3 seconds. Kept so that stopping waits for it.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(what: string, work: () => Promise<void>): void {
    const job: Promise<void> = work()
      .catch((e: unknown) => this.log.error({ what, error: String(e) }, 'lark work failed'))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

export interface LarkContext {
  core: Core;
  t: Translator;
  api: LarkOpenApi;
  /** The bot's own open_id, to tell a message to the bot from chatter in a group. */
  botOpenId: string;
  render: TextRenderer;
  background: Background;
  /** The bot's language, for people who have not chosen one. */
  locale: Locale;
  log: Logger;
}

export function localeOf(ctx: LarkContext, actor: Actor): Locale {
  return actor.person.locale ?? ctx.locale;
}

/** How the model speaks to this person: in their language, with the bot's text views. */
export function speakerOf(ctx: LarkContext, actor: Actor): Speaker {
  return { t: ctx.t, render: ctx.render, locale: localeOf(ctx, actor) };
}

/** The one error policy: a refusal in the user's words; anything else logged and apologised for. */
export function explain(ctx: LarkContext, actor: Actor, e: unknown): string {
  return worded(ctx.log, speakerOf(ctx, actor), e);
}
