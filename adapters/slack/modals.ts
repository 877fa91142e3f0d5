import type { Translator } from '../../src/i18n/translator';
import type { Locale } from '../../src/domain/people';
import type { Origin } from '../shared/interactions';
import { prefilled, type Done, type OpenForm } from '../shared/model';
import { modal } from './modal-fields';
import { section } from './blocks';

/** Where a modal came from: its case and request, and the message whose button opened it. */
export interface ModalOrigin extends Origin {
  number?: string;
  channel?: string;
  ts?: string;
}

/** The model's form as a modal; its callback id is the interaction's name. */
export function formModal(t: Translator, locale: Locale, form: OpenForm, origin: ModalOrigin) {
  return modal(form.name, form.title, t.t(locale, 'form.submit'), prefilled(form), {
    ...origin,
    number: form.number,
    request: form.origin.request,
    draft: form.origin.draft,
  });
}

/** What the modal becomes once its step is taken: the confirmation, with the case number. */
export function doneModal(t: Translator, locale: Locale, form: OpenForm, done: Done) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: form.title.slice(0, 24) },
    close: { type: 'plain_text' as const, text: t.t(locale, 'form.close').slice(0, 24) },
    blocks: [section(done.text)],
  };
}
