import { randomBytes } from 'node:crypto';
import { isLocalDate } from '../../src/calendar/local-date';
import { allows, type PetitionState, type StepName } from '../../src/domain/lifecycle';
import type { Actor, Locale } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import { affordances } from '../../src/services/affordances';
import { checkStep } from '../../src/services/case-step';
import { today, type Core } from '../../src/services/core';
import { draftText } from '../../src/services/drafts';
import { mayCreate } from '../../src/services/file';
import { caseFile } from '../../src/services/read-models';
import {
  checkSignOff,
  mayRegister,
  policiesOffered,
  type PolicyStep,
} from '../../src/services/policy';
import type { Field } from './forms';
import {
  interactions,
  type FieldContext,
  type Interaction,
  type InteractionName,
  type ModelStep,
  type Origin,
  type Values,
} from './interactions';
import type { TextRenderer } from './text-render';

/**
 * What a person asked for, whatever platform they asked on: to read a case, to start a step
 * (a button, a typed command: its form opens, or the step is taken when nothing is left to ask),
 * or to submit a step's form.
 */
export type Action =
  | { kind: 'show'; number: string }
  | {
      kind: 'open' | 'submit';
      name: InteractionName;
      number?: string;
      values?: Values;
      origin?: Origin;
    };

/** A form to fill in, drawn by each platform as its own kind of form. */
export interface OpenForm {
  name: InteractionName;
  number?: string;
  title: string;
  fields: Field[];
  /** Answers already given (a button's preset, a command's words): the fields start with them. */
  values: Values;
  origin: Origin;
}

/**
 * A step taken: the line that says so, for the notice or form it came from. A step of the policy
 * register names the policy by its number and has no case state.
 */
export interface Done {
  number: string;
  step: ModelStep;
  state?: PetitionState;
  text: string;
}

export type Outcome = { open: OpenForm } | { show: string } | { done: Done };

/** What renders outcomes and refusals: the translator, the text views and the reader's language. */
export interface Speaker {
  t: Translator;
  render: TextRenderer;
  locale: Locale;
}

/** The state table's step an interaction takes on a case in this state. */
export function stepIn(name: InteractionName, state: PetitionState): StepName {
  const steps = interactions[name].steps as readonly StepName[];
  return steps.find((s) => allows(s, state)) ?? steps[0];
}

function isCreation(step: string): step is 'file' | 'recordTeamResolution' {
  return step === 'file' || step === 'recordTeamResolution';
}

/** R17: the steps of the policy register, which are about a policy rather than a case. */
export function isPolicyStep(step: string): step is PolicyStep {
  return step === 'registerPolicy' || step === 'signOffPolicy';
}

/**
 * What a form's fields are drawn from, for this reader now: the policies a case may name too.
 * A form submitted without naming a policy is read without them: the policy register is not
 * read for every filing that names none.
 */
export async function fieldContext(
  core: Core,
  speaker: Pick<Speaker, 't' | 'locale'>,
  actor: Actor,
  name: InteractionName,
  submitted?: Values,
): Promise<FieldContext> {
  const names = interactions[name].steps as readonly string[];
  const offered = names.includes('file') || names.includes('linkPolicy');
  const named = submitted === undefined || (submitted.policy ?? '').trim() !== '';
  const policies = offered && named ? await policiesOffered(core) : [];
  return { actor, t: speaker.t, locale: speaker.locale, today: today(core), policies };
}

/** The title of an interaction's form, for this reader: all a confirmation of it shows. */
export function titleOf(speaker: Pick<Speaker, 't' | 'locale'>, name: InteractionName): string {
  return speaker.t.t(speaker.locale, `form.${name}_title`);
}

/** The form of an interaction, labelled for this reader; `submitted` when it is being read. */
export async function formOf(
  core: Core,
  speaker: Speaker,
  actor: Actor,
  name: InteractionName,
  number?: string,
  values: Values = {},
  origin: Origin = {},
  submitted = false,
): Promise<OpenForm> {
  const c = await fieldContext(core, speaker, actor, name, submitted ? values : undefined);
  return {
    name,
    number,
    title: titleOf(speaker, name),
    fields: interactions[name].fields(c),
    values,
    origin,
  };
}

