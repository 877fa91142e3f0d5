import { deadlinesOf } from '../domain/deadlines';
import { reviewOutcomes, type ReviewLevel, type ReviewOutcome } from '../domain/history';
import type { Actor } from '../domain/people';
import { mayReview } from '../domain/permissions';
import { Refusal } from '../domain/refusal';
import { holdersOf } from './audience';
import { takeStep, toPeople, type StepResult } from './case-step';
import { today, type Core } from './core';
import { requiredText } from './input';

/**
 * R13: a petitioner who disagrees asks for review (复查) within the window; after the review's
 * result, once more for re-review (复核).
 */
export function appeal(
  core: Core,
  actor: Actor,
  number: string,
  reason: string,
): Promise<StepResult> {
  return takeStep(
    core,
    actor,
    number,
    (p) => (p.state === 'reviewed' ? 'appealAgain' : 'appeal'),
    async ({ m, step, history, view }) => {
      const level: ReviewLevel = step === 'appealAgain' ? 're_review' : 'review';
      const { appealBy } = deadlinesOf(history, core.rules, core.calendar);
      if (!appealBy || today(core) > appealBy) {
        throw new Refusal('refusal.appeal_window', {
          number: view.petition.number,
          date: appealBy ?? '',
        });
      }
      const board = await holdersOf(m, 'review_board');
      return {
        event: { type: 'appealed', reason: requiredText(reason, 'reason'), data: { level } },
        // R28: the board members who may record it: not its handler, nor who reviewed it before.
        notices: toPeople(
          board.filter((id) => mayReview(id, view)),
          'appealed',
          {
            number: view.petition.number,
            level,
          },
        ),
      };
    },
  );
}

export interface ReviewResult {
  /** The third-party experts or worker representatives who took part (R13). */
  reviewers: string[];
  outcome: ReviewOutcome;
  opinion: string;
}

/** R13: the leading group records the review; after re-review the case is closed for good. */
export function recordReview(
  core: Core,
  actor: Actor,
  number: string,
  result: ReviewResult,
): Promise<StepResult> {
  return takeStep(
    core,
    actor,
    number,
    (p) => (p.state === 'under_re_review' ? 'recordReReview' : 'recordReview'),
    ({ step, view, now }) => {
      const level: ReviewLevel = step === 'recordReReview' ? 're_review' : 'review';
      const reviewers = result.reviewers.map((r) => r.trim()).filter(Boolean);
      if (reviewers.length === 0) throw new Refusal('refusal.reviewers_required');
      if (!reviewOutcomes.includes(result.outcome)) {
        throw new Refusal('refusal.review_outcome', { outcome: String(result.outcome) });
      }
      const final = step === 'recordReReview';
      return {
        event: {
          type: 'reviewed',
          reason: requiredText(result.opinion, 'opinion'),
          data: { level, reviewers, outcome: result.outcome },
        },
        changes: final ? { closedAt: now } : {},
        notices: toPeople(
          [view.party.petitionerId, view.party.filedById, view.petition.ownerId],
          'reviewed',
          { number: view.petition.number, level, outcome: result.outcome, final },
        ),
      };
    },
  );
}
