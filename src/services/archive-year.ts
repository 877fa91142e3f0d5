import { startOfLocalDay } from '../calendar/local-date';
import type { Actor } from '../domain/people';
import { maySee } from '../domain/permissions';
import type { Petition } from '../domain/petition';
import { PetitionEntity } from '../store/entities';
import { caseViewsOf } from './case-view';
import type { Core } from './core';

/** Cases are read a page at a time, each page's parties and co-departments in one query each. */
const page = 500;

/**
 * R23 一年一整理: the cases that finished in a year (in the organisation's time zone) and that the
 * reader may see, by number, for the yearly sorting of the archive.
 */
export async function finishedInYear(core: Core, reader: Actor, year: number): Promise<Petition[]> {
  const m = core.store.manager;
  const visible: Petition[] = [];
  for (let after = ''; ;) {
    const rows = await m
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .where('p.closed_at >= :from AND p.closed_at < :to', {
        from: startOfYear(year, core.rules.timeZone),
        to: startOfYear(year + 1, core.rules.timeZone),
      })
      .andWhere("p.state <> 'destroyed'")
      .andWhere('p.number > :after', { after })
      .orderBy('p.number')
      .limit(page)
      .getMany();
    const views = await caseViewsOf(m, core.store, rows);
    visible.push(...views.filter((view) => maySee(reader, view)).map((view) => view.petition));
    if (rows.length < page) return visible;
    after = rows[rows.length - 1].number;
  }
}

function startOfYear(year: number, timeZone: string): Date {
  return startOfLocalDay(`${year}-01-01`, timeZone);
}
