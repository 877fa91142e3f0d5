import type { RecipientKind } from '../store/entities';
import type { NoticeKind } from './notice';

/**
 * How soon a notice should go, lowest first: `waiting` is what a person is waiting for (their
 * receipt, the decision on what they asked, a reply to them); `step` the other news of a case;
 * `bulk` what the scheduled jobs send (reminders, summaries, digests).
 */
export const priorities = { waiting: 0, step: 1, bulk: 2 } as const;

const ofKind: Record<NoticeKind, keyof typeof priorities> = {
  filed_receipt: 'waiting',
  new_case: 'step',
  accepted: 'waiting',
  declined: 'waiting',
  transferred_in: 'step',
  co_department_added: 'step',
  paused: 'step',
  resumed: 'step',
  extension_requested: 'step',
  extension_decided: 'waiting',
  replied: 'waiting',
  rating_requested: 'step',
  rated: 'step',
  appealed: 'step',
  reviewed: 'waiting',
  closed: 'step',
  withdrawn: 'step',
  handed_over: 'step',
  handed_over_from: 'step',
  owner_changed: 'waiting',
  owner_deactivated: 'step',
  policy_registered: 'step',
  policy_unsigned: 'bulk',
  leader_assigned: 'step',
  disclosure_requested: 'step',
  disclosure_decided: 'waiting',
  message_to_petitioner: 'waiting',
  message_from_petitioner: 'waiting',
  acceptance_overdue: 'bulk',
  due_soon: 'bulk',
  statutory_due_soon: 'bulk',
  statutory_overdue: 'bulk',
  register_overdue: 'bulk',
  overdue: 'bulk',
  long_overdue: 'bulk',
  extension_waiting: 'bulk',
  review_due_soon: 'bulk',
  review_overdue: 'bulk',
  weekly_summary: 'bulk',
  monthly_pack: 'bulk',
  quarterly_report: 'bulk',
  leader_digest: 'bulk',
  pre_shift: 'bulk',
  reception_day: 'bulk',
  joint_meeting: 'bulk',
  archive_report: 'bulk',
  calendar_year_unknown: 'bulk',
};

/**
 * A notice's priority: nobody waits in front of a channel, so a channel post is at best `step`; a
 * petitioner in custody (R6), addressed by relay id, waits as any person does.
 */
export function priorityOf(kind: NoticeKind, to: RecipientKind): number {
  const priority = priorities[ofKind[kind]];
  return to === 'person' || to === 'relay' ? priority : Math.max(priority, priorities.step);
}
