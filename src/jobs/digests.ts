import { addDays } from '../calendar/local-date';
import type { Digest, DigestLine } from '../domain/figures';
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

export async function leaderDigests(core: Core, now: Date): Promise<NewNotice[]> {
  const m = core.store.manager;
  const week = lastWeek(now, core.rules.timeZone);
  const notices: NewNotice[] = [];
  for (const leaderId of await holdersOf(m, 'leader')) {
    const leader = await actorById(core, leaderId);
    const areas = scopesOf(leader, 'leader');
    const owned = await everyPage((page) => leaderCases(core, leader, page));
    // The areas counted together, so a person filing in two of them is one repeat petitioner;
    // the overdue list is the week's 超期 figure case by case: one definition, the same count.
    const areasWeek = { ...week, departments: areas };
    const digest: Digest = {
      first: week.first,
      last: addDays(week.end, -1),
      owned: owned.map(line),
      overdue: await overdueCases(m, areasWeek),
      numbers: await periodNumbers(m, areasWeek, core.org.thresholds.collectivePeopleConcerned),
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
