import { daysBetween } from '../../src/calendar/local-date';
import { holds, type Actor } from '../../src/domain/people';
import type { Mode } from '../../src/domain/petition';
import { Refusal } from '../../src/domain/refusal';
import { runEveryJobNow } from '../../src/jobs/scheduler';
import { accept, decline } from '../../src/services/accept';
import { actorByKeyOrName } from '../../src/services/actors';
import type { StepResult } from '../../src/services/case-step';
import { close, withdraw } from '../../src/services/closure';
import { today } from '../../src/services/core';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { file, recordTeamResolution } from '../../src/services/file';
import { flagMajor } from '../../src/services/major';
import { note, pause, resume } from '../../src/services/progress';
import { caseFile } from '../../src/services/read-models';
import { relay } from '../../src/services/relay';
import { rate, reply, type WrittenReply } from '../../src/services/reply';
import { appeal, recordReview, type ReviewResult } from '../../src/services/review';
import { addCoDepartment, transfer } from '../../src/services/routing';
import type { ListName } from '../shared/actions';
import { answerList, pageNumber } from '../shared/answers';
import { pauseKindWords, ratingWords, type Command, type CommandName } from '../shared/commands';
import type { TerminalContext } from './context';
import { numbered } from './forms';
import { filingFields, replyFields, reviewFields, teamFields } from './petition-forms';

type Handler = (ctx: TerminalContext, cmd: Command) => Promise<void>;

/** Refuses a command missing its arguments with its usage line, in the reader's language. */
function need(cmd: Command, count: number, usage: CommandName) {
  if (cmd.args.length < count) throw new Refusal('chat.usage', { usage });
}

async function orAsk(ctx: TerminalContext, given: string, prompt: string): Promise<string | null> {
  return given !== '' ? given : ctx.ask(prompt);
}

function cancelled(ctx: TerminalContext): null {
  ctx.say(ctx.t('chat.cancelled'));
  return null;
}

function done(ctx: TerminalContext, step: string, { petition }: StepResult) {
  ctx.remember(petition.number);
  ctx.say(
    ctx.t('chat.done', { number: petition.number, step: ctx.t(step), state: petition.state }),
  );
}

/** Runs a step on the case named by the first argument, with the rest of the line as free text. */
function caseStep(
  usage: CommandName,
  step: string,
  run: (
    ctx: TerminalContext,
    actor: Actor,
    number: string,
    rest: string,
    cmd: Command,
  ) => Promise<StepResult | null>,
): Handler {
  return async (ctx, cmd) => {
    need(cmd, 1, usage);
    const result = await run(ctx, ctx.actor, cmd.args[0], cmd.restAfter(1), cmd);
    if (result) done(ctx, step, result);
  };
}

async function fileHandler(ctx: TerminalContext) {
  const asLiaison = holds(ctx.actor, 'liaison');
  const answers = await ctx.form(filingFields(ctx, asLiaison));
  if (!answers) return ctx.say(ctx.t('chat.cancelled'));
  const behalf = String(answers.onBehalf ?? '').trim();
  let onBehalfOf: { personId?: number; name?: string } | undefined;
  if (behalf !== '') {
    const known = await actorByKeyOrName(ctx.core, behalf).catch(() => null);
    onBehalfOf = known ? { personId: known.person.id } : { name: behalf };
  }
  const petition = await file(ctx.core, ctx.actor, {
    categoryId: String(answers.categoryId),
    content: String(answers.content),
    contact: String(answers.contact ?? ''),
    peopleConcerned: Number(answers.peopleConcerned),
    mode: answers.mode as Mode,
    commitment: answers.commitment === true,
    onBehalfOf,
  });
  ctx.remember(petition.number);
  ctx.say(ctx.t('chat.filed', { number: petition.number, state: petition.state }));
}

