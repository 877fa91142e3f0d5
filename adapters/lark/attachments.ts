import type { Upload } from '../../src/domain/attachment';
import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { checkAttachmentSize } from '../../src/services/attachments';
import {
  answerAttachments,
  attachIncoming,
  sendAttachment,
  whichCase,
  type AttachIncoming,
  type AttachmentAction,
  type AttachmentAnswer,
  type FetchUpload,
} from '../shared/attachments';
import { button, buttonRow, card, doneCard, plain, type Card } from './cards';
import { explain, speakerOf, type LarkContext } from './context';
import { LarkApiError } from './open-api';
import {
  download,
  messageOf,
  resourceOf,
  type ReceivedRef,
  type ResourceType,
} from './received-files';

/** What a card action is answered with: a toast, and the card that replaces the clicked one. */
export interface CardAnswer {
  toast?: { type: 'info' | 'success' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: object };
}

/** The `ref` an attach button carries: the message, the resource's key and its kind. */
export function refOf(file: ReceivedRef): string {
  return JSON.stringify([file.message, file.key, file.type]);
}

/**
 * Lark's ids as it hands them out (`om_…`, `img_v3_…`, `file_v3_…`): a click's values are the
 * clicker's to write, and the SDK puts them into the Open API's paths as they are, so a `../`
 * would reach another endpoint with the bot's token.
 */
const messageId = /^om_[A-Za-z0-9_-]{1,128}$/;
const resourceKey = /^[A-Za-z0-9_-]{1,128}$/;

function readRef(ref: string): ReceivedRef | null {
  try {
    const [message, key, type] = JSON.parse(ref) as unknown[];
    if (typeof message !== 'string' || !messageId.test(message)) return null;
    if (typeof key !== 'string' || !resourceKey.test(key)) return null;
    if (type !== 'image' && type !== 'file') return null;
    return { message, key, type: type as ResourceType };
  } catch {
    return null;
  }
}

/**
 * Lark's codes for a message or resource that is not there: a bad id (230001), a recalled or
 * deleted message (230011, 230110), a key not in the message (234003), a message whose resources
 * cannot be had (234043). A rate limit or a missing scope is a failure, not a file gone.
 */
const missingCodes = new Set([230001, 230011, 230110, 234003, 234043]);

function isMissing(e: unknown): boolean {
  return e instanceof LarkApiError && (missingCodes.has(e.code) || e.status === 404);
}

/**
 * R30: the bytes behind an attach button, for the person who clicked it. The message is read
 * back from Lark (im.message.get): it must be theirs and hold this very resource, whatever the
 * click says, so a forged click cannot attach someone else's file. Its name is the one Lark
 * keeps (a picture has none, and the core names it). A file Lark says is over the limit is
 * refused unread; one of no stated length is read to one byte past it, which the core refuses.
 */
export function larkUploads(ctx: LarkContext, clicker: string): FetchUpload {
  return async (ref: string): Promise<Upload> => {
    const wanted = readRef(ref);
    if (!wanted) throw new Refusal('refusal.attachment_gone');
    const gone = (e: unknown): never => {
      throw isMissing(e) ? new Refusal('refusal.attachment_gone') : e;
    };
    const message = await messageOf(ctx.api, wanted.message).catch(gone);
    if (message.deleted) throw new Refusal('refusal.attachment_gone');
    const held = resourceOf(message.type, message.content);
    const theirs = message.sender.type === 'user' && message.sender.id === clicker;
    if (!theirs || held?.key !== wanted.key || held.type !== wanted.type) {
      throw new Refusal('refusal.attachment_not_yours');
    }
    const limit = ctx.core.attachmentMaxBytes;
    const tooLarge = (size: number) => checkAttachmentSize(ctx.core, size);
    const bytes = await download(ctx.api, wanted, limit, tooLarge).catch(gone);
    return { name: held.name ?? '', bytes };
  };
}

