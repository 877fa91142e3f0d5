import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import { contentLimit } from '../../src/services/file';
import { maxExtensionWorkingDays } from '../../src/services/extension';
import { modal, type Field } from './modal-fields';

/** Where a modal came from: the case, and the message whose buttons opened it (to update it). */
export interface ModalOrigin {
  number?: string;
  request?: number;
  channel?: string;
  ts?: string;
  content?: string;
}

export type FormName =
  | 'file'
  | 'accept'
  | 'decline'
  | 'extend'
  | 'reject'
  | 'reply'
  | 'appeal'
  | 'review'
  | 'grant'
  | 'deny';

/** The modal of each form, labelled in the user's language. */
export function formModal(
  t: Translator,
  locale: Locale,
  form: FormName,
  origin: ModalOrigin,
  today: string,
) {
  const l = (key: string) => t.t(locale, `form.${key}`);
  const text = (id: string, label = id, optional = false): Field => ({
    id,
    label: l(label),
    kind: 'multiline',
    optional,
    max: 2000,
  });
  const org = t.organisation;
  const fields: Record<FormName, Field[]> = {
    file: [
      {
        id: 'category',
        label: l('category'),
        kind: 'select',
        options: [],
        groups: org.categories.map((c) => ({
          label: t.name(locale, c.name),
          options: c.children.map((child) => ({
            text: t.name(locale, child.name),
            value: child.id,
          })),
        })),
      },
      {
        id: 'content',
        label: l('content'),
        kind: 'multiline',
        max: contentLimit,
        initial: origin.content,
      },
      { id: 'contact', label: l('contact'), kind: 'text', optional: true, max: 191 },
      { id: 'people', label: l('people'), kind: 'number', min: 1, max: 100000, initial: 1 },
      {
        id: 'mode',
        label: l('mode'),
        kind: 'select',
        initial: 'named',
        options: ['named', 'confidential', 'anonymous'].map((m) => ({
          text: l(`mode_${m}`),
          value: m,
        })),
      },
      {
        id: 'commitment',
        label: l('commitment'),
        kind: 'confirm',
        statement: l('commitment_statement'),
      },
    ],
    accept: [{ id: 'replyBy', label: l('reply_by'), kind: 'date', initial: today }],
    decline: [
      {
        id: 'situation',
        label: l('situation'),
        kind: 'select',
        options: org.declineSituations.map((s) => ({ text: t.name(locale, s.name), value: s.id })),
      },
      text('note', 'note', true),
    ],
    extend: [
      {
        id: 'days',
        label: l('days'),
        kind: 'number',
        min: 1,
        max: maxExtensionWorkingDays,
        initial: 5,
      },
      text('reason'),
    ],
    reject: [text('reason')],
    reply: [
      text('investigation'),
      text('facts'),
      text('basis'),
      text('conclusion'),
      {
        id: 'method',
        label: l('method'),
        kind: 'select',
        initial: 'in_system',
        options: ['in_person', 'mail', 'in_system'].map((m) => ({
          text: t.t(locale, `method.${m}`),
          value: m,
        })),
      },
      { id: 'deliveredOn', label: l('delivered_on'), kind: 'date', initial: today },
    ],
    appeal: [text('reason')],
    grant: [text('reason')],
    deny: [text('reason')],
    review: [
      { id: 'reviewers', label: l('reviewers'), kind: 'text' },
      {
        id: 'outcome',
        label: l('outcome'),
        kind: 'select',
        options: ['upheld', 'revised'].map((o) => ({
          text: t.t(locale, `outcome.${o}`),
          value: o,
        })),
      },
      text('opinion'),
    ],
  };
  return modal(form, l(`${form}_title`), l('submit'), fields[form], origin);
}
