import type { CreationName, StepName } from '../../src/domain/lifecycle';
import type { ReviewOutcome, PauseKind } from '../../src/domain/history';
import { holds, type Actor, type Locale } from '../../src/domain/people';
import type { DeliveryMethod, Mode, Petition, Rating } from '../../src/domain/petition';
import type { Translator } from '../../src/i18n/translator';
import { accept, decline } from '../../src/services/accept';
import { actorByKeyOrName } from '../../src/services/actors';
import { placeLegalHold, recordPaperCopy, releaseLegalHold } from '../../src/services/archive';
import type { StepResult } from '../../src/services/case-step';
import { close, withdraw } from '../../src/services/closure';
import type { Core } from '../../src/services/core';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { maxExtensionWorkingDays } from '../../src/services/extension';
import { dropDraft } from '../../src/services/drafts';
import { file, recordTeamResolution, type FilingForm } from '../../src/services/file';
import { handover } from '../../src/services/handover';
import { textLimit } from '../../src/services/input';
import { assignLeader, flagMajor } from '../../src/services/major';
import { note, pause, resume } from '../../src/services/progress';
import { relay } from '../../src/services/relay';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { addCoDepartment, transfer } from '../../src/services/routing';
import { splitNames } from './commands';
import type { Field, Option } from './forms';

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

/** What the fields of a form are drawn from: who fills it in, their language, today's date. */
export interface FieldContext {
  actor: Actor;
  t: Translator;
  locale: Locale;
  today: string;
}

/** What a step did: the case it was taken on, and which step of the state table it was. */
export interface Taken {
  petition: Petition;
  step: StepName | CreationName;
}

/**
 * One thing a person does in a chat: the steps of the state table it takes (the first the case's
 * state allows: an appeal is a re-review appeal on a reviewed case), its one form, and the core
 * call its answers make. Slack modals, Lark form cards and terminal prompts draw the same fields.
 */
export interface Interaction {
  steps: readonly (StepName | CreationName)[];
  fields(c: FieldContext): Field[];
  /**
   * A button takes the step at once when it carries every answer the form requires (approving
   * an extension, a rating); typed, or from a form, it asks as usual.
   */
  oneClick?: boolean;
  take(core: Core, actor: Actor, number: string, v: Values, origin: Origin): Promise<StepResult>;
}

const label = (c: FieldContext, key: string) => c.t.t(c.locale, `form.${key}`);

const text = (c: FieldContext, id: string, optional = false): Field => ({
  id,
  label: label(c, id),
  kind: 'multiline',
  optional,
  max: textLimit,
});

const choice = (c: FieldContext, id: string, options: Option[], initial?: string): Field => ({
  id,
  label: label(c, id),
  kind: 'select',
  options,
  ...(initial ? { initial } : {}),
});

const termOptions = (c: FieldContext, term: string, values: readonly string[]): Option[] =>
  values.map((v) => ({ text: c.t.t(c.locale, `${term}.${v}`), value: v }));

const departments = (c: FieldContext): Field =>
  choice(
    c,
    'department',
    c.t.organisation.departments.map((d) => ({
      text: c.t.department(c.locale, d.id),
      value: d.id,
    })),
  );

function categoryField(c: FieldContext): Field {
  return {
    id: 'category',
    label: label(c, 'category'),
    kind: 'select',
    options: [],
    groups: c.t.organisation.categories.map((g) => ({
      label: c.t.name(c.locale, g.name),
      options: g.children.map((child) => ({
        text: c.t.name(c.locale, child.name),
        value: child.id,
      })),
    })),
  };
}

const ratings: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];
const pauseKinds: PauseKind[] = ['hearing', 'appraisal', 'other'];

/** A person named in a form: their id in the organisation file, or their name. */
async function person(core: Core, keyOrName: string | undefined) {
  return actorByKeyOrName(core, keyOrName ?? '');
}

/** A step whose only answer is a free-text reason (required unless said otherwise). */
function reasoned(
  steps: readonly StepName[],
  take: (
    core: Core,
    actor: Actor,
    number: string,
    reason: string,
    origin: Origin,
  ) => Promise<StepResult>,
  optional = false,
  id = 'reason',
): Interaction {
  return {
    steps,
    fields: (c) => [text(c, id, optional)],
    take: (core, actor, number, v, origin) => take(core, actor, number, v[id] ?? '', origin),
  };
}