/** The form's fields, each starting with the answer already given, for a platform to draw. */
export function prefilled(form: OpenForm): Field[] {
  return form.fields.map((f): Field => {
    const given = form.values[f.id];
    if (given === undefined || f.kind === 'confirm') return f;
    return f.kind === 'number' ? { ...f, initial: Number(given) } : { ...f, initial: given };
  });
}

/** Whether a form cannot be submitted without an answer to this field. */
export function isRequired(field: Field): boolean {
  return field.kind === 'confirm' || !('optional' in field && field.optional === true);
}

/**
 * Whether the interaction is about something that exists (a case, or a registered policy): it
 * needs that one's number.
 */
export function takesCase(name: InteractionName): boolean {
  const [first] = interactions[name].steps;
  return !isCreation(first) && first !== 'registerPolicy';
}

/** Whether the interaction is a step of a case, offered as a button on the case. */
export function onCase(name: InteractionName): boolean {
  return takesCase(name) && !isPolicyStep(interactions[name].steps[0]);
}

/** Whether the answer to a field is missing (an optional field may be left empty). */
function missing(field: Field, value: string | undefined): boolean {
  if (field.kind === 'confirm') return value !== 'yes';
  return (value ?? '').trim() === '' && !('optional' in field && field.optional === true);
}

/**
 * One answer read against its field: the value the core is given, or a Refusal naming the field.
 * A choice may be given by its number, its value or its words (`不满意`, `人力资源部`).
 */
export function readAnswer(field: Field, raw: string): string {
  const text = raw.trim();
  const refuse = (key: string, params: Record<string, string | number> = {}) =>
    new Refusal(key, { field: field.id, ...params });
  if (missing(field, text)) {
    throw field.kind === 'confirm'
      ? new Refusal('refusal.commitment_required', { field: field.id })
      : refuse('refusal.required');
  }
  if (text === '') return '';
  switch (field.kind) {
    case 'text':
    case 'multiline':
      if (field.max && text.length > field.max)
        throw refuse('refusal.too_long', { limit: field.max });
      return text;
    case 'number': {
      const n = Number(text);
      if (!Number.isInteger(n) || n < field.min || n > field.max) {
        throw refuse('refusal.number_range', { min: field.min, max: field.max, value: text });
      }
      return String(n);
    }
    case 'select': {
      const options = field.groups ? field.groups.flatMap((g) => g.options) : field.options;
      const lower = text.toLowerCase();
      const byNumber = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
      const starting = options.filter((o) => o.text.toLowerCase().startsWith(lower));
      const found =
        options.find((o) => o.value.toLowerCase() === lower) ??
        options.find((o) => o.text.toLowerCase() === lower) ??
        byNumber ??
        (starting.length === 1 ? starting[0] : undefined);
      if (!found) {
        const choices = options.map((o) => o.text).join('、');
        throw refuse('refusal.choice', { value: text, choices });
      }
      return found.value;
    }
    case 'date':
      if (!isLocalDate(text)) throw refuse('refusal.date', { value: text });
      return text;
    case 'confirm':
      return 'yes';
  }
}

/** Every answer of a form read against its fields, the first bad one refused by name. */
export function readAnswers(fields: Field[], values: Values): Values {
  const out: Values = {};
  for (const field of fields) out[field.id] = readAnswer(field, values[field.id] ?? '');
  return out;
}

/**
 * The step the interaction takes, refused before any field is asked when the case's state or
 * the rules do not allow it (a stale button, a person who may not).
 */
async function admit(
  core: Core,
  actor: Actor,
  name: InteractionName,
  number?: string,
): Promise<ModelStep> {
  const [first] = interactions[name].steps;
  if (first === 'registerPolicy') {
    if (!mayRegister(actor)) throw new Refusal('refusal.policy_head_only');
    return first;
  }
  if (first === 'signOffPolicy') {
    await checkSignOff(core, actor, Number(number));
    return first;
  }
  if (isCreation(first)) {
    mayCreate(actor, first);
    return first;
  }
  if (!number) throw new Refusal('refusal.not_found', { number: '' });
  const open = await affordances(core, actor, number);
  const step = stepIn(name, open.state);
  // The step itself words the refusal: the state, or who may take it.
  if (!open.steps.includes(step)) await checkStep(core, actor, number, step);
  return step;
}

