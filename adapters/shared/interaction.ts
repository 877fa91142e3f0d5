import type { CreationName, StepName } from '../../src/domain/lifecycle';
import type { Actor, Locale } from '../../src/domain/people';
import type { Petition } from '../../src/domain/petition';
import type { Policy } from '../../src/domain/catalogue';
import type { Translator } from '../../src/i18n/translator';
import type { StepResult } from '../../src/services/case-step';
import type { Core } from '../../src/services/core';
import type { FilingForm } from '../../src/services/file';
import type { PolicyStep } from '../../src/services/policy';
import type { Field } from './forms';

/** The answers of a form by field id, as text, whichever platform they were typed on. */
export type Values = Record<string, string>;

/** What a form is about beyond its fields: the case's disclosure request a decision answers. */
export interface Origin {
  request?: number;
  /** R1: the kept direct message a filing starts from; it goes once the filing is made. */
  draft?: string;
  /** A submission the platform may send again (a Slack view): a filing is made from it once. */
  submission?: FilingForm['submission'];
}

/**
 * What the fields of a form are drawn from: who fills it in, their language, today's date, and
 * the registered policies a case may name (R17).
 */
export interface FieldContext {
  actor: Actor;
  t: Translator;
  locale: Locale;
  today: string;
  policies?: Policy[];
}

/** Everything a person does: a step of the state table, or one of the policy register (R17). */
export type ModelStep = StepName | CreationName | PolicyStep;

/** What a step did: the case it was taken on, and which step of the state table it was. */
export interface Taken {
  petition: Petition;
  step: StepName | CreationName;
}

/** What a step of the policy register did: the policy it was taken on. */
export interface PolicyTaken {
  policy: Policy;
}

/**
 * One thing a person does in a chat: the steps of the state table it takes (the first the case's
 * state allows: an appeal is a re-review appeal on a reviewed case), its one form, and the core
 * call its answers make. Slack modals, Lark form cards and terminal prompts draw the same fields.
 */
export interface Interaction {
  steps: readonly ModelStep[];
  fields(c: FieldContext): Field[];
  /**
   * A button takes the step at once when it carries every answer the form requires (approving
   * an extension, a rating); typed, or from a form, it asks as usual.
   */
  oneClick?: boolean;
  take(
    core: Core,
    actor: Actor,
    number: string,
    v: Values,
    origin: Origin,
  ): Promise<StepResult | PolicyTaken>;
}
