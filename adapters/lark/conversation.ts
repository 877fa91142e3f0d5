import type { Actor } from '../../src/domain/people';
import { today } from '../../src/services/core';
import { homeLists } from '../../src/services/read-models';
import { actionsForCase } from '../shared/actions';
import { answerRead, readCommands } from '../shared/answers';
import type { Command } from '../shared/commands';
import type { FormName } from '../shared/forms';
import { actionButton, answerCard, button, buttonRow, card, heading, plain } from './cards';
import { localeOf, type LarkContext } from './context';
import { formCard, type FormCardOrigin } from './form-cards';

/**
 * What the bot says in a person's direct chat. Answers always go there, also to a command typed
 * in a group, so that nobody's petitions are listed in front of colleagues.
 */
export async function sendForm(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  form: FormName,
  origin: FormCardOrigin,
): Promise<void> {
  const drawn = formCard(ctx.t, localeOf(ctx, actor), form, origin, today(ctx.core));
  await ctx.api.sendCard({ kind: 'user', id: openId }, drawn);
}

/** A typed command (or a bot menu item) answered; text that is no command is offered for filing. */
export async function answerCommand(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  command: Command | null,
  text: string,
): Promise<void> {
  const locale = localeOf(ctx, actor);
  if (command?.name === 'file') {
    await sendForm(ctx, actor, openId, 'file', { content: command.restAfter(0) || undefined });
    return;
  }
  if (command && readCommands.includes(command.name)) {
    const help = ctx.t.t(locale, 'form.lark_help');
    const answer = await answerRead(
      ctx.core,
      ctx.render,
      actor,
      locale,
      command.name,
      command.restAfter(0),
      help,
    );
    // A list of several pages is a card, so its page buttons can turn it.
    if (answer.pages.length > 0) {
      await ctx.api.sendCard({ kind: 'user', id: openId }, answerCard(ctx.t, locale, answer));
    } else {
      await ctx.api.sendText(openId, answer.text);
    }
    return;
  }
  if (!command && text) {
    const question = ctx.t.t(locale, 'form.start_filing');
    const start = button(
      ctx.t.t(locale, 'form.file_title'),
      { name: 'file', content: text.slice(0, 1900) },
      true,
    );
    await ctx.api.sendCard({ kind: 'user', id: openId }, card([plain(question), start]));
    return;
  }
  await ctx.api.sendText(openId, ctx.t.t(locale, 'form.lark_help'));
}

/**
 * The card a person finds on opening the bot chat (Lark has no App Home): the first page of their
 * petitions, of a handler's queue with its buttons and of a leader's cases, each with how many
 * there are, and a button to file.
 */
export async function welcome(ctx: LarkContext, actor: Actor, openId: string): Promise<void> {
  const { core, t, render } = ctx;
  const locale = localeOf(ctx, actor);
  const home = await homeLists(core, actor);
  const elements: object[] = [
    plain(t.t(locale, 'form.lark_welcome', { name: actor.person.name })),
    button(t.t(locale, 'form.file_title'), { name: 'file' }, true),
    heading(t.t(locale, 'form.home_mine')),
    plain(render.page(locale, 'mine', home.mine)),
  ];
  if (home.queue) {
    elements.push(heading(t.t(locale, 'form.home_queue')));
    if (home.queue.items.length === 0) elements.push(plain(render.list(locale, [])));
    for (const item of home.queue.items) {
      elements.push(plain(render.list(locale, [item])));
      elements.push(
        buttonRow(actionsForCase(item.number, item.state).map((a) => actionButton(t, locale, a))),
      );
    }
    if (home.queue.pages > 1) elements.push(plain(render.pageLine(locale, 'queue', home.queue)));
  }
  if (home.leading) {
    elements.push(heading(t.t(locale, 'form.home_leading')));
    elements.push(plain(render.page(locale, 'leading', home.leading)));
  }
  await ctx.api.sendCard({ kind: 'user', id: openId }, card(elements));
}
