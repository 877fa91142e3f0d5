import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { checkAttachmentSize } from '../../src/services/attachments';
import {
  attachIncoming,
  isAttachmentAction,
  sendAttachment,
  whichCase,
  type AttachIncoming,
  type AttachmentAction,
  type AttachmentAnswer,
  type FetchUpload,
} from '../shared/attachments';
import { Backlog } from '../shared/backlog';
import { explain } from '../shared/model';
import { attachmentActionPrefix, attachmentMessage, textMessage } from './blocks';
import { sendFiles } from './files';
import { fileFrom } from './incoming-files';
import type { SlackContext } from './context';
import { attachmentsBlock, type GivenFile } from './modal-fields';
import { slackActor } from './people';

/** R30: the attachments a Slack person gives, in the DM or with the filing modal. */
export class SlackAttachments {
  /**
   * Files' work has a lane of its own: a download may take many seconds, and in the lane of the
   * commands' answers a few slow ones would hold back everyone's answer behind them.
   */
  private readonly later: Backlog;

  constructor(private readonly ctx: SlackContext) {
    this.later = new Backlog(
      2,
      (e: unknown) => ctx.log.error({ error: String(e) }, 'slack attachment work failed'),
      ctx.busy,
    );
  }

  private speaker(actor?: Actor) {
    return { t: this.ctx.t, locale: actor?.person.locale ?? this.ctx.locale };
  }

  /** The clicker's own files only: the user id is the one Slack signed the click with. */
  private fetchFor(client: webApi.WebClient, user: string): FetchUpload {
    return (ref) =>
      fileFrom(client, ref, user, (bytes) => checkAttachmentSize(this.ctx.core, bytes));
  }

  private attachClicked(
    client: webApi.WebClient,
    user: string,
    actor: Actor,
    action: AttachIncoming,
  ) {
    return attachIncoming(
      this.ctx.core,
      this.speaker(actor),
      actor,
      action,
      this.fetchFor(client, user),
      'slack',
    );
  }

  /** Once no file is being fetched or attached. */
  idle(): Promise<void> {
    return this.later.idle();
  }

  register(app: App): void {
    // Files sent in the DM come as a message of their own kind, which the text listener leaves.
    app.message(async ({ message, client, say }) => {
      if (message.subtype !== 'file_share' || message.channel_type !== 'im') return;
      try {
        const actor = await slackActor(this.ctx.core, client, message.user);
        const speaker = this.speaker(actor);
        // A file of a Slack Connect DM may come with its id only (`check_file_info`).
        for (const file of message.files ?? []) {
          const name = file.name || file.title || speaker.t.t(speaker.locale, 'attachment.unnamed');
          const answer = await whichCase(this.ctx.core, speaker, actor, { name, ref: file.id });
          await say(attachmentMessage(answer));
        }
      } catch (e) {
        // The database may be down: the sender is asked to try again, never left unanswered.
        await say(textMessage(this.explain(e)));
      }
    });

    app.action<BlockAction<ButtonAction>>(
      new RegExp(`^${attachmentActionPrefix}`),
      async ({ ack, body, action, client, respond }) => {
        await ack();
        this.later.add(() => this.clicked(body.user.id, action.value, client, respond));
      },
    );
  }

  private explain(e: unknown, actor?: Actor): string {
    return explain(this.ctx.log, this.speaker(actor), e);
  }

  /** A button's value as the model's action; anything else (a forged value) is not one. */
  private static actionOf(raw: string | undefined): AttachmentAction | null {
    try {
      const value: unknown = JSON.parse(raw ?? '');
      return isAttachmentAction(value) ? value : null;
    } catch {
      return null;
    }
  }

  private async clicked(
    user: string,
    raw: string | undefined,
    client: webApi.WebClient,
    respond: RespondFn,
  ) {
    const action = SlackAttachments.actionOf(raw);
    if (!action) return;
    const tell = (text: string, replace = false) =>
      respond({ response_type: 'ephemeral', replace_original: replace, ...textMessage(text) });
    let actor: Actor | undefined;
    try {
      actor = await slackActor(this.ctx.core, client, user);
      if (action.name === 'send_attachment') {
        const sent = await sendAttachment(this.ctx.core, this.speaker(actor), actor, action);
        await sendFiles(client, user, sent.files ?? []);
        await tell(sent.text);
        return;
      }
      const attached = await this.attachClicked(client, user, actor, action);
      // The "which case?" question becomes its answer, so its buttons are not clicked again.
      await tell(attached.text, true);
    } catch (e) {
      await tell(this.explain(e, actor));
    }
  }

  /** R30: the filing modal's files, refused under their field before anything is filed. */
  checkGiven(files: GivenFile[]): void {
    for (const file of files) {
      try {
        checkAttachmentSize(this.ctx.core, file.size ?? 0);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        throw new Refusal(e.key, { ...e.params, field: attachmentsBlock });
      }
    }
  }

  /**
   * R30: the filing modal's files, attached by the filer once the case exists, after the modal
   * was answered. Each is first announced in the filer's DM with the button that attaches it, so a
   * bot stopped halfway leaves the filer the click that finishes; the message then becomes what
   * happened, keeping the button only when trying again may help (Slack or the database failed).
   */
  attachGiven(
    client: webApi.WebClient,
    user: string,
    actor: Actor,
    number: string,
    files: GivenFile[],
  ) {
    const { t, locale } = this.speaker(actor);
    for (const file of files) {
      const name = file.name || t.t(locale, 'attachment.unnamed');
      const action: AttachIncoming = { name: 'attach', number, ref: file.id };
      const retry = { label: t.t(locale, 'attachment.slack_add', { name }), action };
      this.later.add(async () => {
        const adding = t.t(locale, 'attachment.slack_adding', { name, number });
        const posted = await client.chat.postMessage({
          channel: user,
          ...attachmentMessage({ text: adding, buttons: [retry] }),
        });
        let outcome: AttachmentAnswer;
        try {
          outcome = {
            text: (await this.attachClicked(client, user, actor, action)).text,
            buttons: [],
          };
        } catch (e) {
          const reason = this.explain(e, actor);
          outcome = {
            text: t.t(locale, 'attachment.refused', { name, reason }),
            buttons: e instanceof Refusal ? [] : [retry],
          };
        }
        await client.chat.update({
          channel: String(posted.channel),
          ts: String(posted.ts),
          ...attachmentMessage(outcome),
        });
      });
    }
  }

  /** The line the filed modal adds while its files are being attached. */
  attachingNote(actor: Actor, number: string, files: GivenFile[]): string | undefined {
    if (files.length === 0) return undefined;
    const { t, locale } = this.speaker(actor);
    return t.t(locale, 'attachment.slack_attaching', { count: files.length, number });
  }
}