async function take(
  core: Core,
  speaker: Speaker,
  actor: Actor,
  form: OpenForm,
  step: ModelStep,
  values: Values,
): Promise<Done> {
  const answers = readAnswers(form.fields, values);
  const interaction = interactions[form.name];
  const result = await interaction.take(core, actor, form.number ?? '', answers, form.origin);
  if ('policy' in result) {
    return {
      number: String(result.policy.id),
      step,
      text: speaker.t.t(speaker.locale, 'form.policy_acted', {
        who: actor.person.name,
        step: speaker.t.t(speaker.locale, `step.${step}`),
        policy: result.policy.id,
        title: result.policy.title,
      }),
    };
  }
  const { petition } = result;
  return {
    number: petition.number,
    step,
    state: petition.state,
    text: speaker.t.t(speaker.locale, 'form.acted', {
      who: actor.person.name,
      step: speaker.t.t(speaker.locale, `step.${step}`),
      number: petition.number,
    }),
  };
}

/** R1: a filing offered for a direct message starts from the kept text, for its sender only. */
async function fromDraft(core: Core, actor: Actor, values: Values, origin: Origin) {
  const { draft, ...rest } = values;
  if (!draft) return { values, origin };
  return {
    values: { ...rest, content: await draftText(core, actor, draft) },
    origin: { ...origin, draft },
  };
}

/**
 * R32: the one way a chat acts on what a person asked. A Refusal is thrown for the adapter's
 * error policy (`explain`) to word; nothing is taken twice or half.
 */
export async function handleAction(
  core: Core,
  speaker: Speaker,
  actor: Actor,
  action: Action,
): Promise<Outcome> {
  if (action.kind === 'show') {
    return {
      show: speaker.render.caseFile(speaker.locale, await caseFile(core, actor, action.number)),
    };
  }
  const step = await admit(core, actor, action.name, action.number);
  const { values, origin } = await fromDraft(core, actor, action.values ?? {}, action.origin ?? {});
  const submitted = action.kind === 'submit';
  const { name, number } = action;
  const form = await formOf(core, speaker, actor, name, number, values, origin, submitted);
  const ready = form.fields.every((f) => !missing(f, values[f.id]));
  if (submitted || (ready && (interactions[name] as Interaction).oneClick === true)) {
    return { done: await take(core, speaker, actor, form, step, values) };
  }
  return { open: form };
}

/**
 * One error policy for every chat: a Refusal is its message in the reader's language; anything
 * else is logged with an id, and the person is given an apology naming it, never silence.
 */
export function explain(log: Logger, speaker: Pick<Speaker, 't' | 'locale'>, e: unknown): string {
  if (e instanceof Refusal) return speaker.t.refusal(speaker.locale, e);
  const id = randomBytes(4).toString('hex');
  log.error(
    { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), id },
    'a chat action failed',
  );
  return speaker.t.t(speaker.locale, 'chat.failed', { id });
}

const fieldOfRefusal: Record<string, string> = {
  'refusal.commitment_required': 'commitment',
  'refusal.content_empty': 'content',
  'refusal.content_too_long': 'content',
  'refusal.unknown_category': 'category',
  'refusal.people_concerned': 'people',
  'refusal.mode': 'mode',
  'refusal.reply_date_past': 'replyBy',
  'refusal.reply_date_late': 'replyBy',
  'refusal.unknown_situation': 'situation',
  'refusal.extension_days': 'days',
  'refusal.delivery_method': 'method',
  'refusal.delivery_date': 'deliveredOn',
  'refusal.reviewers_required': 'reviewers',
  'refusal.review_outcome': 'outcome',
  'refusal.risk_level': 'riskLevel',
  'refusal.policy_date_past': 'effectiveOn',
  'refusal.unknown_policy': 'policy',
};

/** The form field a refusal is about, or '' when it is about the case as a whole. */
export function fieldOf(refusal: Refusal): string {
  return fieldOfRefusal[refusal.key] ?? String(refusal.params.part ?? refusal.params.field ?? '');
}
