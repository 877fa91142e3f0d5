import type { Actor, StepActor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { CustodyEntity, DisclosureEntity, NoticeEntity } from '../store/entities';
import { forgetTerms } from '../store/petition-terms';
import { eraseAttachments } from './attachments';
import { takeStep, type StepResult } from './case-step';
import type { Core } from './core';
import { requiredText } from './input';

/** R23: where the paper file of a finished case is kept (电子与纸质档案双备份). */
export function recordPaperCopy(
  core: Core,
  actor: Actor,
  number: string,
  location: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'recordPaperCopy', () => {
    const where = requiredText(location, 'location', 191);
    return {
      event: { type: 'paper_copy_recorded', data: { location: where } },
      changes: { paperCopy: where },
    };
  });
}

/** R23: a legal hold keeps a case from destruction, whatever its age, until it is released. */
export function placeLegalHold(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'placeLegalHold', ({ view }) => {
    if (view.petition.legalHold) {
      throw new Refusal('refusal.legal_hold_already', { number: view.petition.number });
    }
    return {
      event: { type: 'legal_hold_placed', reason: requiredText(reason, 'reason') },
      changes: { legalHold: true },
    };
  });
}

export function releaseLegalHold(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(core, actor, number, 'releaseLegalHold', ({ view }) => {
    if (!view.petition.legalHold) {
      throw new Refusal('refusal.legal_hold_none', { number: view.petition.number });
    }
    return {
      event: { type: 'legal_hold_released', reason: requiredText(reason, 'reason') },
      changes: { legalHold: false },
    };
  });
}

/** R23: a finished case moves to the archive (三年一归档). */
export function archive(core: Core, actor: StepActor, number: string): Promise<StepResult> {
  return takeStep(core, actor, number, 'archive', ({ now }) => ({
    event: { type: 'archived' },
    changes: { archivedAt: now },
  }));
}

/**
 * R23: at the end of its retention (十年一销毁) an archived case without a legal hold is
 * destroyed: its text, its people, its trail, its files, its disclosures and its notices go; the petitions
 * row stays as a statistical tombstone (category, department, dates, rating), and the
 * destructions log keeps the number and the trail's fingerprint.
 */
export function destroy(core: Core, actor: StepActor, number: string): Promise<StepResult> {
  return takeStep(core, actor, number, 'destroy', async ({ m, view }) => {
    const { petition } = view;
    if (petition.legalHold) throw new Refusal('refusal.legal_hold', { number: petition.number });
    await m.delete(DisclosureEntity, { petitionId: petition.id });
    await m.delete(NoticeEntity, { petitionId: petition.id });
    await m.delete(CustodyEntity, { petitionId: petition.id });
    await forgetTerms(m, petition.id);
    await eraseAttachments(m, petition.id);
    return {
      erase: 'trail',
      changes: { content: '', ownerId: null, leaderId: null, paperCopy: null },
      party: { petitionerId: null, petitionerName: null, filedById: null, contact: null },
    };
  });
}
