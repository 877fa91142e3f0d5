import { randomBytes } from 'node:crypto';
import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Field } from '../shared/forms';
import type { InteractionName } from '../shared/interactions';
import { prefilled, type OpenForm } from '../shared/model';
import { button, card, heading, plain, type Card } from './cards';

/** What the submit button of a form card sends back in `action.value`. */
export interface FormSubmission {
  form: InteractionName;
  number?: string;
  request?: number;
  draft?: string;
  /** The card whose button opened the form, shown as done once it is submitted. */
  message?: string;
  nonce?: string;
}

/** Lark's input takes at most 1,000 characters; the core checks the real limits. */
const inputLimit = 1000;

const placeholder = (text: string) => ({ tag: 'plain_text', content: text.slice(0, 100) });
const option = (text: string, value: string) => ({
  text: { tag: 'plain_text', content: text.slice(0, 100) },
  value,
});

function component(field: Field): object {
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return {
        tag: 'input',
        name: field.id,
        placeholder: placeholder(field.label),
        max_length: Math.min(field.max ?? inputLimit, inputLimit),
        ...(field.kind === 'multiline' ? { input_type: 'multiline_text', rows: 4 } : {}),
        ...(field.initial ? { default_value: field.initial.slice(0, inputLimit) } : {}),
      };
    case 'number':
      return {
        tag: 'input',
        name: field.id,
        placeholder: placeholder(`${field.min}–${field.max}`),
        ...(field.initial !== undefined ? { default_value: String(field.initial) } : {}),
      };
    case 'select': {
      // Lark has no option groups: a child is shown with its group's name in front.
      const options = field.groups
        ? field.groups.flatMap((g) =>
            g.options.map((o) => option(`${g.label} / ${o.text}`, o.value)),
          )
        : field.options.map((o) => option(o.text, o.value));
      return {
        tag: 'select_static',
        name: field.id,
        placeholder: placeholder(field.label),
        options,
        ...(field.initial ? { initial_option: field.initial } : {}),
      };
    }
    case 'date':
      return {
        tag: 'date_picker',
        name: field.id,
        placeholder: placeholder(field.label),
        ...(field.initial ? { initial_date: field.initial } : {}),
      };
    case 'confirm':
      return {
        tag: 'checker',
        name: field.id,
        checked: false,
        text: { tag: 'plain_text', content: field.statement },
      };
  }
}

/**
 * A form as a card: a form container holding each field under its label, and a submit button
 * whose value says which form it is, what it is about, and which card this is (`nonce`), so that
 * the same card submitted twice acts once.
 */
export function formCard(t: Translator, locale: Locale, form: OpenForm, message?: string): Card {
  const fields = prefilled(form);
  const submission: FormSubmission = {
    form: form.name,
    ...(form.number ? { number: form.number } : {}),
    ...(form.origin.request !== undefined ? { request: form.origin.request } : {}),
    ...(form.origin.draft ? { draft: form.origin.draft } : {}),
    ...(message ? { message } : {}),
    nonce: randomBytes(8).toString('hex'),
  };
  const submit = {
    ...button(t.t(locale, 'form.submit'), submission, true),
    name: 'submit',
    form_action_type: 'submit',
  };
  const cut = fields.some(
    (f) => (f.kind === 'text' || f.kind === 'multiline') && (f.initial?.length ?? 0) > inputLimit,
  );
  const note = cut ? [plain(t.t(locale, 'form.lark_text_cut', { limit: inputLimit }))] : [];
  return card(
    [
      {
        tag: 'form',
        name: `form_${form.name}`,
        elements: [...fields.flatMap((f) => [heading(f.label), component(f)]), ...note, submit],
      },
    ],
    form.title,
  );
}

/**
 * A submitted form's values by field id, as text, read by each field's kind: a date picker's
 * "2026-12-01 +0800" becomes its day, a ticked checker 'yes', an unticked one ''.
 */
export function answered(
  fields: Field[],
  formValue: Record<string, unknown> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = formValue?.[field.id];
    if (value === undefined || value === null) continue;
    if (field.kind === 'confirm') out[field.id] = value === true ? 'yes' : '';
    else if (field.kind === 'date') out[field.id] = String(value).slice(0, 10);
    else out[field.id] = String(value);
  }
  return out;
}
