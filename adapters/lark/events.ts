import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Actor } from '../../src/domain/people';
import { today } from '../../src/services/core';
import { actOnce, actedBefore } from '../../src/services/act-once';
import { parseCommand } from '../shared/commands';
import { handleCardAction, type CardActionEvent } from './card-actions';
import { explain, type LarkContext } from './context';
import { explain as worded } from '../shared/model';
import { answerCommand, welcome } from './conversation';
import { larkActor, type LarkTenants } from './people';
import { askWhichCase } from './attachments';
import { resourceOf } from './received-files';

/** The bot menu items (event keys set in the developer console) and the command each stands for. */
export const menuCommands: Record<string, string> = {
  petition_new: 'file',
  petition_mine: 'mine',
  petition_queue: 'queue',
  petition_leading: 'leading',
  petition_help: 'help',
};

/** A mention of someone in a message's text, as Lark writes it (`@_user_1`). */
const mention = /@_user_\d+/g;

/**
 * Everything Lark can send us. Messages, menu clicks and chat entries are answered at once and
 * worked on after (the reply is a new message anyway); a card action is answered with its result,
 * since the card shows it. Each event_id is acted on once (R26).
 */
export function registerEvents(dispatcher: EventDispatcher, ctx: LarkContext): void {
  const { core } = ctx;

  /** Acts for the person behind an open_id; a failure is told to them in their direct chat. */
  const later = (
    what: string,
    openId: string,
    tenants: LarkTenants,
    work: (actor: Actor) => Promise<void>,
  ) =>
    ctx.background.run(what, async () => {
      const actor = await larkActor(core, ctx.api, openId, tenants).catch(async (e: unknown) => {
        // A guest from another tenant is told why; any other failure, that it failed.
        const speaker = { t: ctx.t, render: ctx.render, locale: ctx.locale };
        await ctx.api.sendText(openId, worded(ctx.log, speaker, e));
        throw e;
      });
      await work(actor).catch((e: unknown) => ctx.api.sendText(openId, explain(ctx, actor, e)));
    });

  dispatcher.register({
    'im.message.receive_v1': async (data) => {
      const openId = data.sender.sender_id?.open_id;
      if (data.sender.sender_type !== 'user' || !openId) return {};
      // In a group, only what is said to the bot is for the bot.
      const toBot = (data.message.mentions ?? []).some((m) => m.id.open_id === ctx.botOpenId);
      if (data.message.chat_type !== 'p2p' && !toBot) return {};
      const tenants = { home: data.tenant_key, of: data.sender.tenant_key };
      // R30: a picture or file is asked which case it is for. Text and rich text are read;
      // anything else (a sticker, a voice note) is answered with help.
      const { message_type: type, content, message_id: message } = data.message;
      const resource = resourceOf(type, content);
      const text = textOf(type, content);
      const work = resource
        ? (actor: Actor) => askWhichCase(ctx, actor, openId, { ...resource, message })
        : (actor: Actor) => answerCommand(ctx, actor, openId, parseCommand(text), text);
      await actOnce(core, 'lark', data.event_id, async () =>
        later(resource ? 'attachment' : 'message', openId, tenants, work),
      );
      return {};
    },
    'application.bot.menu_v6': async (data) => {
      const openId = data.operator?.operator_id?.open_id;
      const command = menuCommands[data.event_key ?? ''];
      if (!openId || !command) return {};
      await actOnce(core, 'lark', data.event_id, async () =>
        later('menu', openId, { home: data.tenant_key, of: undefined }, (actor) =>
          answerCommand(ctx, actor, openId, parseCommand(command), ''),
        ),
      );
      return {};
    },
    'im.chat.access_event.bot_p2p_chat_entered_v1': async (data) => {
      const openId = data.operator_id?.open_id;
      if (!openId) return {};
      // Opening the chat again the same day brings no second welcome.
      const day = today(core);
      await actOnce(core, 'lark', `welcome:${openId}:${day}`, async () =>
        later('welcome', openId, { home: data.tenant_key, of: undefined }, (actor) =>
          welcome(ctx, actor, openId),
        ),
      );
      return {};
    },
  });
  dispatcher.register<{ 'card.action.trigger': (data: CardActionEvent) => Promise<object> }>({
    'card.action.trigger': async (data) => {
      const answer = await actOnce(core, 'lark', data.event_id, () => handleCardAction(ctx, data));
      return answer === actedBefore ? {} : answer;
    },
  });
}

/**
 * The app's slash command (`/petition mine`, `/信访 我的`) or a command word typed with a slash
 * (`/mine`): Lark delivers both as plain text.
 */
const slashCommand = /^\/(?:(?:petition|信访)(?:\s+|$))?/i;

interface PostElement {
  tag?: string;
  text?: string;
}

/** A rich-text (post) message's words: its title, then each paragraph's text and links. */
function postText(post: { title?: string; content?: PostElement[][] }): string {
  const paragraphs = (post.content ?? []).map((line) =>
    line.map((e) => (e.tag === 'text' || e.tag === 'a' ? (e.text ?? '') : '')).join(''),
  );
  return [post.title ?? '', ...paragraphs].filter((p) => p.trim() !== '').join('\n');
}

/**
 * The words of a text or rich-text message, without the @-mentions Lark writes into it or a
 * leading slash; '' for any other kind of message.
 */
function textOf(type: string, content: string): string {
  try {
    const parsed = JSON.parse(content) as {
      text?: unknown;
      title?: string;
      content?: PostElement[][];
    };
    const words =
      type === 'text' ? String(parsed.text ?? '') : type === 'post' ? postText(parsed) : '';
    return words.replace(mention, '').trim().replace(slashCommand, '');
  } catch {
    return '';
  }
}
