import type { Actor, Locale } from '../../src/domain/people';
import type { DeliveryMethod, Mode, Rating } from '../../src/domain/petition';
import { Refusal } from '../../src/domain/refusal';
import type { Translator } from '../../src/i18n/translator';
import { accept, decline } from '../../src/services/accept';
import type { Core } from '../../src/services/core';
import { decideDisclosure } from '../../src/services/disclosure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { file, type FilingForm } from '../../src/services/file';
import { rate, reply } from '../../src/services/reply';
import type { ReviewOutcome } from '../../src/domain/history';
import { appeal, recordReview } from '../../src/services/review';
import { splitNames } from './commands';
import type { FormName, FormOrigin } from './forms';

/** What a submitted form did: the case, and the step name for the message that follows. */
export interface Done {
  number: string;
  step: string;
}

/** The line that replaces a notice or form once its step is taken. */
export function actedText(t: Translator, locale: Locale, actor: Actor, done: Done): string {
  return t.t(locale, 'form.acted', {
    who: actor.person.name,
    step: t.t(locale, done.step),
    number: done.number,
  });
}

function caseNumber(origin: FormOrigin): string {
  if (!origin.number) throw new Refusal('refusal.not_found', { number: '' });
  return origin.number;
}

/**
 * Turns a submitted form into the core call it stands for; `submission` names it when the
 * platform could send it again (a Slack view), so a filing is made once.
 */
export async function submitForm(
  core: Core,
  actor: Actor,
  form: FormName,
  v: Record<string, string>,
  origin: FormOrigin,
  submission?: FilingForm['submission'],
): Promise<Done> {
  if (form === 'file') {
    const petition = await file(core, actor, {
      submission,
      categoryId: v.category ?? '',
      content: v.content ?? '',
      contact: v.contact,
      peopleConcerned: Number(v.people ?? 1),
      mode: (v.mode ?? 'named') as Mode,
      commitment: v.commitment === 'yes',
    });
    return { number: petition.number, step: 'form.file_title' };
  }
  const number = caseNumber(origin);
  const steps: Record<Exclude<FormName, 'file'>, () => Promise<unknown>> = {
    accept: () => accept(core, actor, number, v.replyBy ?? ''),
    decline: () => decline(core, actor, number, v.situation ?? '', v.note),
    extend: () => requestExtension(core, actor, number, Number(v.days), v.reason ?? ''),
    reject: () => decideExtension(core, actor, number, false, v.reason),
    reply: () =>
      reply(core, actor, number, {
        investigation: v.investigation ?? '',
        facts: v.facts ?? '',
        basis: v.basis ?? '',
        conclusion: v.conclusion ?? '',
        deliveryMethod: (v.method ?? '') as DeliveryMethod,
        deliveredOn: v.deliveredOn ?? '',
      }),
    appeal: () => appeal(core, actor, number, v.reason ?? ''),
    review: () =>
      recordReview(core, actor, number, {
        reviewers: splitNames(v.reviewers ?? ''),
        outcome: (v.outcome ?? '') as ReviewOutcome,
        opinion: v.opinion ?? '',
      }),
    grant: () => decideDisclosure(core, actor, number, origin.request, true, v.reason ?? ''),
    deny: () => decideDisclosure(core, actor, number, origin.request, false, v.reason ?? ''),
  };
  await steps[form]();
  return { number, step: `form.${form}_title` };
}

/** A one-click step (no form): approve an extension, or rate a reply. */
export async function clickStep(
  core: Core,
  actor: Actor,
  action: { name: string; number: string; rating?: Rating },
): Promise<Done> {
  if (action.name === 'approve') {
    await decideExtension(core, actor, action.number, true);
    return { number: action.number, step: 'step.decideExtension' };
  }
  await rate(core, actor, action.number, action.rating as Rating);
  return { number: action.number, step: 'step.rate' };
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
};

/** The form field a refusal is about, or '' when it is about the case as a whole. */
export function fieldOf(refusal: Refusal): string {
  return fieldOfRefusal[refusal.key] ?? String(refusal.params.part ?? refusal.params.field ?? '');
}
