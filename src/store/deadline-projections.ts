import type { EntityManager } from 'typeorm';
import type { DeadlineProjection } from '../domain/deadline-projection';
import { DeadlineProjectionEntity } from './entities';

const columns = [
  'acceptance_due',
  'register_by',
  'handling_due',
  'statutory_handling_due',
  'committed_reply_by',
  'appeal_by',
  'review_due',
  'paused',
  'provisional',
  'replied_on',
  'reply_due',
  'reply_statutory_due',
  'decided_on',
  'decision_due',
  'finished_on',
  'extension_pending',
  'extension_requester',
  'remind_from',
];

/** Writes a case's projection in the caller's transaction, replacing the one it had. */
export async function saveProjection(
  m: EntityManager,
  petitionId: number,
  projection: DeadlineProjection,
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(DeadlineProjectionEntity)
    .values({ petitionId, ...projection })
    .orUpdate(columns, ['petition_id'])
    .execute();
}
