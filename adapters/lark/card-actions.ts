import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { actOnce, actedBefore } from '../../src/services/act-once';
import { caseActions, isPageAction } from '../shared/actions';
import { answerList } from '../shared/answers';
import { isAttachmentAction } from '../shared/attachments';
import { isInteraction } from '../shared/interactions';
import { fieldOf, formOf, handleAction, type Done, type Outcome } from '../shared/model';
import { attachmentClick, type CardAnswer } from './attachments';
import { actionCard, answerCard, doneCard, type ButtonValue } from './cards';
import { explain, localeOf, speakerOf, type LarkContext } from './context';
import { answered, formCard, type FormSubmission } from './form-cards';
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
    if (isAttachmentAction(value)) {
      return await attachmentClick(ctx, actor, openId, value, event.context?.open_message_id);
    }
    return await click(
      ctx,
      actor,
      openId,
      value as unknown as ButtonValue,
      event.context?.open_message_id,
    );
  } catch (e) {
    return { toast: { type: 'error', content: explain(ctx, actor, e) } };
  }
}

function finished(done: Done): CardAnswer {
  return {
    toast: { type: 'success', content: done.text },
    card: { type: 'raw', data: doneCard(done.text) },
  };
}

async function submit(
  ctx: LarkContext,
  actor: Actor,
  submission: FormSubmission,
  formValue: Record<string, unknown> | undefined,
): Promise<CardAnswer> {
  const { form: name, message, nonce, number, request, draft } = submission;
  if (!isInteraction(name)) return {};
  const { core, t } = ctx;
  const speaker = speakerOf(ctx, actor);
  const { fields } = await formOf(core, speaker, actor, name, number);
  let outcome: Outcome | typeof actedBefore;
  try {
    // A form card stays on screen until Lark has our answer: a second click on Submit must not
    // file a second petition, while a refused form, corrected, may be submitted again.
    outcome = await actOnce(core, 'lark', nonce && `form:${nonce}`, () =>
      handleAction(core, speaker, actor, {
        kind: 'submit',
        name,
        number,
        values: answered(fields, formValue),
        origin: { request, draft },
      }),
    );
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const field = fields.find((f) => f.id === fieldOf(e))?.label;
    const reason = t.refusal(speaker.locale, e);
    const content = field
      ? t.t(speaker.locale, 'form.field_error', { field, message: reason })
      : reason;
    return { toast: { type: 'error', content } };
  }
  if (outcome === actedBefore) {
    return { toast: { type: 'info', content: t.t(speaker.locale, 'form.already_submitted') } };
  }
  if (!('done' in outcome)) return {};
  const answer = finished(outcome.done);
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
  const speaker = speakerOf(ctx, actor);
  if (isPageAction(value)) {
    // The list's card shows the page asked for instead.
    const { list, page, query } = value;
    const answer = await answerList(ctx.core, ctx.render, actor, locale, list, page, query);
    return { card: { type: 'raw', data: answerCard(ctx.t, locale, answer) } };
  }
  const outcome = isInteraction(value.name)
    ? await handleAction(ctx.core, speaker, actor, {
        kind: 'open',
        name: value.name,
        number: value.number || undefined,
        values: value.values,
        origin: { request: value.request },
      })
    : await handleAction(ctx.core, speaker, actor, { kind: 'show', number: value.number });
  if ('done' in outcome) return finished(outcome.done);
  if ('show' in outcome) {
    const actions = await caseActions(ctx.core, actor, value.number);
    const file = actionCard(ctx.t, locale, outcome.show, actions);
    ctx.background.run('send a case file', async () => {
      await ctx.api.sendCard({ kind: 'user', id: openId }, file);
    });
    return {};
  }
  const card = formCard(ctx.t, locale, outcome.open, message);
  ctx.background.run('send a form', async () => {
    await ctx.api.sendCard({ kind: 'user', id: openId }, card);
  });
  return { toast: { type: 'info', content: ctx.t.t(locale, 'form.form_sent') } };
}