async function teamHandler(ctx: TerminalContext) {
  const answers = await ctx.form(teamFields(ctx));
  if (!answers) return ctx.say(ctx.t('chat.cancelled'));
  const petition = await recordTeamResolution(
    ctx.core,
    ctx.actor,
    {
      categoryId: String(answers.categoryId),
      content: String(answers.content),
      onBehalfOf: { name: String(answers.worker) },
    },
    String(answers.resolution),
  );
  ctx.say(ctx.t('chat.team_recorded', { number: petition.number }));
}

async function chooseSituation(ctx: TerminalContext): Promise<string | null> {
  const options = ctx.core.org.declineSituations.map((s) => ({
    label: ctx.translator.name(ctx.locale, s.name),
    value: s.id,
  }));
  const answers = await ctx.form([
    {
      key: 'situation',
      prompt: ctx.t('chat.ask_situation'),
      ...numbered(options, ctx.t('chat.choose_number', { max: options.length })),
    },
  ]);
  return answers ? String(answers.situation) : null;
}

async function clockHandler(ctx: TerminalContext, cmd: Command) {
  const shift = cmd.args[0];
  if (shift) {
    const match = /^\+(\d+)(wd|d|h)$/.exec(shift);
    if (!match) throw new Refusal('chat.clock_usage');
    const hours = match[2] === 'h' ? Number(match[1]) : 0;
    const days = hours > 0 ? 0 : daysBetween(today(ctx.core), ctx.date(shift));
    ctx.clock.advance(days * 86_400_000 + hours * 3_600_000);
  }
  const now = ctx.core.clock.now();
  ctx.say(
    ctx.t('chat.clock_now', {
      now: ctx.render.instant(now),
      zone: ctx.core.rules.timeZone,
      working: ctx.t(
        ctx.core.calendar.isWorkingDay(today(ctx.core)) ? 'chat.working_day' : 'chat.rest_day',
      ),
    }),
  );
}

function disclosureDecision(grant: boolean): Handler {
  return caseStep(
    grant ? 'grant' : 'deny',
    'step.decideDisclosure',
    async (ctx, actor, number, _r, cmd) => {
      const numbered = /^\d+$/.test(cmd.args[1] ?? '');
      const request = numbered ? Number(cmd.args[1]) : undefined;
      const reason = await orAsk(ctx, cmd.restAfter(numbered ? 2 : 1), ctx.t('chat.ask_reason'));
      return reason === null
        ? null
        : decideDisclosure(ctx.core, actor, number, request, grant, reason);
    },
  );
}

/** A list, a page at a time: `queue 2` shows the second page. */
function listHandler(list: ListName): Handler {
  return async (ctx, cmd) => {
    const page = pageNumber(cmd.args[0]);
    ctx.say((await answerList(ctx.core, ctx.render, ctx.actor, ctx.locale, list, page)).text);
  };
}

export const handlers: Record<
  Exclude<CommandName, 'help' | 'as' | 'whoami' | 'lang' | 'quit'>,
  Handler
