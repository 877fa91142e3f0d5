import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { formFields, formTitle, type FormName, type FormOrigin } from '../shared/forms';
import { modal } from './modal-fields';

/** Where a modal came from: the form's origin, and the message whose buttons opened it. */
export interface ModalOrigin extends FormOrigin {
  channel?: string;
  ts?: string;
}

/** The modal of each form, labelled in the user's language. */
export function formModal(
  t: Translator,
  locale: Locale,
  form: FormName,
  origin: ModalOrigin,
  today: string,
) {
  return modal(
    form,
    formTitle(t, locale, form),
    t.t(locale, 'form.submit'),
    formFields(t, locale, form, origin, today),
    origin,
  );
}
