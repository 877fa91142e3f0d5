import { EntitySchema } from 'typeorm';
import type { DeadlineProjection } from '../../domain/deadline-projection';
import { col } from './columns';

export interface DeadlineProjectionRow extends DeadlineProjection {
  petitionId: number;
}

const day = (name: string) => col.text(name, true);

export const DeadlineProjectionEntity = new EntitySchema<DeadlineProjectionRow>({
  name: 'DeadlineProjection',
  tableName: 'deadline_projections',
  columns: {
    petitionId: { ...col.int('petition_id'), primary: true },
    acceptanceDue: day('acceptance_due'),
    registerBy: day('register_by'),
    handlingDue: day('handling_due'),
    statutoryHandlingDue: day('statutory_handling_due'),
    committedReplyBy: day('committed_reply_by'),
    appealBy: day('appeal_by'),
    reviewDue: day('review_due'),
    paused: col.flag('paused'),
    provisional: col.flag('provisional'),
    repliedOn: day('replied_on'),
    replyDue: day('reply_due'),
    replyStatutoryDue: day('reply_statutory_due'),
    decidedOn: day('decided_on'),
    decisionDue: day('decision_due'),
    finishedOn: day('finished_on'),
    extensionPending: col.flag('extension_pending'),
    extensionRequester: col.int('extension_requester', true),
    remindFrom: day('remind_from'),
  },
});

/** Which rules and calendar the projections were computed with. */
export interface ProjectionBasis {
  name: string;
  fingerprint: string;
  projectedAt: Date;
}

export const ProjectionBasisEntity = new EntitySchema<ProjectionBasis>({
  name: 'ProjectionBasis',
  tableName: 'projection_basis',
  columns: {
    name: { ...col.text('name'), primary: true },
    fingerprint: col.text('fingerprint'),
    projectedAt: col.instant('projected_at'),
  },
});
