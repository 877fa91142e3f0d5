import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { DisclosureEntity } from '../store/entities';
import { holdersOf } from './audience';
import { takeStep, toPeople, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/**
 * R6: a handler who needs a confidential petitioner's identity asks, with a reason, and a
 * designated custodian decides. Both are logged; a grant cannot be taken back. Anonymous
 * petitioners are never disclosed.
 */
export function requestDisclosure(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'requestDisclosure', async ({ m, view, now }) => {
    if (view.petition.mode === 'anonymous') throw new Refusal('refusal.anonymous', { number });
    if (view.petition.mode !== 'confidential') {
      throw new Refusal('refusal.not_confidential', { number });
    }
    if (view.disclosedTo.includes(actor.person.id)) {
      throw new Refusal('refusal.already_disclosed', { number });
    }
    const why = requiredText(reason, 'reason');
    const { identifiers } = await m.insert(DisclosureEntity, {
      petitionId: view.petition.id,
      requestedBy: actor.person.id,
      reason: why,
      state: 'requested',
      requestedAt: now,
      decidedBy: null,
      decidedAt: null,
    });
    const request = identifiers[0].id as number;
    return {
      event: { type: 'disclosure_requested', reason: why, data: { request } },
      notices: toPeople(await holdersOf(m, 'custodian'), 'disclosure_requested', {
        number: view.petition.number,
        request,
        requester: actor.person.name,
        reason: why,
      }),
    };
  });
}

export function decideDisclosure(
  core: Core,
  actor: Actor,
  number: string,
  request: number | undefined,
  grant: boolean,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'decideDisclosure', async ({ m, view, now }) => {
    // Without a request number, the case's latest waiting request is meant.
    const row = await m.findOne(DisclosureEntity, {
      where: {
        petitionId: view.petition.id,
        state: 'requested',
        ...(request ? { id: request } : {}),
      },
      order: { id: 'DESC' },
    });
    if (!row) {
      throw new Refusal('refusal.no_disclosure_pending', { number, request: request ?? '' });
    }
    if (row.requestedBy === actor.person.id)
      throw new Refusal('refusal.own_disclosure', { number });
    const why = requiredText(reason, 'reason');
    await m.update(
      DisclosureEntity,
      { id: row.id, state: 'requested' },
      { state: grant ? 'granted' : 'denied', decidedBy: actor.person.id, decidedAt: now },
    );
    return {
      event: {
        type: grant ? 'disclosure_granted' : 'disclosure_denied',
        reason: why,
        data: { request: row.id, requesterId: row.requestedBy },
      },
      notices: toPeople([row.requestedBy], 'disclosure_decided', {
        number: view.petition.number,
        granted: grant,
      }),
    };
  });
}
