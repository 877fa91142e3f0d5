import { daysBetween } from '../../src/calendar/local-date';
import { Refusal } from '../../src/domain/refusal';
import { runEveryJobNow } from '../../src/jobs/scheduler';
import { today } from '../../src/services/core';
import { caseFile } from '../../src/services/read-models';
import type { ListName } from '../shared/actions';
import { answerList, answerRead, pageNumber } from '../shared/answers';
import type { Command, CommandName } from '../shared/commands';
import { interactionNames, type InteractionName, type Origin } from '../shared/interactions';
import { readPolicy } from '../shared/answers';
import {
  fieldOf,
  handleAction,
  isPolicyStep,
  isRequired,
  takesCase,
  type Done,
} from '../shared/model';

import { attachFile, attachmentsOf } from './attachments';
import type { TerminalContext } from './context';
import { writeFiles } from './files';
import { askFields, inlineAnswers } from './prompts';

type Handler = (ctx: TerminalContext, cmd: Command) => Promise<void>;

/** Refuses a command missing its arguments with its usage line, in the reader's language. */
function need(cmd: Command, count: number, usage: CommandName) {
  if (cmd.args.length < count) throw new Refusal('chat.usage', { usage });
}

function told(ctx: TerminalContext, done: Done) {
  if (isPolicyStep(done.step)) return ctx.say(done.text);
  ctx.remember(done.number);
  const { number, state } = done;
  if (done.step === 'file') return ctx.say(ctx.t('chat.filed', { number, state }));
  if (done.step === 'recordTeamResolution') return ctx.say(ctx.t('chat.team_recorded', { number }));
  ctx.say(ctx.t('chat.done', { number, step: ctx.t(`step.${done.step}`), state }));
}

/**
 * A step as a terminal takes it: the words after the case number answer the form's fields in
 * order, the prompts ask the rest (only the required ones when some words were typed), and an
 * answer the core refuses asks that field again.
 */
function interaction(name: InteractionName): Handler {
  return async (ctx, cmd) => {
    if (takesCase(name)) need(cmd, 1, name as CommandName);
    const number = takesCase(name) ? cmd.args[0] : undefined;
    let first = number === undefined ? 0 : 1;
    const origin: Origin = {};
    // A disclosure decision may name the request it answers (a notice's numbered choice does).
    if (name === 'grant' || name === 'deny') {
      if (/^\d+$/.test(cmd.args[1] ?? '')) origin.request = Number(cmd.args[first++]);
    }
    const speaker = { t: ctx.translator, render: ctx.render, locale: ctx.locale };
    const action = { kind: 'open' as const, name, number, origin };
    const opened = await handleAction(ctx.core, speaker, ctx.actor, action);
    if ('done' in opened) return told(ctx, opened.done);
    if (!('open' in opened)) return;
    const form = opened.open;
    const inline = inlineAnswers(ctx, form, cmd, first);
    const typedSome = cmd.args.length > first;
    let ask = form.fields.filter((f) => !(f.id in inline) && (!typedSome || isRequired(f)));
    let values: Record<string, string> | null = inline;
    for (;;) {
      values = await askFields(ctx, values, ask);
      if (values === null) return ctx.say(ctx.t('chat.cancelled'));
      try {
        const submitted = { ...action, kind: 'submit' as const, values };
        const outcome = await handleAction(ctx.core, speaker, ctx.actor, submitted);
        if ('done' in outcome) told(ctx, outcome.done);
        return;
      } catch (e) {
        const field =
          e instanceof Refusal ? form.fields.find((f) => f.id === fieldOf(e)) : undefined;
        if (!field) throw e;
        ctx.say(ctx.translator.refusal(ctx.locale, e as Refusal));
        ask = [field];
      }
    }
  };
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

/** A list, a page at a time: `queue 2` shows the second page. */
function listHandler(list: ListName): Handler {
  return async (ctx, cmd) => {
    const page = pageNumber(cmd.args[0]);
    ctx.say((await answerList(ctx.core, ctx.render, ctx.actor, ctx.locale, list, page)).text);
  };
}

/** R29 R22: the register found, figures and exports, answered as every chat answers them. */
function deskHandler(command: 'list' | 'search' | 'stats' | 'export'): Handler {
  return async (ctx, cmd) => {
    const help = ctx.t('chat.unknown_command', { word: command });
    const answer = await answerRead(
      ctx.core,
      ctx.render,
      ctx.actor,
      ctx.locale,
      command,
      cmd.restAfter(0),
      help,
    );
    ctx.say(answer.text);
    await writeFiles(ctx, answer.files ?? [], 'desk.export_written');
  };
}

/** What the terminal does beside the steps: reading, and moving its own clock. */
const reads = {
  mine: listHandler('mine'),
  queue: listHandler('queue'),
  leading: listHandler('leading'),
  list: deskHandler('list'),
  search: deskHandler('search'),
  stats: deskHandler('stats'),
  export: deskHandler('export'),
  show: async (ctx: TerminalContext, cmd: Command) => {
    need(cmd, 1, 'show');
    const file = await caseFile(ctx.core, ctx.actor, cmd.args[0]);
    ctx.remember(file.number);
    ctx.say(ctx.render.caseFile(ctx.locale, file));
  },
  policy: async (ctx: TerminalContext, cmd: Command) => {
    need(cmd, 1, 'policy');
    ctx.say(ctx.render.policyView(ctx.locale, await readPolicy(ctx.core, ctx.actor, cmd.args[0])));
  },
  attachments: attachmentsOf,
  attach: attachFile,
  clock: clockHandler,
  jobs: async (ctx: TerminalContext) => {
    ctx.say(ctx.t('chat.jobs_ran', { count: await runEveryJobNow(ctx.core, 'terminal') }));
  },
};

export const handlers: Partial<Record<CommandName, Handler>> = {
  ...reads,
  ...Object.fromEntries(interactionNames.map((name) => [name, interaction(name)])),
};
