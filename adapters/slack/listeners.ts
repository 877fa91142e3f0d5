import type {
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackViewAction,
  webApi,
} from '@slack/bolt';
import type { Actor, Locale } from '../../src/domain/people';
import type { Rating } from '../../src/domain/petition';
import { Refusal } from '../../src/domain/refusal';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import { actOnce } from '../../src/services/act-once';
import { checkStep } from '../../src/services/case-step';
import { today, type Core } from '../../src/services/core';
import { caseFile } from '../../src/services/read-models';
import { isPageAction, type NoticeAction, type PageAction } from '../shared/actions';
import { answerList, answerRead, readCommands, type ReadAnswer } from '../shared/answers';
import { parseCommand, type CommandName } from '../shared/commands';
import { formNames, formOfAction, type FormName } from '../shared/forms';
import { actedText, clickStep, fieldOf, submitForm, type Done } from '../shared/submissions';
import { TextRenderer } from '../shared/text-render';
import { answerMessage, section, textMessage } from './blocks';
import { homeView } from './home';
import { submitted } from './modal-fields';
import { formModal, type ModalOrigin } from './modals';
import { slackActor } from './people';

export interface SlackContext {
  core: Core;
  t: Translator;
  locale: Locale;
  log: Logger;
}

/** Everything Slack can send us, each translated into a core call and answered within 3 s. */
export function registerListeners(app: App, ctx: SlackContext): void {
  const { core, t } = ctx;
  const render = new TextRenderer(t, core.rules.timeZone);
  const localeOf = (actor: Actor) => actor.person.locale ?? ctx.locale;
  const explain = (e: unknown, actor: Actor) => {
    if (e instanceof Refusal) return t.refusal(localeOf(actor), e);
    ctx.log.error({ error: String(e) }, 'slack handler failed');
    throw e;
  };

  // Slack redelivers events it believes we missed: act on each event_id once (R26).
  app.use(async ({ body, next }) => {
    await actOnce(core, 'slack', (body as { event_id?: string }).event_id, next);
  });

  const openForm = (
    client: webApi.WebClient,
    triggerId: string,
    actor: Actor,
    form: FormName,
    origin: ModalOrigin,
  ) =>
    client.views.open({
      trigger_id: triggerId,
      view: formModal(t, localeOf(actor), form, origin, today(core)),
    });

  const reply = (actor: Actor, command: CommandName, rest: string) =>
    answerRead(core, render, actor, localeOf(actor), command, rest, help(actor)).then(
      (answer) => answerMessage(t, localeOf(actor), answer),
      (e: unknown) => textMessage(explain(e, actor)),
    );
  const help = (actor: Actor) => t.t(localeOf(actor), 'form.slack_help');

  app.command('/petition', async ({ ack, body, client, respond }) => {
    await ack();
    const actor = await slackActor(core, client, body.user_id);
    const command = parseCommand(body.text || 'help');
    if (command?.name === 'file') {
      await openForm(client, body.trigger_id, actor, 'file', {});
      return;
    }
    const answer = await reply(actor, command?.name ?? 'help', command?.restAfter(0) ?? '');
    await respond({ response_type: 'ephemeral', ...answer });
  });

  app.shortcut('petition_new', async ({ ack, body, client }) => {
    await ack();
    await openForm(
      client,
      body.trigger_id,
      await slackActor(core, client, body.user.id),
      'file',
      {},
    );
  });

  app.message(async ({ message, client, say }) => {
    const m = message as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
    };
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    const actor = await slackActor(core, client, m.user);
    const command = parseCommand(m.text ?? '');
    if (command && readCommands.includes(command.name)) {
      await say(await reply(actor, command.name, command.restAfter(0)));
      return;
    }
    // Anything else may be a grievance: offer to file it, with the text already in the form.
    const question = t.t(localeOf(actor), 'form.start_filing');
    await say({
      ...textMessage(question),
      blocks: [
        section(question),
        {
          type: 'actions',
          block_id: 'start',
          elements: [
            {
              type: 'button',
              action_id: 'petition_file',
              style: 'primary',
              text: { type: 'plain_text', text: t.t(localeOf(actor), 'form.file_title') },
              value: JSON.stringify({ content: (m.text ?? '').slice(0, 1900) }),
            },
          ],
        },
      ],
    });
  });

  app.action<BlockAction<ButtonAction>>(
    /^petition_/,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const actor = await slackActor(core, client, body.user.id);
      const value = JSON.parse(action.value ?? '{}') as (NoticeAction | PageAction) & {
        content?: string;
      };
      if (isPageAction(value)) {
        // A list in the App Home has no message to turn: it shows the first page.
        if (body.response_url) await turnPage(actor, value, respond);
        return;
      }
      const origin: ModalOrigin = {
        number: value.number,
        request: value.request,
        channel: body.channel?.id ?? body.container?.channel_id,
        ts: body.message?.ts,
      };
      const tell = async (text: string) => {
        if (body.response_url)
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            ...textMessage(text),
          });
      };
      try {
        if (action.action_id === 'petition_file') {
          await openForm(client, body.trigger_id, actor, 'file', { content: value.content });
        } else if (value.name === 'show') {
          await tell(render.caseFile(localeOf(actor), await caseFile(core, actor, value.number)));
        } else if (value.name === 'approve' || value.name === 'rate') {
          const done = await clickStep(core, actor, { ...value, rating: value.rating as Rating });
          await markDone(client, origin, actor, done);
        } else {
          const opens = formOfAction[value.name];
          if (!opens) return;
          await checkStep(core, actor, value.number, opens.step);
          await openForm(client, body.trigger_id, actor, opens.form, origin);
        }
      } catch (e) {
        // A stale or double click lands here as a Refusal (the case moved on): say so, change nothing.
        await tell(explain(e, actor));
      }
    },
  );

  /** A list's page button: the list message shows the page asked for instead. */
  async function turnPage(actor: Actor, to: PageAction, respond: RespondFn) {
    const answer: ReadAnswer = await answerList(
      core,
      render,
      actor,
      localeOf(actor),
      to.list,
      to.page,
    ).catch((e: unknown) => ({ text: explain(e, actor), pages: [] }));
    await respond({ replace_original: true, ...answerMessage(t, localeOf(actor), answer) });
  }

  async function markDone(client: webApi.WebClient, origin: ModalOrigin, actor: Actor, done: Done) {
    if (!origin.channel || !origin.ts) return;
    const text = actedText(t, localeOf(actor), actor, done);
    await client.chat.update({
      channel: origin.channel,
      ts: origin.ts,
      ...textMessage(text),
      blocks: [section(text)],
    });
  }

  for (const form of formNames) {
    app.view<SlackViewAction>(form, async ({ ack, body, view, client }) => {
      const actor = await slackActor(core, client, body.user.id);
      const origin = JSON.parse(view.private_metadata || '{}') as ModalOrigin;
      const values = submitted(view.state);
      let done: Done;
      try {
        const submission = { source: 'slack' as const, key: `view:${view.id}` };
        done = await submitForm(core, actor, form, values, origin, submission);
      } catch (e) {
        const message = explain(e, actor);
        const blocks = view.blocks.map((b) => String((b as { block_id?: string }).block_id));
        const field = fieldOf(e as Refusal);
        await ack({
          response_action: 'errors',
          errors: { [blocks.includes(field) ? field : blocks[0]]: message },
        });
        return;
      }
      await ack();
      await markDone(client, origin, actor, done);
    });
  }

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await slackActor(core, client, event.user);
    await client.views.publish({
      user_id: event.user,
      view: await homeView(core, t, render, actor, localeOf(actor)),
    });
  });
}
