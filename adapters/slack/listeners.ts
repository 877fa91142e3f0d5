import type {
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackViewAction,
  types,
  webApi,
} from '@slack/bolt';
import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { actOnce } from '../../src/services/act-once';
import { keepDraft } from '../../src/services/drafts';
import {
  caseActions,
  isPageAction,
  readActions,
  type NoticeAction,
  type PageAction,
} from '../shared/actions';
import { answerList, answerRead, readCommands, type ReadAnswer } from '../shared/answers';
import { chatHelp } from '../shared/command-table';
import { sendFiles } from './files';
import { parseCommand, type Command } from '../shared/commands';
import { interactionNames, isInteraction, type InteractionName } from '../shared/interactions';
import {
  explain as worded,
  fieldOf,
  formOf,
  handleAction,
  takesCase,
  titleOf,
  type Action,
  type Done,
  type Outcome,
} from '../shared/model';
import { Backlog } from '../shared/backlog';
import { TextRenderer } from '../shared/text-render';
import { answerAttachments } from '../shared/attachments';
import { answerMessage, attachmentMessage, button, section, textMessage } from './blocks';
import { registerHome } from './home';
import { submitted, submittedFiles } from './modal-fields';
import { doneModal, formModal, type ModalOrigin } from './modals';
import { slackActor } from './people';
import { SlackAttachments } from './attachments';
import type { SlackContext } from './context';

/** A message the bot answers with: its text, and blocks with buttons. */
type Message = { text: string; blocks?: types.KnownBlock[] };

/**
 * Everything Slack can send us, each turned into an action of the model and answered in 3 s;
 * what it gives back waits for the work left after the answers (follow-ups, files being
 * attached), so a stop loses none of it.
 */
