import { Refusal } from '../../src/domain/refusal';
import type { Field } from '../shared/forms';
import type { Command } from '../shared/commands';
import type { Values } from '../shared/interactions';
import { readAnswer, type OpenForm } from '../shared/model';
import type { TerminalContext } from './context';
import { interrupted } from './line-reader';

const back = new Set(['<', 'back', '返回']);
const cancel = new Set(['cancel', '取消']);
const yes = new Set(['y', 'yes', '是', '同意']);
const no = new Set(['n', 'no', '否', '不同意']);

const optionsOf = (field: Field) =>
  field.kind === 'select'
    ? field.groups
      ? field.groups.flatMap((g) => g.options)
      : field.options
    : [];

/** The answer the field starts with, shown as the default a bare Enter keeps. */
function initialOf(field: Field): string | undefined {
  if (!('initial' in field) || field.initial === undefined) return undefined;
  return String(field.initial);
}

function prompt(ctx: TerminalContext, field: Field): string {
  if (field.kind === 'confirm') return ctx.t('chat.confirm_prompt', { statement: field.statement });
  const initial = initialOf(field);
  const shown = optionsOf(field).find((o) => o.value === initial)?.text ?? initial;
  const hint =
    shown !== undefined
      ? ctx.t('chat.field_default', { value: shown })
      : 'optional' in field && field.optional
        ? ctx.t('chat.field_optional')
        : '';
  return ctx.t('chat.field_prompt', { label: field.label, hint });
}

/** A typed answer as the field reads it: a date may be relative, Enter keeps the default. */
function typed(ctx: TerminalContext, field: Field, line: string): string {
  const text = line.trim();
  if (field.kind === 'confirm') {
    if (yes.has(text.toLowerCase())) return 'yes';
    if (no.has(text.toLowerCase())) throw new Refusal('refusal.commitment_required');
    throw new Refusal('chat.yes_no');
  }
  if (text === '') return initialOf(field) ?? '';
  return field.kind === 'date' ? ctx.date(text) : text;
}

/**
 * Asks one field until its answer reads well: a wrong value (a bad date, `n` to the commitment)
 * says why and asks that field again. Null when the form is cancelled (`cancel`, Ctrl-D, Ctrl-C);
 * `<` goes back a field.
 */
async function askField(
  ctx: TerminalContext,
  field: Field,
): Promise<{ value: string } | 'back' | null> {
  const options = optionsOf(field);
  if (options.length > 0) ctx.say(options.map((o, i) => `  ${i + 1}) ${o.text}`).join('\n'));
  for (;;) {
    const line = await ctx.ask(prompt(ctx, field));
    if (line === null || line === interrupted || cancel.has(line.trim().toLowerCase())) return null;
    if (back.has(line.trim().toLowerCase())) return 'back';
    try {
      return { value: readAnswer(field, typed(ctx, field, line)) };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      ctx.say(ctx.translator.refusal(ctx.locale, e));
    }
  }
}

/**
 * A form as a sequence of prompts: the fields in `ask`, in order, starting from the answers
 * already given. Null when cancelled, so nothing half-filled reaches the core.
 */
export async function askFields(
  ctx: TerminalContext,
  values: Values,
  ask: Field[],
): Promise<Values | null> {
  const answers = { ...values };
  if (ask.length > 1) ctx.say(ctx.t('chat.back_hint'));
  let i = 0;
  while (i < ask.length) {
    const answer = await askField(ctx, ask[i]);
    if (answer === null) return null;
    if (answer === 'back') {
      i = Math.max(0, i - 1);
      continue;
    }
    answers[ask[i].id] = answer.value;
    i++;
  }
  return answers;
}

/**
 * The answers typed on the command line after the words `first` (the case number…), field by
 * field: a choice, number, date or one-line text takes one word (a choice with a default only
 * when the word is one of its options), a long text (or the last field) the rest of the line.
 */
export function inlineAnswers(
  ctx: TerminalContext,
  form: OpenForm,
  cmd: Command,
  first: number,
): Values {
  const values: Values = {};
  let at = first;
  for (const [i, field] of form.fields.entries()) {
    if (at >= cmd.args.length || field.kind === 'confirm') break;
    const last = i === form.fields.length - 1;
    if (field.kind === 'multiline' || (field.kind === 'text' && last)) {
      values[field.id] = cmd.restAfter(at);
      break;
    }
    const word = field.kind === 'date' ? ctx.date(cmd.args[at]) : cmd.args[at];
    if (field.kind === 'select' && initialOf(field) !== undefined && !reads(field, word)) continue;
    values[field.id] = word;
    at++;
  }
  return values;
}

function reads(field: Field, word: string): boolean {
  try {
    readAnswer(field, word);
    return true;
  } catch {
    return false;
  }
}
