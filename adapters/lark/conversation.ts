import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { keepDraft } from '../../src/services/drafts';
import { actionCounts } from '../../src/services/desk-home';
import { homeLists } from '../../src/services/read-models';
import { deskAction, queueActions, readActions } from '../shared/actions';
import { answerRead, readCommands } from '../shared/answers';
import { chatHelp } from '../shared/command-table';
import type { Command } from '../shared/commands';
import { isInteraction } from '../shared/interactions';
import { handleAction, takesCase } from '../shared/model';
import { listAttachments } from './attachments';
import { actionButton, actionCard, answerCard, buttonRow, card, heading, plain } from './cards';
import { explain, localeOf, speakerOf, type LarkContext } from './context';
import { formCard } from './form-cards';
/**
 * A typed command (or a bot menu item) answered in the person's direct chat, also for a command
 * typed in a group, so that nobody's petitions are listed in front of colleagues. A step opens
 * its form card; text that is no command is offered for filing.
 */
export async function answerCommand(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  command: Command | null,
  text: string,
): Promise<void> {
  const locale = localeOf(ctx, actor);
  const to = { kind: 'user' as const, id: openId };
  if (command && isInteraction(command.name)) {
    const name = command.name;
    const number = takesCase(name) ? command.args[0] : undefined;
    if (takesCase(name) && !number) {
      await ctx.api.sendText(
        openId,
        ctx.t.refusal(locale, new Refusal('chat.usage', { usage: name })),
      );
      return;
    }
    const content = name === 'file' ? command.restAfter(0) : '';
    try {
      const outcome = await handleAction(ctx.core, speakerOf(ctx, actor), actor, {
        kind: 'open',
        name,
        number,
        values: content ? { content } : {},
      });
      if ('open' in outcome) await ctx.api.sendCard(to, formCard(ctx.t, locale, outcome.open));
      else if ('done' in outcome) await ctx.api.sendText(openId, outcome.done.text);
    } catch (e) {
      await ctx.api.sendText(openId, explain(ctx, actor, e));
    }
    return;
  }
  if (command?.name === 'attachments') {
    const [number, which] = command.args;
    if (!number) throw new Refusal('chat.usage', { usage: 'attachments' });
    await listAttachments(ctx, actor, openId, number, which);
    return;
  }
  if (command && readCommands.includes(command.name)) {
    const help = chatHelp(ctx.t, locale, 'form.lark_help');
    const rest = command.restAfter(0);
    const answer = await answerRead(ctx.core, ctx.render, actor, locale, command.name, rest, help);
    if (command.name === 'show' || command.name === 'policy') {
      const actions = await readActions(ctx.core, actor, command.name, rest);
      await ctx.api.sendCard(to, actionCard(ctx.t, locale, answer.text, actions));
    } else if (answer.pages.length > 0) {
      // A list of several pages is a card, so its page buttons can turn it.
      await ctx.api.sendCard(to, answerCard(ctx.t, locale, answer));
    } else {
      await ctx.api.sendText(openId, answer.text);
    }
    for (const file of answer.files ?? []) await ctx.api.sendFile(openId, file);
    return;
  }
  if (!command && text) {
    const question = ctx.t.t(locale, 'form.start_filing');
    const draft = await keepDraft(ctx.core, actor, text);
    const start = { name: 'file' as const, number: '', values: { draft } };
    await ctx.api.sendCard(to, actionCard(ctx.t, locale, question, [start]));
    return;
  }
  await ctx.api.sendText(openId, chatHelp(ctx.t, locale, 'form.lark_help'));
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
    actionButton(t, locale, { name: 'file', number: '' }),
  ];
  const counts = await actionCounts(core, actor);
  if (counts) {
    elements.push(
      heading(t.t(locale, 'desk.home_title')),
      plain(render.actionCounts(locale, counts)),
      buttonRow(
        (['overdue', 'due_week'] as const).map((v) => actionButton(t, locale, deskAction(v))),
      ),
    );
  }
  elements.push(
    heading(t.t(locale, 'form.home_mine')),
    plain(render.page(locale, 'mine', home.mine)),
  );
  if (home.queue) {
    elements.push(heading(t.t(locale, 'form.home_queue')));
    if (home.queue.items.length === 0) elements.push(plain(render.list(locale, [])));
    for (const item of home.queue.items) {
      elements.push(plain(render.list(locale, [item])));
      const actions = await queueActions(core, actor, item.number);
      elements.push(buttonRow(actions.map((a) => actionButton(t, locale, a))));
    }
    if (home.queue.pages > 1) elements.push(plain(render.pageLine(locale, 'queue', home.queue)));
  }
  if (home.leading) {
    elements.push(heading(t.t(locale, 'form.home_leading')));
    elements.push(plain(render.page(locale, 'leading', home.leading)));
  }
  await ctx.api.sendCard({ kind: 'user', id: openId }, card(elements));
}