export function registerListeners(app: App, ctx: SlackContext): { idle(): Promise<void> } {
  const { core, t } = ctx;
  const render = new TextRenderer(t, core.rules.timeZone);
  const localeOf = (actor: Actor) => actor.person.locale ?? ctx.locale;
  const speaker = (actor: Actor) => ({ t, render, locale: localeOf(actor) });
  const explain = (e: unknown, actor: Actor) => worded(ctx.log, speaker(actor), e);
  const act = (actor: Actor, action: Action) => handleAction(core, speaker(actor), actor, action);

  // Slack redelivers events it believes we missed: act on each event_id once (R26). When that
  // cannot be known (the database is down), a direct message is answered with an apology.
  app.use(async ({ body, next, client }) => {
    const event = body as {
      event_id?: string;
      event?: { channel_type?: string; channel?: string };
    };
    try {
      await actOnce(core, 'slack', event.event_id, next);
    } catch (e) {
      const channel = event.event?.channel_type === 'im' ? event.event.channel : undefined;
      const text = worded(ctx.log, { t, locale: ctx.locale }, e);
      if (channel) await client.chat.postMessage({ channel, ...textMessage(text) });
    }
  });

  /** A case file (or a policy) with a button for every step the reader may take on it now. */
  async function caseMessage(
    actor: Actor,
    text: string,
    actions: NoticeAction[],
  ): Promise<Message> {
    const blocks: types.KnownBlock[] = [section(text)];
    if (actions.length > 0) {
      blocks.push({
        type: 'actions',
        block_id: 'case',
        elements: actions.slice(0, 25).map((a) => button(t, localeOf(actor), a)),
      });
    }
    return { ...textMessage(text), blocks };
  }

  /** A read's answer; its files (R29) go to the asker's DM, the answer saying what they are. */
  const reply = async (
    actor: Actor,
    command: Command | null,
    client: webApi.WebClient,
    user: string,
  ): Promise<Message> => {
    const name = command?.name ?? 'help';
    const rest = command?.restAfter(0) ?? '';
    try {
      if (name === 'attachments') {
        if (!rest) throw new Refusal('chat.usage', { usage: name });
        return attachmentMessage(await answerAttachments(core, speaker(actor), actor, rest));
      }
      const answer: ReadAnswer = await answerRead(
        core,
        render,
        actor,
        localeOf(actor),
        name,
        rest,
        chatHelp(t, localeOf(actor), 'form.slack_help'),
      );
      if (name === 'show' || name === 'policy') {
        return await caseMessage(actor, answer.text, await readActions(core, actor, name, rest));
      }
      if (answer.files) await sendFiles(client, user, answer.files);
      return answerMessage(t, localeOf(actor), answer);
    } catch (e) {
      return textMessage(explain(e, actor));
    }
  };

  /** A typed step: its form opens where Slack lets us (a slash command), else a button to it. */
  async function typedStep(
    actor: Actor,
    name: InteractionName,
    command: Command,
    triggerId: string | undefined,
    client: webApi.WebClient,
  ): Promise<Message | null> {
    const number = takesCase(name) ? command.args[0] : undefined;
    if (takesCase(name) && !number) {
      return textMessage(t.refusal(localeOf(actor), new Refusal('chat.usage', { usage: name })));
    }
    const content = name === 'file' ? command.restAfter(0) : '';
    const action: Action = {
      kind: 'open',
      name,
      number,
      values: content ? { content } : {},
    };
    try {
      const outcome = await act(actor, action);
      if ('done' in outcome) return textMessage(outcome.done.text);
      if (!('open' in outcome)) return null;
      if (triggerId) {
        await client.views.open({
          trigger_id: triggerId,
          view: formModal(t, localeOf(actor), outcome.open, {}),
        });
        return null;
      }
      const start: NoticeAction = { name, number: number ?? '', values: action.values };
      return {
        ...textMessage(outcome.open.title),
        blocks: [
          section(outcome.open.title),
          { type: 'actions', block_id: 'start', elements: [button(t, localeOf(actor), start)] },
        ],
      };
    } catch (e) {
      return textMessage(explain(e, actor));
    }
  }

  // Commands and clicks are acked first; what they answer later waits its turn here (R25).
  const later = new Backlog(
    4,
    (e: unknown) => ctx.log.error({ error: String(e) }, 'slack follow-up failed'),
    ctx.busy,
  );
  const attachments = new SlackAttachments(ctx);
  attachments.register(app);

  app.command('/petition', async ({ ack, body, client, respond }) => {
    await ack();
    const command = parseCommand(body.text || 'help');
    if (command && isInteraction(command.name)) {
      // A step may open its form, whose trigger expires 3 seconds after the command: now.
      const actor = await slackActor(core, client, body.user_id);
      const answer = await typedStep(actor, command.name, command, body.trigger_id, client);
      if (answer) await respond({ response_type: 'ephemeral', ...answer });
      return;
    }
    later.add(async () => {
      const actor = await slackActor(core, client, body.user_id);
      const answer = await reply(actor, command, client, body.user_id);
      await respond({ response_type: 'ephemeral', ...answer });
    });
  });

  app.shortcut('petition_new', async ({ ack, body, client }) => {
    await ack();
    const actor = await slackActor(core, client, body.user.id);
    const form = await formOf(core, speaker(actor), actor, 'file');
    await client.views.open({
      trigger_id: body.trigger_id,
      view: formModal(t, localeOf(actor), form, {}),
    });
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
    const user = m.user;
    try {
      const actor = await slackActor(core, client, user);
      const command = parseCommand(m.text ?? '');
      if (command && isInteraction(command.name)) {
        const answer = await typedStep(actor, command.name, command, undefined, client);
        if (answer) await say(answer);
        return;
      }
      if (command && (readCommands.includes(command.name) || command.name === 'attachments')) {
        await say(await reply(actor, command, client, user));
        return;
      }
      // Anything else may be a grievance: offer to file it; the text is kept as a draft for the sender, the button names the draft.
      const question = t.t(localeOf(actor), 'form.start_filing');
      const start: NoticeAction = {
        name: 'file',
        number: '',
        values: { draft: await keepDraft(core, actor, m.text ?? '') },
      };
      await say({
        ...textMessage(question),
        blocks: [
          section(question),
          { type: 'actions', block_id: 'start', elements: [button(t, localeOf(actor), start)] },
        ],
      });
    } catch (e) {
      // The database may be down: the person is asked to try again, never left unanswered.
      await say(textMessage(worded(ctx.log, { t, locale: ctx.locale }, e)));
    }
  });

  app.action<BlockAction<ButtonAction>>(
    /^petition_/,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = JSON.parse(action.value ?? '{}') as NoticeAction | PageAction;
      // A step's button may open its form within the trigger's 3 seconds; a page or a case shown
      // waits its turn.
      if (isPageAction(value) || !isInteraction(value.name)) {
        later.add(() => clicked(body, value, client, respond));
      } else {
        await clicked(body, value, client, respond);
      }
    },
  );

  async function clicked(
    body: BlockAction<ButtonAction>,
    value: NoticeAction | PageAction,
    client: webApi.WebClient,
    respond: RespondFn,
  ) {
    const actor = await slackActor(core, client, body.user.id);
    if (isPageAction(value)) {
      if (body.response_url) await turnPage(actor, value, respond);
      // The App Home has no message to turn: a dashboard's list arrives in the person's DM (R29).
      else if (value.name === 'open') await listInDm(actor, value, client, body.user.id);
      return;
    }
    const origin: ModalOrigin = {
      channel: body.channel?.id ?? body.container?.channel_id,
      ts: body.message?.ts,
    };
    const tell = async (message: Message) => {
      if (body.response_url)
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    };
    try {
      const outcome: Outcome = isInteraction(value.name)
        ? await act(actor, {
            kind: 'open',
            name: value.name,
            number: value.number || undefined,
            values: value.values,
            origin: { request: value.request },
          })
        : await act(actor, { kind: 'show', number: value.number });
      if ('show' in outcome) {
        await tell(
          await caseMessage(actor, outcome.show, await caseActions(core, actor, value.number)),
        );
      } else if ('done' in outcome) await markDone(client, origin, outcome.done);
      else
        await client.views.open({
          trigger_id: body.trigger_id,
          view: formModal(t, localeOf(actor), outcome.open, origin),
        });
    } catch (e) {
      // A stale or double click lands here as a Refusal (the case moved on): say so, change nothing.
      await tell(textMessage(explain(e, actor)));
    }
  }

  /** R29: a dashboard button's list, sent to the person's DM. */
  async function listInDm(actor: Actor, to: PageAction, client: webApi.WebClient, user: string) {
    const answer = await answerList(core, render, actor, localeOf(actor), to.list, 1, to.query);
    // Posted to the user id, which Slack delivers to the app's DM with them.
    await client.chat.postMessage({ channel: user, ...answerMessage(t, localeOf(actor), answer) });
  }

  /** A list's page button: the list message shows the page asked for instead. */
  async function turnPage(actor: Actor, to: PageAction, respond: RespondFn) {
    const answer: ReadAnswer = await answerList(
      core,
      render,
      actor,
      localeOf(actor),
      to.list,
      to.page,
      to.query,
    ).catch((e: unknown) => ({ text: explain(e, actor), pages: [] }));
    await respond({ replace_original: true, ...answerMessage(t, localeOf(actor), answer) });
  }

  async function markDone(client: webApi.WebClient, origin: ModalOrigin, done: Done) {
    if (!origin.channel || !origin.ts) return;
    await client.chat.update({
      channel: origin.channel,
      ts: origin.ts,
      ...textMessage(done.text),
      blocks: [section(done.text)],
    });
  }

  // One listener for every form, not one per form: Bolt runs each request through every
  // listener's matchers, and thirty more of them cost each command's ack as much as Bolt itself.
  const forms = new RegExp(`^(?:${interactionNames.join('|')})$`);
  app.view<SlackViewAction>({ callback_id: forms }, async ({ ack, body, view, client }) => {
    const name = view.callback_id as InteractionName;
    const actor = await slackActor(core, client, body.user.id);
    const origin = JSON.parse(view.private_metadata || '{}') as ModalOrigin;
    const values = submitted(view.state);
    const given = submittedFiles(view.state);
    const action: Action = {
      kind: 'submit',
      name,
      number: origin.number,
      values,
      origin: {
        request: origin.request,
        draft: origin.draft,
        submission: { source: 'slack', key: `view:${view.id}` },
      },
    };
    let outcome: Outcome;
    try {
      attachments.checkGiven(given);
      outcome = await act(actor, action);
    } catch (e) {
      const blocks = view.blocks.map((b) => String((b as { block_id?: string }).block_id));
      const field = e instanceof Refusal ? fieldOf(e) : '';
      await ack({
        response_action: 'errors',
        errors: { [blocks.includes(field) ? field : blocks[0]]: explain(e, actor) },
      });
      return;
    }
    if (!('done' in outcome)) return ack();
    // The modal becomes the confirmation at once, with the case number (the DM receipt follows).
    const { number } = outcome.done;
    const note = attachments.attachingNote(actor, number, given);
    await ack({
      response_action: 'update',
      view: doneModal(t, localeOf(actor), titleOf(speaker(actor), name), outcome.done, note),
    });
    attachments.attachGiven(client, body.user.id, actor, number, given);
    await markDone(client, origin, outcome.done);
  });

  registerHome(app, ctx, render);
  return {
    idle: async () => {
      // A follow-up may attach a filing's files, and attaching ends in no follow-up.
      await later.idle();
      await attachments.idle();
    },
  };
}