/** An attachment answer as a card: its text, and its buttons under it. */
export function attachmentCard(answer: AttachmentAnswer): Card {
  const elements: object[] = [plain(answer.text)];
  if (answer.buttons.length > 0) {
    elements.push(buttonRow(answer.buttons.map((b) => button(b.label, b.action))));
  }
  return card(elements);
}

/**
 * R30: a picture or file sent to the bot's direct chat: "which of your open cases is it for?",
 * a button for each, in the sender's DM.
 */
export async function askWhichCase(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  file: ReceivedRef & { name?: string },
): Promise<void> {
  const speaker = speakerOf(ctx, actor);
  const name = file.name ?? ctx.t.t(speaker.locale, 'form.lark_picture');
  const answer = await whichCase(ctx.core, speaker, actor, { name, ref: refOf(file) });
  await ctx.api.sendCard({ kind: 'user', id: openId }, attachmentCard(answer));
}

/**
 * R30 `附件 XF-…` typed in Lark: the case's files, each with a "send me" button; `附件 XF-… 2`
 * sends the second to the DM at once.
 */
export async function listAttachments(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  number: string,
  which?: string,
): Promise<void> {
  const speaker = speakerOf(ctx, actor);
  const listed = await answerAttachments(ctx.core, speaker, actor, number);
  if (which === undefined) {
    await ctx.api.sendCard({ kind: 'user', id: openId }, attachmentCard(listed));
    return;
  }
  const chosen = /^\d+$/.test(which) ? listed.buttons[Number(which) - 1]?.action : undefined;
  if (chosen?.name !== 'send_attachment') {
    const count = listed.buttons.length;
    throw new Refusal('refusal.attachment_position', { number, n: which, count });
  }
  const sent = await sendAttachment(ctx.core, speaker, actor, chosen);
  for (const file of sent.files ?? []) await ctx.api.sendFile(openId, file);
  await ctx.api.sendText(openId, sent.text);
}

/**
 * R30: a click on an attachment button, answered at once. "Send me" sends the file to the
 * clicker's DM after answering. "Attach to N" downloads and keeps the file after answering, as
 * a large file may take longer than Lark's 3 seconds; the card then shows the result, or a
 * refusal comes by DM and the card keeps its buttons. The same file is kept once however often
 * its button is clicked.
 */
export async function attachmentClick(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  action: AttachmentAction,
  message: string | undefined,
): Promise<CardAnswer> {
  const speaker = speakerOf(ctx, actor);
  if (action.name === 'send_attachment') {
    const answer = await sendAttachment(ctx.core, speaker, actor, action);
    ctx.background.run('send an attachment', async () => {
      try {
        for (const file of answer.files ?? []) await ctx.api.sendFile(openId, file);
      } catch (e) {
        // The toast already said it was sent: the person hears that it was not.
        await ctx.api.sendText(openId, explain(ctx, actor, e));
      }
    });
    return { toast: { type: 'success', content: answer.text } };
  }
  ctx.background.run('attach a file', () =>
    attachInBackground(ctx, actor, openId, action, message),
  );
  const content = ctx.t.t(speaker.locale, 'form.lark_attaching', { number: action.number });
  return { toast: { type: 'info', content } };
}

async function attachInBackground(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  action: AttachIncoming,
  message: string | undefined,
): Promise<void> {
  const speaker = speakerOf(ctx, actor);
  const file = readRef(action.ref);
  let text: string;
  try {
    if (!file) throw new Refusal('refusal.attachment_gone');
    text = (
      await attachIncoming(ctx.core, speaker, actor, action, larkUploads(ctx, openId), 'lark')
    ).text;
  } catch (e) {
    // A file kept already is this question's answer as much as keeping it was.
    const answered = e instanceof Refusal && e.key === 'refusal.attachment_given_before';
    if (!answered) {
      await ctx.api.sendText(openId, explain(ctx, actor, e));
      return;
    }
    text = explain(ctx, actor, e);
  }
  if (message) await ctx.api.updateCard(message, doneCard(text));
  else await ctx.api.sendText(openId, text);
}
