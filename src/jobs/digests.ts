import { addDays } from '../calendar/local-date';
import type { Digest, DigestLine, PeriodNumbers } from '../domain/figures';
import { scopesOf } from '../domain/people';
import type { NewNotice } from '../notices/outbox';
import { actorById } from '../services/actors';
import { holdersOf } from '../services/audience';
import type { Core } from '../services/core';
import { everyPage } from '../services/page';
import { leaderCases, type PetitionSummary } from '../services/read-models';
import { lastWeek } from './periods';
import { overdueCases, periodNumbers } from './statistics';

const line = (p: PetitionSummary): DigestLine => ({
  number: p.number,
  state: p.state,
  due: p.due,
  provisional: p.dueProvisional,
});

function add(a: PeriodNumbers, b: PeriodNumbers): PeriodNumbers {
  return Object.fromEntries(
    Object.keys(a).map((k) => [k, a[k as keyof PeriodNumbers] + b[k as keyof PeriodNumbers]]),
  ) as unknown as PeriodNumbers;
}

export async function leaderDigests(core: Core, now: Date): Promise<NewNotice[]> {
  const m = core.store.manager;
  const week = lastWeek(now, core.rules.timeZone);
  const notices: NewNotice[] = [];
  for (const leaderId of await holdersOf(m, 'leader')) {
    const leader = await actorById(core, leaderId);
    const areas = scopesOf(leader, 'leader');
    const owned = await everyPage((page) => leaderCases(core, leader, page));
    let numbers: PeriodNumbers | null = null;
    const overdue: DigestLine[] = [];
    // The overdue list is the week's 超期 figure case by case: one definition, the same count.
    for (const department of areas) {
      const n = await periodNumbers(
        m,
        { ...week, department },
        core.org.thresholds.collectivePeopleConcerned,
      );
      numbers = numbers ? add(numbers, n) : n;
      overdue.push(...(await overdueCases(m, { ...week, department })));
    }
    const digest: Digest = {
      first: week.first,
      last: addDays(week.end, -1),
      owned: owned.map(line),
      overdue,
      numbers: numbers as PeriodNumbers,
    };
    notices.push({
      kind: 'leader_digest',
      to: { kind: 'person', id: String(leaderId) },
      params: { digest },
      dedupeKey: `leader-digest:${week.first}:${leaderId}`,
    });
  }
  return notices;
}
