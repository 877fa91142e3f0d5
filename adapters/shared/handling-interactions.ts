import type { DeliveryMethod, Rating } from '../../src/domain/petition';
import type { PauseKind, ReviewOutcome } from '../../src/domain/history';
import { accept, decline } from '../../src/services/accept';
import { close, withdraw } from '../../src/services/closure';
import {
  decideExtension,
  maxExtensionWorkingDays,
  requestExtension,
} from '../../src/services/extension';
import { handover } from '../../src/services/handover';
import { note, pause, resume } from '../../src/services/progress';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { addCoDepartment, transfer } from '../../src/services/routing';
import { splitNames } from './commands';
import { choice, departments, label, reasoned, termOptions, text } from './form-fields';
import type { Interaction } from './interaction';

const ratings: Rating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];
const pauseKinds: PauseKind[] = ['hearing', 'appraisal', 'other'];

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

/** The handling of a case from acceptance to its answer, rating, review and handover. */
export const handlingInteractions = {
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
} satisfies Record<string, Interaction>;
