import type { Actor } from '../../src/domain/people';
import type { Rating } from '../../src/domain/petition';
import { Refusal } from '../../src/domain/refusal';
import { checkStep } from '../../src/services/case-step';
import { caseFile } from '../../src/services/read-models';
import { actOnce, actedBefore } from '../../src/services/act-once';
import { formFields, formOfAction } from '../shared/forms';
import { actedText, clickStep, fieldOf, submitForm, type Done } from '../shared/submissions';
import { doneCard, type ButtonValue } from './cards';
import { explain, localeOf, type LarkContext } from './context';
import { sendForm } from './conversation';
import { answered, type FormSubmission } from './form-cards';
import { larkActor } from './people';

/** The `card.action.trigger` callback, as far as we read it. */
export interface CardActionEvent {
  event_id?: string;
  /** The tenant the app belongs to (the envelope's). */
  tenant_key?: string;
  operator?: { open_id?: string; tenant_key?: string };
  action?: { value?: Record<string, unknown>; form_value?: Record<string, unknown> };
  context?: { open_message_id?: string };
}

/** The answer Lark shows: a toast, and the card that replaces the clicked one. */
interface CardAnswer {
  toast?: { type: 'info' | 'success' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: object };
}

/**
 * A click on a card button or a submitted form card, answered within Lark's 3 seconds: a step is
 * taken and its result shown; a message to send (a form, a case file) is sent after answering. A
 * click that is stale (the case moved on) or repeated is refused by the core and shown as a
 * toast; nothing changes. A form with a bad answer keeps its input and names the field.
 */
export async function handleCardAction(
  ctx: LarkContext,
  event: CardActionEvent,
): Promise<CardAnswer> {
  const openId = event.operator?.open_id;
  if (!openId) return {};
  const actor = await larkActor(ctx.core, ctx.api, openId, {
    home: event.tenant_key,
    of: event.operator?.tenant_key,
  });
  const value = event.action?.value ?? {};
  try {
    if (typeof value.form === 'string') {
      return await submit(ctx, actor, value as unknown as FormSubmission, event.action?.form_value);
    }
    return await click(ctx, actor, openId, value as ButtonValue, event.context?.open_message_id);
  } catch (e) {
    return { toast: { type: 'error', content: explain(ctx, actor, e) } };
  }
}

function finished(ctx: LarkContext, actor: Actor, done: Done): CardAnswer {
  const text = actedText(ctx.t, localeOf(ctx, actor), actor, done);
  return { toast: { type: 'success', content: text }, card: { type: 'raw', data: doneCard(text) } };
}

async function submit(
  ctx: LarkContext,
  actor: Actor,
  submission: FormSubmission,
  formValue: Record<string, unknown> | undefined,
): Promise<CardAnswer> {
  const { form, message, nonce, ...origin } = submission;
  const { core, t } = ctx;
  const locale = localeOf(ctx, actor);
  const fields = formFields(t, locale, form, {}, '');
  let done: Done | typeof actedBefore;
  try {
    // A form card stays on screen until Lark has our answer: a second click on Submit must not
    // file a second petition, while a refused form, corrected, may be submitted again.
    done = await actOnce(core, 'lark', nonce && `form:${nonce}`, () =>
      submitForm(core, actor, form, answered(fields, formValue), origin),
    );
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const field = fields.find((f) => f.id === fieldOf(e))?.label;
    const reason = t.refusal(locale, e);
    const content = field ? t.t(locale, 'form.field_error', { field, message: reason }) : reason;
    return { toast: { type: 'error', content } };
  }
  if (done === actedBefore) {
    return { toast: { type: 'info', content: t.t(locale, 'form.already_submitted') } };
  }
  const answer = finished(ctx, actor, done);
  // The notice whose button opened the form shows the step as taken, too.
  if (message && answer.card) {
    const card = answer.card.data;
    ctx.background.run('update the notice', () => ctx.api.updateCard(message, card));
  }
  return answer;
}

async function click(
  ctx: LarkContext,
  actor: Actor,
  openId: string,
  value: ButtonValue,
  message: string | undefined,
): Promise<CardAnswer> {
  const locale = localeOf(ctx, actor);
  const formSent: CardAnswer = {
    toast: { type: 'info', content: ctx.t.t(locale, 'form.form_sent') },
  };
  if (value.name === 'file') {
    ctx.background.run('send a form', () =>
      sendForm(ctx, actor, openId, 'file', { content: value.content }),
    );
    return formSent;
  }
  if (value.name === 'show') {
    const file = await caseFile(ctx.core, actor, value.number);
    ctx.background.run('send a case file', async () => {
      await ctx.api.sendText(openId, ctx.render.caseFile(locale, file));
    });
    return {};
  }
  if (value.name === 'approve' || value.name === 'rate') {
    const done = await clickStep(ctx.core, actor, {
      name: value.name,
      number: value.number,
      rating: value.rating as Rating,
    });
    return finished(ctx, actor, done);
  }
  const opens = formOfAction[value.name];
  if (!opens) return {};
  await checkStep(ctx.core, actor, value.number, opens.step);
  ctx.background.run('send a form', () =>
    sendForm(ctx, actor, openId, opens.form, {
      number: value.number,
      request: value.request,
      message,
    }),
  );
  return formSent;
}
