import type { App, BlockAction, ButtonAction, SlackViewAction, webApi } from '@slack/bolt';
import type { Actor, Locale } from '../../src/domain/people';
import type { Rating } from '../../src/domain/petition';
import { Refusal } from '../../src/domain/refusal';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import { checkStep } from '../../src/services/case-step';
import { today, type Core } from '../../src/services/core';
import { caseFile, leaderCases, myPetitions, queue } from '../../src/services/read-models';
import { firstDelivery, forgetDelivery } from '../../src/store/inbound-events';
import { parseCommand } from '../shared/commands';
import type { NoticeAction } from '../shared/actions';
import { TextRenderer } from '../shared/text-render';
import { section } from './blocks';
import { homeView } from './home';
import { submitted } from './modal-fields';
import { formModal, type FormName, type ModalOrigin } from './modals';
import { slackActor } from './people';
import { blockOf, clickStep, submitForm, type Done } from './submissions';

export interface SlackContext {
  core: Core;
  t: Translator;
  locale: Locale;
  log: Logger;
}

const forms: FormName[] = [
  'file',
  'accept',
  'decline',
  'extend',
  'reject',
  'reply',
  'appeal',
  'review',
  'grant',
  'deny',
];
/** The form a button opens, and the step that form will take (checked before opening it). */
const formOfAction: Record<string, { form: FormName; step: Parameters<typeof checkStep>[3] }> = {
  accept: { form: 'accept', step: 'accept' },
  decline: { form: 'decline', step: 'decline' },
  reject: { form: 'reject', step: 'decideExtension' },
  review: {
    form: 'review',
    step: (p) => (p.state === 'under_re_review' ? 'recordReReview' : 'recordReview'),
  },
  grant: { form: 'grant', step: 'decideDisclosure' },
  deny: { form: 'deny', step: 'decideDisclosure' },
  extend: { form: 'extend', step: 'requestExtension' },
  reply: { form: 'reply', step: 'reply' },
  appeal: { form: 'appeal', step: (p) => (p.state === 'reviewed' ? 'appealAgain' : 'appeal') },
};

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
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await firstDelivery(core.store, 'slack', eventId, core.clock.now()))) return;
    try {
      await next();
    } catch (e) {
      // Not handled after all: let Slack's redelivery try again.
      if (eventId) await forgetDelivery(core.store, 'slack', eventId);
      throw e;
    }
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

  async function reply(actor: Actor, command: string, rest: string): Promise<string> {
    const locale = localeOf(actor);
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
        return t.t(locale, 'form.slack_help');
    }
  }

  app.command('/petition', async ({ ack, body, client, respond }) => {
    await ack();
    const actor = await slackActor(core, client, body.user_id);
    const command = parseCommand(body.text || 'help');
    if (command?.name === 'file') {
      await openForm(client, body.trigger_id, actor, 'file', {});
      return;
    }
    const text = await reply(actor, command?.name ?? 'help', command?.restAfter(0) ?? '').catch(
      (e) => explain(e, actor),
    );
    await respond({ response_type: 'ephemeral', text });
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
    if (command && ['help', 'mine', 'queue', 'leading', 'show'].includes(command.name)) {
      const text = await reply(actor, command.name, command.restAfter(0)).catch((e) =>
        explain(e, actor),
      );
      await say(text);
      return;
    }
    // Anything else may be a grievance: offer to file it, with the text already in the form.
    const question = t.t(localeOf(actor), 'form.start_filing');
    await say({
      text: question,
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
      const value = JSON.parse(action.value ?? '{}') as NoticeAction & { content?: string };
      const origin: ModalOrigin = {
        number: value.number,
        request: value.request,
        channel: body.channel?.id ?? body.container?.channel_id,
        ts: body.message?.ts,
      };
      const tell = async (text: string) => {
        if (body.response_url)
          await respond({ response_type: 'ephemeral', replace_original: false, text });
      };
      try {
        if (action.action_id === 'petition_file') {
          await openForm(client, body.trigger_id, actor, 'file', { content: value.content });
        } else if (value.name === 'show') {
          await tell(render.caseFile(localeOf(actor), await caseFile(core, actor, value.number)));
        } else if (value.name === 'approve' || value.name === 'rate') {
          const done = await clickStep(core, actor, { ...value, rating: value.rating as Rating });
          await markDone(client, origin, actor, done);
        } else if (formOfAction[value.name]) {
          const { form, step } = formOfAction[value.name];
          await checkStep(core, actor, value.number, step);
          await openForm(client, body.trigger_id, actor, form, origin);
        }
      } catch (e) {
        // A stale or double click lands here as a Refusal (the case moved on): say so, change nothing.
        await tell(explain(e, actor));
      }
    },
  );

  async function markDone(client: webApi.WebClient, origin: ModalOrigin, actor: Actor, done: Done) {
    if (!origin.channel || !origin.ts) return;
    const text = t.t(localeOf(actor), 'form.acted', {
      who: actor.person.name,
      step: t.t(localeOf(actor), done.step),
      number: done.number,
    });
    await client.chat.update({
      channel: origin.channel,
      ts: origin.ts,
      text,
      blocks: [section(text)],
    });
  }

  for (const form of forms) {
    app.view<SlackViewAction>(form, async ({ ack, body, view, client }) => {
      const actor = await slackActor(core, client, body.user.id);
      const origin = JSON.parse(view.private_metadata || '{}') as ModalOrigin;
      const values = submitted(view.state);
      let done: Done;
      try {
        done = await submitForm(core, actor, form, values, origin);
      } catch (e) {
        const message = explain(e, actor);
        const blocks = view.blocks.map((b) => String((b as { block_id?: string }).block_id));
        await ack({
          response_action: 'errors',
          errors: { [blockOf(e as Refusal, blocks)]: message },
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