const review: Interaction = {
  steps: ['recordReview', 'recordReReview'],
  fields: (c) => [
    { id: 'reviewers', label: label(c, 'reviewers'), kind: 'text', max: 191 },
    choice(c, 'outcome', termOptions(c, 'outcome', ['upheld', 'revised'])),
    text(c, 'opinion'),
  ],
  take: (core, actor, number, v) =>
    recordReview(core, actor, number, {
      reviewers: splitNames(v.reviewers ?? ''),
      outcome: (v.outcome ?? '') as ReviewOutcome,
      opinion: v.opinion ?? '',
    }),
};

/** A filing's registration elements (R1), as the form asks them. */
function filingFields(c: FieldContext): Field[] {
  return [
    categoryField(c),
    { id: 'content', label: label(c, 'content'), kind: 'multiline', max: textLimit },
    { id: 'contact', label: label(c, 'contact'), kind: 'text', optional: true, max: 191 },
    { id: 'people', label: label(c, 'people'), kind: 'number', min: 1, max: 100000, initial: 1 },
    choice(
      c,
      'mode',
      ['named', 'confidential', 'anonymous'].map((m) => ({
        text: label(c, `mode_${m}`),
        value: m,
      })),
      'named',
    ),
  ];
}

async function onBehalfOf(core: Core, name: string | undefined) {
  const who = (name ?? '').trim();
  if (who === '') return undefined;
  const known = await actorByKeyOrName(core, who).catch(() => null);
  return known ? { personId: known.person.id } : { name: who };
}

/** A filing as a step result: the new case, found again by its number. */
const filed = (petition: Petition): StepResult => ({ petition, events: [] });

/**
 * R32: everything a person does in a chat, by the command that names it. Every step of the state
 * table a person takes is in some entry's `steps` (the walk test checks it); the bot's own
 * (archive, destroy) stay with the jobs.
 */
