import type { Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { checkStep } from '../../src/services/case-step';
import { maxExtensionWorkingDays } from '../../src/services/extension';
import { textLimit } from '../../src/services/input';

/**
 * The forms of the chat adapters, as neutral fields: Slack draws them as modals, Lark as Card 2.0
 * form containers. A field's id is the name its answer comes back under, and the name a Refusal
 * is shown beside.
 */
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

export const formNames: FormName[] = [
  'file',
  'accept',
  'decline',
  'extend',
  'reject',
  'reply',
  'appeal',
  'review',
  'grant',
  'deny',
];

/** What a form is about: the case (and disclosure request), or the text a filing starts from. */
export interface FormOrigin {
  number?: string;
  request?: number;
  content?: string;
}

export interface Option {
  text: string;
  value: string;
}

export type Field =
  | {
      id: string;
      label: string;
      kind: 'text' | 'multiline';
      optional?: boolean;
      max?: number;
      initial?: string;
    }
  | { id: string; label: string; kind: 'number'; min: number; max: number; initial?: number }
  | {
      id: string;
      label: string;
      kind: 'select';
      options: Option[];
      groups?: { label: string; options: Option[] }[];
      initial?: string;
    }
  | { id: string; label: string; kind: 'date'; initial?: string }
  | { id: string; label: string; kind: 'confirm'; statement: string };

/** The form a notice's button opens, and the step it will take (checked before it opens). */
export const formOfAction: Record<
  string,
  { form: FormName; step: Parameters<typeof checkStep>[3] } | undefined
> = {
  accept: { form: 'accept', step: 'accept' },
  decline: { form: 'decline', step: 'decline' },
  reject: { form: 'reject', step: 'decideExtension' },
  review: {
    form: 'review',
    step: (p) => (p.state === 'under_re_review' ? 'recordReReview' : 'recordReview'),
  },
  grant: { form: 'grant', step: 'decideDisclosure' },
  deny: { form: 'deny', step: 'decideDisclosure' },
  extend: { form: 'extend', step: 'requestExtension' },
  reply: { form: 'reply', step: 'reply' },
  appeal: { form: 'appeal', step: (p) => (p.state === 'reviewed' ? 'appealAgain' : 'appeal') },
};

/** The title of a form, in the user's language. */
export function formTitle(t: Translator, locale: Locale, form: FormName): string {
  return t.t(locale, `form.${form}_title`);
}

/** The fields of each form, labelled in the user's language. */
export function formFields(
  t: Translator,
  locale: Locale,
  form: FormName,
  origin: FormOrigin,
  today: string,
): Field[] {
  const l = (key: string) => t.t(locale, `form.${key}`);
  const text = (id: string, label = id, optional = false): Field => ({
    id,
    label: l(label),
    kind: 'multiline',
    optional,
    max: 2000,
  });
  const org = t.organisation;
  switch (form) {
    case 'file':
      return [
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
          max: textLimit,
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
      ];
    case 'accept':
      return [{ id: 'replyBy', label: l('reply_by'), kind: 'date', initial: today }];
    case 'decline':
      return [
        {
          id: 'situation',
          label: l('situation'),
          kind: 'select',
          options: org.declineSituations.map((s) => ({
            text: t.name(locale, s.name),
            value: s.id,
          })),
        },
        text('note', 'note', true),
      ];
    case 'extend':
      return [
        {
          id: 'days',
          label: l('days'),
          kind: 'number',
          min: 1,
          max: maxExtensionWorkingDays,
          initial: 5,
        },
        text('reason'),
      ];
    case 'reply':
      return [
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
      ];
    case 'review':
      return [
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
      ];
    case 'reject':
    case 'appeal':
    case 'grant':
    case 'deny':
      return [text('reason')];
  }
}
