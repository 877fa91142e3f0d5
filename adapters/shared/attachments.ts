import type { Upload } from '../../src/domain/attachment';
import { createHash } from 'node:crypto';
import type { Actor, Delivery, Platform } from '../../src/domain/people';
import { readEvent } from '../../src/domain/event-reader';
import type { DeskFile } from '../../src/presenters/desk-file';
import {
  attach,
  attachmentsOf,
  attachTargets,
  openAttachment,
} from '../../src/services/attachments';
import type { Core } from '../../src/services/core';
import { shownHash, sizeText } from '../../src/presenters/sizes';
import type { Speaker } from './model';

/** R30: the "send me this file" button under a case's list of attachments. */
export interface SendAttachment {
  name: 'send_attachment';
  number: string;
  id: number;
}

/**
 * R30: the "attach this file to case N" button under the "which case?" answer. `ref` is the
 * platform's opaque reference to the file (a Slack file id; a Lark message id, file key and
 * type), which only that platform's adapter turns into bytes.
 */
export interface AttachIncoming {
  name: 'attach';
  number: string;
  ref: string;
}

export type AttachmentAction = SendAttachment | AttachIncoming;

/** A button of an attachment answer: its label and the value it sends back when clicked. */
export interface AttachmentButton {
  label: string;
  action: AttachmentAction;
}

/** What a chat says back about attachments: its text, its buttons, any file for the asker. */
export interface AttachmentAnswer {
  text: string;
  buttons: AttachmentButton[];
  files?: DeskFile[];
}

/**
 * How an adapter gets the bytes of a file it was sent: from its reference, refusing with
 * `refusal.attachment_not_yours` when the file was not sent by `clicker` (a forged click), and
 * with `refusal.attachment_gone` when the platform no longer has it.
 */
export type FetchUpload = (ref: string, clicker: Actor) => Promise<Upload>;

/** Whether a clicked button's value is an attachment's, with every field it needs. */
export function isAttachmentAction(value: unknown): value is AttachmentAction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.number !== 'string') return false;
  if (v.name === 'send_attachment') return Number.isInteger(v.id);
  return v.name === 'attach' && typeof v.ref === 'string' && v.ref !== '';
}

/**
 * R30 `attachments <number>` (附件 XF-…): the files of a case, numbered, with a "send me" button
 * each, for someone who may see the case; refused as a missing case to anyone else.
 */
export async function answerAttachments(
  core: Core,
  speaker: Speaker,
  actor: Actor,
  number: string,
): Promise<AttachmentAnswer> {
  const { t, locale, render } = speaker;
  const files = await attachmentsOf(core, actor, number);
  const shown = number.trim().toUpperCase();
  if (files.length === 0)
    return { text: t.t(locale, 'attachment.none', { number: shown }), buttons: [] };
  const lines = files.map((f, i) =>
    t.t(locale, 'attachment.line', {
      n: i + 1,
      name: f.name,
      size: sizeText(f.bytes),
      sha: f.sha256.slice(0, shownHash),
      at: render.instant(f.createdAt),
    }),
  );
  return {
    text: [
      t.t(locale, 'attachment.list_title', { number: shown, count: files.length }),
      ...lines,
    ].join('\n'),
    buttons: files.map((f) => ({
      label: t.t(locale, 'attachment.send_me', { name: f.name }),
      action: { name: 'send_attachment', number: shown, id: f.id },
    })),
  };
}

/** R30: the file a "send me" button asks for, to go to the asker's own DM (as an export does). */
export async function sendAttachment(
  core: Core,
  speaker: Pick<Speaker, 't' | 'locale'>,
  actor: Actor,
  action: SendAttachment,
): Promise<AttachmentAnswer> {
  const file = await openAttachment(core, actor, action.number, action.id);
  const { t, locale } = speaker;
  return {
    text: t.t(locale, 'attachment.sent', { name: file.name }),
    buttons: [],
    files: [
      {
        name: file.name,
        mime: file.mediaType,
        data: file.bytes,
        title: t.t(locale, 'attachment.file_title', { number: action.number, name: file.name }),
      },
    ],
  };
}

/**
 * R30: a file someone sent the bot: "which of your open cases is it for?", with a button for
 * each case they may attach it to, carrying the platform's reference to the file.
 */
export async function whichCase(
  core: Core,
  speaker: Pick<Speaker, 't' | 'locale'>,
  actor: Actor,
  incoming: { name: string; ref: string },
): Promise<AttachmentAnswer> {
  const { t, locale } = speaker;
  const targets = await attachTargets(core, actor);
  if (targets.length === 0) {
    return { text: t.t(locale, 'attachment.no_target', { name: incoming.name }), buttons: [] };
  }
  return {
    text: t.t(locale, 'attachment.which_case', { name: incoming.name }),
    buttons: targets.map((c) => ({
      label: t.t(locale, 'attachment.target', {
        number: c.number,
        category: c.categoryId,
        state: c.state,
      }),
      action: { name: 'attach', number: c.number, ref: incoming.ref },
    })),
  };
}

/**
 * R30: the click on "attach to case N": the adapter's `fetch` gets the file's bytes (refusing a
 * file the clicker did not send), and the core keeps it with the case if the rules allow, once:
 * a second click on the same file for the same case is refused as given before. The record is
 * the clicker's own, so another person's click naming the file learns nothing from it, and
 * hashed, since a button's value is the clicker's to write and the record's key has a length.
 */
export async function attachIncoming(
  core: Core,
  speaker: Pick<Speaker, 't' | 'locale'>,
  actor: Actor,
  action: AttachIncoming,
  fetch: FetchUpload,
  source: Platform,
): Promise<AttachmentAnswer> {
  const upload = await fetch(action.ref, actor);
  const once = createHash('sha256')
    .update(`${actor.person.id}\n${action.number.trim().toUpperCase()}\n${action.ref}`)
    .digest('hex');
  return attachUpload(core, speaker, actor, action.number, upload, {
    source,
    key: `attach:${once}`,
  });
}

/** R30: a file the person gave (a terminal's path, a platform's download) kept with the case. */
export async function attachUpload(
  core: Core,
  speaker: Pick<Speaker, 't' | 'locale'>,
  actor: Actor,
  number: string,
  upload: Upload,
  given?: Delivery,
): Promise<AttachmentAnswer> {
  const { petition, events } = await attach(core, actor, number, upload, given);
  const kept = readEvent(events[0].type, events[0].data);
  if (kept.type !== 'attached')
    throw new Error(`attaching to ${petition.number} recorded ${kept.type}`);
  const text = speaker.t.t(speaker.locale, 'attachment.attached', {
    name: kept.data.name,
    number: petition.number,
    size: sizeText(kept.data.bytes),
    sha: kept.data.sha256.slice(0, shownHash),
  });
  return { text, buttons: [] };
}
