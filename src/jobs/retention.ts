import { In, LessThan, MoreThan, type FindOptionsWhere } from 'typeorm';
import { localDateOf } from '../calendar/local-date';
import { deadlinesOf } from '../domain/deadlines';
import { steps, type PetitionState } from '../domain/lifecycle';
import { theBot } from '../domain/people';
import type { Petition } from '../domain/petition';
import type { NewNotice } from '../notices/outbox';
import { archive, destroy } from '../services/archive';
import { holdersOf } from '../services/audience';
import { close } from '../services/closure';
import type { Core } from '../services/core';
import { historiesOf } from '../store/audit-trail';
import { PetitionEntity } from '../store/entities';

export interface Kept {
  closed: string[];
  archived: string[];
  destroyed: string[];
  /** Cases a step failed on, with why: tried again the next day. */
  failed: string[];
}

const page = 200;

/** The cases in these states matching `where`, a page at a time, by id. */
async function* casesIn(
  core: Core,
  states: readonly PetitionState[],
  where: FindOptionsWhere<Petition> = {},
): AsyncGenerator<Petition[]> {
  for (let after = 0; ;) {
    const batch = await core.store.manager.find(PetitionEntity, {
      where: { ...where, state: In([...states]), id: MoreThan(after) },
      order: { id: 'ASC' },
      take: page,
    });
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1].id;
  }
}

function yearsBefore(now: Date, years: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  // 29 February of a year without one rolls over to 1 March: step back to the 28th.
  if (cutoff.getUTCMonth() !== now.getUTCMonth()) cutoff.setUTCDate(0);
  return cutoff;
}

/**
 * An archived case is destroyed no sooner than this after it was archived, even when it is long
 * past its retention (a bot that was down, a first run on old data): the office is told what was
 * archived and has this long to place a legal hold.
 */
const graceMs = 30 * 86_400_000;

/**
 * R14, R23, once a day:
 * - an answered case whose time to ask for (re-)review has run out is closed by the bot;
 * - a case finished `archiveAfterYears` ago is archived (三年一归档);
 * - an archived case finished `destroyAfterYears` ago, and archived at least 30 days ago, is
 *   destroyed unless under legal hold (十年一销毁), leaving its tombstone and a destructions
 *   record.
 * Each case is its own step: one that fails is listed in `failed` and tried again the next day,
 * and does not stop the others.
 */
export async function keepArchive(core: Core, now: Date): Promise<Kept> {
  const kept: Kept = { closed: [], archived: [], destroyed: [], failed: [] };
  const day = localDateOf(now, core.rules.timeZone);
  const attempt = async (number: string, list: string[], step: () => Promise<unknown>) => {
    try {
      await step();
      list.push(number);
    } catch (e) {
      kept.failed.push(`${number}: ${(e as Error).message}`);
    }
  };

  for await (const batch of casesIn(core, steps.close.from)) {
    const histories = await historiesOf(
      core.store.manager,
      batch.map((p) => p.id),
    );
    for (const petition of batch) {
      const history = histories.get(petition.id) ?? [];
      const { appealBy } = deadlinesOf(history, core.rules, core.calendar);
      if (appealBy && day > appealBy) {
        await attempt(petition.number, kept.closed, () => close(core, theBot, petition.number));
      }
    }
  }

  const { archiveAfterYears, destroyAfterYears } = core.org.retention;
  for await (const batch of casesIn(core, steps.archive.from, {
    closedAt: LessThan(yearsBefore(now, archiveAfterYears)),
  })) {
    for (const petition of batch) {
      await attempt(petition.number, kept.archived, () => archive(core, theBot, petition.number));
    }
  }

  for await (const batch of casesIn(core, steps.destroy.from, {
    legalHold: false,
    closedAt: LessThan(yearsBefore(now, destroyAfterYears)),
    archivedAt: LessThan(new Date(now.getTime() - graceMs)),
  })) {
    for (const petition of batch) {
      await attempt(petition.number, kept.destroyed, () => destroy(core, theBot, petition.number));
    }
  }
  return kept;
}

/** What the petition office is told after a day's archive work that did anything. */
export async function archiveReport(core: Core, now: Date, kept: Kept): Promise<NewNotice[]> {
  if (kept.closed.length + kept.archived.length + kept.destroyed.length === 0) return [];
  const day = localDateOf(now, core.rules.timeZone);
  const admins = await holdersOf(core.store.manager, 'admin');
  return admins.map((id) => ({
    kind: 'archive_report',
    to: { kind: 'person', id: String(id) },
    params: {
      day,
      closed: kept.closed.length,
      archived: kept.archived.length,
      destroyed: kept.destroyed.length,
      numbers: kept.destroyed.join(', ') || '-',
    },
    dedupeKey: `archive-report:${day}:${id}`,
  }));
}
