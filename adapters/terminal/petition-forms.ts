import type { Organisation } from '../../src/config/org';
import type { Mode } from '../../src/domain/petition';
import type { DeliveryMethod } from '../../src/domain/petition';
import type { ReviewOutcome } from '../../src/domain/history';
import { splitNames } from '../shared/commands';
import type { TerminalContext } from './context';
import { anyText, numbered, requiredText, type Field, type Parsed } from './forms';

function categoryField(ctx: TerminalContext, org: Organisation): Field {
  const options = org.rules.map((r) => ({
    label: ctx.translator.category(ctx.locale, r.id),
    value: r.id,
  }));
  return {
    key: 'categoryId',
    prompt: ctx.t('chat.field_category'),
    ...numbered(options, ctx.t('chat.choose_number', { max: options.length })),
  };
}

function text(ctx: TerminalContext, key: string, prompt: string): Field {
  return {
    key,
    prompt: ctx.t(prompt),
    parse: requiredText(ctx.t('refusal.required', { field: key })),
  };
}

function yesNo(ctx: TerminalContext) {
  return (answer: string): Parsed<boolean> => {
    const a = answer.toLowerCase();
    if (['y', 'yes', '是', '同意'].includes(a)) return { value: true };
    if (['n', 'no', '否', '不同意'].includes(a)) return { value: false };
    return { problem: ctx.t('chat.yes_no') };
  };
}

/** R1 registration elements, R5 commitment, R6 mode; a liaison is also asked whom they file for. */
export function filingFields(ctx: TerminalContext, asLiaison: boolean): Field[] {
  const modes: Mode[] = ['named', 'confidential', 'anonymous'];
  const fields: Field[] = [
    categoryField(ctx, ctx.core.org),
    {
      key: 'content',
      prompt: ctx.t('chat.field_content'),
      parse: requiredText(ctx.t('refusal.content_empty')),
    },
    { key: 'contact', prompt: ctx.t('chat.field_contact'), parse: anyText },
    {
      key: 'peopleConcerned',
      prompt: ctx.t('chat.field_people'),
      parse: (answer): Parsed<number> => {
        if (answer === '') return { value: 1 };
        const n = Number(answer);
        return Number.isInteger(n) && n >= 1
          ? { value: n }
          : { problem: ctx.t('refusal.people_concerned') };
      },
    },
    {
      key: 'mode',
      prompt: ctx.t('chat.field_mode'),
      parse: (answer): Parsed<Mode> => {
        const n = answer === '' ? 1 : Number(answer);
        return n >= 1 && n <= 3 && Number.isInteger(n)
          ? { value: modes[n - 1] }
          : { problem: ctx.t('chat.choose_number', { max: 3 }) };
      },
    },
    { key: 'commitment', prompt: ctx.t('chat.field_commitment'), parse: yesNo(ctx) },
  ];
  if (asLiaison)
    fields.unshift({ key: 'onBehalf', prompt: ctx.t('chat.field_on_behalf'), parse: anyText });
  return fields;
}

/** R7: a matter a liaison resolved on the spot. */
export function teamFields(ctx: TerminalContext): Field[] {
  return [
    categoryField(ctx, ctx.core.org),
    text(ctx, 'content', 'chat.field_content'),
    text(ctx, 'worker', 'chat.field_worker'),
    text(ctx, 'resolution', 'chat.field_resolution'),
  ];
}

/** R11: the four parts of the written reply, how and when it was delivered. */
export function replyFields(ctx: TerminalContext, today: string): Field[] {
  const methods: DeliveryMethod[] = ['in_person', 'mail', 'in_system'];
  return [
    text(ctx, 'investigation', 'chat.field_investigation'),
    text(ctx, 'facts', 'chat.field_facts'),
    text(ctx, 'basis', 'chat.field_basis'),
    text(ctx, 'conclusion', 'chat.field_conclusion'),
    {
      key: 'deliveryMethod',
      prompt: ctx.t('chat.field_method'),
      ...numbered(
        methods.map((m) => ({ label: ctx.t(`method.${m}`), value: m })),
        ctx.t('chat.choose_number', { max: 3 }),
      ),
      intro: undefined,
    },
    {
      key: 'deliveredOn',
      prompt: ctx.t('chat.field_delivered_on'),
      parse: (answer) => ({ value: answer === '' ? today : answer }),
    },
  ];
}

/** R13: who reviewed, the outcome and the opinion. */
export function reviewFields(ctx: TerminalContext): Field[] {
  const outcomes: ReviewOutcome[] = ['upheld', 'revised'];
  return [
    {
      key: 'reviewers',
      prompt: ctx.t('chat.field_reviewers'),
      parse: (answer): Parsed<string[]> => {
        const names = splitNames(answer);
        return names.length > 0
          ? { value: names }
          : { problem: ctx.t('refusal.reviewers_required') };
      },
    },
    {
      key: 'outcome',
      prompt: ctx.t('chat.field_outcome'),
      ...numbered(
        outcomes.map((o) => ({ label: ctx.t(`outcome.${o}`), value: o })),
        ctx.t('chat.choose_number', { max: 2 }),
      ),
      intro: undefined,
    },
    text(ctx, 'opinion', 'chat.field_opinion'),
  ];
}
