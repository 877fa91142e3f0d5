import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Refusal } from '../../src/domain/refusal';
import { checkAttachmentSize } from '../../src/services/attachments';
import { answerAttachments, attachUpload, sendAttachment } from '../shared/attachments';
import type { Command } from '../shared/commands';
import type { TerminalContext } from './context';
import { writeFiles } from './files';

function speakerOf(ctx: TerminalContext) {
  return { t: ctx.translator, render: ctx.render, locale: ctx.locale };
}

/**
 * R30 `attach <number> <path>`: a local file kept with the case. Its size is checked before it
 * is read, so a path to something huge is refused without loading it.
 */
export async function attachFile(ctx: TerminalContext, cmd: Command): Promise<void> {
  const [number] = cmd.args;
  const path = cmd.restAfter(1);
  if (!number || !path) throw new Refusal('chat.usage', { usage: 'attach' });
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
  if (size === null) throw new Refusal('attachment.no_such_file', { path });
  checkAttachmentSize(ctx.core, size);
  const bytes = await readFile(path);
  const answer = await attachUpload(ctx.core, speakerOf(ctx), ctx.actor, number, {
    name: basename(path),
    bytes,
  });
  ctx.remember(number.trim().toUpperCase());
  ctx.say(answer.text);
}

/**
 * R30 `attachments <number>` lists a case's files with a numbered choice each; `attachments
 * <number> <n>` (the choice) writes the n-th into the terminal's output folder, as an export is.
 */
export async function attachmentsOf(ctx: TerminalContext, cmd: Command): Promise<void> {
  const [number, which] = cmd.args;
  if (!number) throw new Refusal('chat.usage', { usage: 'attachments' });
  const listed = await answerAttachments(ctx.core, speakerOf(ctx), ctx.actor, number);
  ctx.remember(number.trim().toUpperCase());
  if (which === undefined) {
    ctx.say(listed.text);
    ctx.offer(
      listed.buttons.map((b, i) => ({ label: b.label, line: `attachments ${number} ${i + 1}` })),
    );
    return;
  }
  const button = /^\d+$/.test(which) ? listed.buttons[Number(which) - 1] : undefined;
  if (!button || button.action.name !== 'send_attachment') {
    const count = listed.buttons.length;
    throw new Refusal('refusal.attachment_position', { number, n: which, count });
  }
  const sent = await sendAttachment(ctx.core, speakerOf(ctx), ctx.actor, button.action);
  await writeFiles(ctx, sent.files ?? [], 'attachment.written');
}