> = {
  file: fileHandler,
  team: teamHandler,
  mine: listHandler('mine'),
  queue: listHandler('queue'),
  leading: listHandler('leading'),
  show: async (ctx, cmd) => {
    need(cmd, 1, 'show');
    const file = await caseFile(ctx.core, ctx.actor, cmd.args[0]);
    ctx.remember(file.number);
    ctx.say(ctx.render.caseFile(ctx.locale, file));
  },
  accept: caseStep('accept', 'step.accept', async (ctx, actor, number, _r, cmd) => {
    const date = await orAsk(ctx, cmd.args[1] ?? '', ctx.t('chat.ask_reply_by'));
    return date === null ? null : accept(ctx.core, actor, number, ctx.date(date));
  }),
  decline: caseStep('decline', 'step.decline', async (ctx, actor, number, _r, cmd) => {
    const situation = cmd.args[1] ?? (await chooseSituation(ctx));
    return situation === null
      ? null
      : decline(ctx.core, actor, number, situation, cmd.restAfter(2));
  }),
  transfer: caseStep('transfer', 'step.transfer', (ctx, actor, number, _r, cmd) =>
    transfer(ctx.core, actor, number, cmd.args[1] ?? '', cmd.restAfter(2)),
  ),
  co: caseStep('co', 'step.addCoDepartment', (ctx, actor, number, _r, cmd) =>
    addCoDepartment(ctx.core, actor, number, cmd.args[1] ?? ''),
  ),
  note: caseStep('note', 'step.note', (ctx, actor, number, rest) =>
    note(ctx.core, actor, number, rest),
  ),
  pause: caseStep('pause', 'step.pause', (ctx, actor, number, rest, cmd) => {
    const kind = pauseKindWords[(cmd.args[1] ?? '').toLowerCase()];
    return pause(ctx.core, actor, number, kind ? cmd.restAfter(2) : rest, kind);
  }),
  resume: caseStep('resume', 'step.resume', (ctx, actor, number, rest) =>
    resume(ctx.core, actor, number, rest),
  ),
  extend: caseStep('extend', 'step.requestExtension', async (ctx, actor, number, _r, cmd) => {
    const days = await orAsk(ctx, cmd.args[1] ?? '', ctx.t('form.days') + ctx.t('chat.colon'));
    const reason =
      days === null ? null : await orAsk(ctx, cmd.restAfter(2), ctx.t('chat.ask_reason'));
    return reason === null ? null : requestExtension(ctx.core, actor, number, Number(days), reason);
  }),
  approve: caseStep('approve', 'step.decideExtension', (ctx, actor, number, rest) =>
    decideExtension(ctx.core, actor, number, true, rest),
  ),
  reject: caseStep('reject', 'step.decideExtension', async (ctx, actor, number, rest) => {
    const reason = await orAsk(ctx, rest, ctx.t('chat.ask_reason'));
    return reason === null ? null : decideExtension(ctx.core, actor, number, false, reason);
  }),
  reply: caseStep('reply', 'step.reply', async (ctx, actor, number) => {
    const answers = await ctx.form(replyFields(ctx, today(ctx.core)));
    if (!answers) return cancelled(ctx);
    const written = answers as unknown as WrittenReply;
    return reply(ctx.core, actor, number, {
      ...written,
      deliveredOn: ctx.date(written.deliveredOn),
    });
  }),
  rate: caseStep('rate', 'step.rate', (ctx, actor, number, _r, cmd) =>
    rate(
      ctx.core,
      actor,
      number,
      ratingWords[(cmd.args[1] ?? '').toLowerCase()] ?? (cmd.args[1] as never),
      cmd.restAfter(2),
    ),
  ),
  appeal: caseStep('appeal', 'step.appeal', async (ctx, actor, number, rest) => {
    const reason = await orAsk(ctx, rest, ctx.t('chat.ask_reason'));
    return reason === null ? null : appeal(ctx.core, actor, number, reason);
  }),
  review: caseStep('review', 'step.recordReview', async (ctx, actor, number) => {
    const answers = await ctx.form(reviewFields(ctx));
    if (!answers) return cancelled(ctx);
    return recordReview(ctx.core, actor, number, answers as unknown as ReviewResult);
  }),
  withdraw: caseStep('withdraw', 'step.withdraw', (ctx, actor, number, rest) =>
    withdraw(ctx.core, actor, number, rest),
  ),
  close: caseStep('close', 'step.close', (ctx, actor, number, rest) =>
    close(ctx.core, actor, number, rest),
  ),
  major: caseStep('major', 'step.flagMajor', (ctx, actor, number, rest) =>
    flagMajor(ctx.core, actor, number, 'manual', rest),
  ),
  disclose: caseStep('disclose', 'step.requestDisclosure', (ctx, actor, number, rest) =>
    requestDisclosure(ctx.core, actor, number, rest),
  ),
  grant: disclosureDecision(true),
  deny: disclosureDecision(false),
  msg: caseStep('msg', 'step.relay', (ctx, actor, number, rest) =>
    relay(ctx.core, actor, number, rest),
  ),
  clock: clockHandler,
  jobs: async (ctx) => {
    ctx.say(ctx.t('chat.jobs_ran', { count: await runEveryJobNow(ctx.core, 'terminal') }));
  },
};
