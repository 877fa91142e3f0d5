import { Between, IsNull } from 'typeorm';
import { addDays, daysBetween } from '../calendar/local-date';
import type { NewNotice } from '../notices/outbox';
import { holdersOf } from '../services/audience';
import { today, type Core } from '../services/core';
import { PolicyEntity } from '../store/entities';

/** R17: how many days before its effective date an unsigned policy is reminded, daily. */
export const policyReminderDays = 7;

/**
 * R17: every policy not yet signed off whose effective date is within the next week is
 * reminded to the leaders in charge of its department, once a day each (the key is the policy,
 * the day and the leader), through the outbox.
 */
export async function policyReminders(core: Core): Promise<NewNotice[]> {
  const day = today(core);
  const m = core.store.manager;
  const waiting = await m.find(PolicyEntity, {
    where: {
      signedOffBy: IsNull(),
      effectiveOn: Between(addDays(day, 1), addDays(day, policyReminderDays)),
    },
    order: { id: 'ASC' },
  });
  const notices: NewNotice[] = [];
  for (const policy of waiting) {
    const leaders = await holdersOf(m, 'leader', policy.departmentId);
    for (const id of leaders.filter((l) => l !== policy.registeredBy)) {
      notices.push({
        kind: 'policy_unsigned',
        params: {
          policy: policy.id,
          title: policy.title,
          effectiveOn: policy.effectiveOn,
          days: daysBetween(day, policy.effectiveOn),
        },
        to: { kind: 'person', id: String(id) },
        dedupeKey: `policy-unsigned:${policy.id}:${day}:${id}`,
      });
    }
  }
  return notices;
}