export const interactions = {
  file: {
    steps: ['file'],
    fields: (c) => [
      ...filingFields(c),
      // R7: a liaison may file for a worker; anyone else files for themself.
      ...(holds(c.actor, 'liaison')
        ? [
            {
              id: 'onBehalf',
              label: label(c, 'on_behalf'),
              kind: 'text',
              optional: true,
              max: 191,
            } as const,
          ]
        : []),
      {
        id: 'commitment',
        label: label(c, 'commitment'),
        kind: 'confirm',
        statement: label(c, 'commitment_statement'),
      },
    ],
    take: async (core, actor, _n, v, origin) => {
      const petition = await file(core, actor, {
        submission: origin.submission,
        categoryId: v.category ?? '',
        content: v.content ?? '',
        contact: v.contact,
        peopleConcerned: Number(v.people || 1),
        mode: (v.mode || 'named') as Mode,
        commitment: v.commitment === 'yes',
        onBehalfOf: await onBehalfOf(core, v.onBehalf),
      });
      if (origin.draft) await dropDraft(core, actor, origin.draft);
      return filed(petition);
    },
  },
  team: {
    steps: ['recordTeamResolution'],
    fields: (c) => [
      categoryField(c),
      { id: 'content', label: label(c, 'content'), kind: 'multiline', max: textLimit },
      { id: 'worker', label: label(c, 'worker'), kind: 'text', max: 191 },
      text(c, 'resolution'),
    ],
    take: async (core, actor, _n, v) =>
      filed(
        await recordTeamResolution(
          core,
          actor,
          {
            categoryId: v.category ?? '',
            content: v.content ?? '',
            onBehalfOf: await onBehalfOf(core, v.worker),
          },
          v.resolution ?? '',
        ),
      ),
  },
  accept: {
    steps: ['accept'],
    fields: (c) => [{ id: 'replyBy', label: label(c, 'reply_by'), kind: 'date', initial: c.today }],
    take: (core, actor, number, v) => accept(core, actor, number, v.replyBy ?? ''),
  },
  decline: {
    steps: ['decline'],
    fields: (c) => [
      choice(
        c,
        'situation',
        c.t.organisation.declineSituations.map((s) => ({
          text: c.t.name(c.locale, s.name),
          value: s.id,
        })),
      ),
      text(c, 'note', true),
    ],
    take: (core, actor, number, v) => decline(core, actor, number, v.situation ?? '', v.note),
  },
  transfer: {
    steps: ['transfer'],
    fields: (c) => [departments(c), text(c, 'reason')],
    take: (core, actor, number, v) =>
      transfer(core, actor, number, v.department ?? '', v.reason ?? ''),
  },
  co: {
    steps: ['addCoDepartment'],
    fields: (c) => [departments(c)],
    take: (core, actor, number, v) => addCoDepartment(core, actor, number, v.department ?? ''),
  },
  note: reasoned(['note'], note, false, 'note'),
  pause: {
    steps: ['pause'],
    fields: (c) => [
      choice(c, 'kind', termOptions(c, 'pause_kind', pauseKinds), 'other'),
      text(c, 'reason'),
    ],
    take: (core, actor, number, v) =>
      pause(core, actor, number, v.reason ?? '', (v.kind || 'other') as PauseKind),
  },
  resume: reasoned(['resume'], resume, true),
  extend: {
    steps: ['requestExtension'],
    fields: (c) => [
      {
        id: 'days',
        label: label(c, 'days'),
        kind: 'number',
        min: 1,
        max: maxExtensionWorkingDays,
        initial: 5,
      },
      text(c, 'reason'),
    ],
    take: (core, actor, number, v) =>
      requestExtension(core, actor, number, Number(v.days), v.reason ?? ''),
  },
  approve: {
    ...reasoned(
      ['decideExtension'],
      (core, actor, number, reason) => decideExtension(core, actor, number, true, reason),
      true,
    ),
    oneClick: true,
  },
  reject: reasoned(['decideExtension'], (core, actor, number, reason) =>
    decideExtension(core, actor, number, false, reason),
  ),
  reply: {
    steps: ['reply'],
    fields: (c) => [
      text(c, 'investigation'),
      text(c, 'facts'),
      text(c, 'basis'),
      text(c, 'conclusion'),
      choice(
        c,
        'method',
        termOptions(c, 'method', ['in_person', 'mail', 'in_system']),
        'in_system',
      ),
      { id: 'deliveredOn', label: label(c, 'delivered_on'), kind: 'date', initial: c.today },
    ],
    take: (core, actor, number, v) =>
      reply(core, actor, number, {
        investigation: v.investigation ?? '',
        facts: v.facts ?? '',
        basis: v.basis ?? '',
        conclusion: v.conclusion ?? '',
        deliveryMethod: (v.method ?? '') as DeliveryMethod,
        deliveredOn: v.deliveredOn ?? '',
      }),
  },
  rate: {
    steps: ['rate'],
    oneClick: true,
    fields: (c) => [
      choice(c, 'rating', termOptions(c, 'rating', ratings)),
      text(c, 'comment', true),
    ],
    take: (core, actor, number, v) =>
      rate(core, actor, number, (v.rating ?? '') as Rating, v.comment || undefined),
  },
  appeal: reasoned(['appeal', 'appealAgain'], appeal),
  review,
  withdraw: reasoned(['withdraw'], withdraw),
  close: reasoned(['close'], close, true),
  handover: {
    steps: ['handover'],
    fields: (c) => [
      { id: 'handler', label: label(c, 'handler'), kind: 'text', max: 191 },
      text(c, 'reason'),
    ],
    take: (core, actor, number, v) =>
      handover(core, actor, number, v.handler ?? '', v.reason ?? ''),
  },
  major: reasoned(['flagMajor'], (core, actor, number, reason) =>
    flagMajor(core, actor, number, 'manual', reason),
  ),
  leader: {
    steps: ['assignLeader'],
    fields: (c) => [{ id: 'leader', label: label(c, 'leader'), kind: 'text', max: 191 }],
    take: async (core, actor, number, v) =>
      assignLeader(core, actor, number, (await person(core, v.leader)).person.id),
  },
  disclose: reasoned(['requestDisclosure'], requestDisclosure),
  grant: reasoned(['decideDisclosure'], (core, actor, number, reason, origin) =>
    decideDisclosure(core, actor, number, origin.request, true, reason),
  ),
  deny: reasoned(['decideDisclosure'], (core, actor, number, reason, origin) =>
    decideDisclosure(core, actor, number, origin.request, false, reason),
  ),
  msg: reasoned(['relay'], relay, false, 'message'),
  paper: reasoned(['recordPaperCopy'], recordPaperCopy, false, 'location'),
  hold: reasoned(['placeLegalHold'], placeLegalHold),
  release: reasoned(['releaseLegalHold'], releaseLegalHold),
} satisfies Record<string, Interaction>;

export type InteractionName = keyof typeof interactions;

export const interactionNames = Object.keys(interactions) as InteractionName[];

export function isInteraction(name: unknown): name is InteractionName {
  return typeof name === 'string' && Object.hasOwn(interactions, name);
}
