import { addDays } from '../calendar/local-date';
import { scopesOf } from '../domain/people';
import type { NewNotice } from '../notices/outbox';
import { actorById } from '../services/actors';
import { holdersOf } from '../services/audience';
import type { Core } from '../services/core';
import { leaderCases, type PetitionSummary } from '../services/read-models';
import { lastWeek } from './periods';
import { collectiveFrom } from './reports';
import { overdueCases, periodNumbers, type PeriodNumbers } from './statistics';

export interface DigestLine {
  number: string;
  state: string;
  due: string | null;
}

/** R20: what a leader reads on Monday: the cases they own, what is overdue in their areas, and the week's numbers. */
export interface Digest {
  first: string;
  last: string;
  owned: DigestLine[];
  overdue: DigestLine[];
  numbers: PeriodNumbers;
}

const line = (p: PetitionSummary): DigestLine => ({ number: p.number, state: p.state, due: p.due });

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
    const owned = await leaderCases(core, leader);
    let numbers: PeriodNumbers | null = null;
    const overdue: DigestLine[] = [];
    // The overdue list is the week's 超期 figure case by case: one definition, the same count.
    for (const department of areas) {
      const n = await periodNumbers(m, { ...week, department }, collectiveFrom);
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
      params: { digest: JSON.stringify(digest) },
      dedupeKey: `leader-digest:${week.first}:${leaderId}`,
    });
  }
  return notices;
}
