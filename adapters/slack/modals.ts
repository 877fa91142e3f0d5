import type { Translator } from '../../src/i18n/translator';
import type { Locale } from '../../src/domain/people';
import type { Origin } from '../shared/interactions';
import { prefilled, type Done, type OpenForm } from '../shared/model';
import { attachmentTypes } from '../../src/domain/attachment';
import { attachmentInput, inputLimit, modal } from './modal-fields';
import { section } from './blocks';

/** The names the kinds a case keeps go by; `.jpeg` is a JPEG too. */
const attachmentExtensions = [...Object.values(attachmentTypes), 'jpeg'];

/** Where a modal came from: its case and request, and the message whose button opened it. */
export interface ModalOrigin extends Origin {
  number?: string;
  channel?: string;
  ts?: string;
}

/** The model's form as a modal; its callback id is the interaction's name. */
export function formModal(t: Translator, locale: Locale, form: OpenForm, origin: ModalOrigin) {
  const fields = prefilled(form);
  // A text longer than Slack's input takes (a long direct message) is cut: the modal says so.
  const cut = fields.some(
    (f) => (f.kind === 'text' || f.kind === 'multiline') && (f.initial?.length ?? 0) > inputLimit,
  );
  const note = cut ? t.t(locale, 'form.slack_text_cut', { limit: inputLimit }) : undefined;
  const metadata = {
    ...origin,
    number: form.number,
    request: form.origin.request,
    draft: form.origin.draft,
  };
  const view = modal(form.name, form.title, t.t(locale, 'form.submit'), fields, metadata, note);
  if (form.name !== 'file') return view;
  // R30: files given with a filing; Lark's filing card has no such field (files go by DM there).
  const field = attachmentInput(t.t(locale, 'attachment.slack_field'), attachmentExtensions);
  return { ...view, blocks: [...view.blocks, field] };
}

/** What the modal becomes once its step is taken: the confirmation, with the case number. */
export function doneModal(t: Translator, locale: Locale, title: string, done: Done, note?: string) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: title.slice(0, 24) },
    close: { type: 'plain_text' as const, text: t.t(locale, 'form.close').slice(0, 24) },
    blocks: [section(done.text), ...(note ? [section(note)] : [])],
  };
}
