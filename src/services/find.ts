import type { SelectQueryBuilder } from 'typeorm';
import { startOfLocalDay } from '../calendar/local-date';
import { boardStates, openStates } from '../domain/lifecycle';
import { everyDepartment, holds, scopesOf, type Actor } from '../domain/people';
import { modes, type Petition } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { termsOf } from '../domain/terms';
import { PetitionEntity } from '../store/entities';
import type { CaseFilter } from './case-filter';
import { today, type Core } from './core';
import { anyOf } from './id-lookups';
import { ownCaseLookups } from './own-cases';
import { pageSize, type Page } from './page';
import { pageOf, type PetitionSummary } from './read-models';

/**
 * R15 in SQL: the cases `maySee` lets the reader read, so the database cuts the page. Each
 * rule or lookup is one of `maySee`'s rules; `pageOf` checks every line with `maySee` again.
 * One's own cases are found as `ownCases` finds them, those in custody by keyed hash (R6); every
 * mode is asked for, so its mode condition holds for every petition and is left out. The rules on
 * the row (a department's, the board's) and the ids of the lookups (one's own, owned and led
 * cases, a co-department's) are combined as `anyOf` combines them, so that a reader of a few
 * cases and the handler of half the register are each read through an index: counting half the
 * register reads only the index of department and state, which holds every column it asks.
 */
export async function visibleTo(
  core: Core,
  query: SelectQueryBuilder<Petition>,
  actor: Actor,
): Promise<SelectQueryBuilder<Petition>> {
  const works = [...scopesOf(actor, 'handler'), ...scopesOf(actor, 'department_head')];
  const leads = scopesOf(actor, 'leader');
  const all =
    holds(actor, 'admin') ||
    holds(actor, 'party_reader') ||
    works.includes(everyDepartment) ||
    leads.includes(everyDepartment);
  if (all) return query;
  const own = ownCaseLookups(core, actor.person.id, modes, ['petitioner', 'filer']);
  const lookups = [
    ...own.lookups,
    'SELECT id FROM petitions WHERE owner_id = :me',
    'SELECT id FROM petitions WHERE leader_id = :me',
  ];
  const rules: string[] = [];
  if (works.length > 0) {
    rules.push('p.lead_department_id IN (:...works)');
    lookups.push(
      'SELECT petition_id AS id FROM petition_co_departments WHERE department_id IN (:...works)',
    );
  }
  if (leads.length > 0) rules.push('p.lead_department_id IN (:...leads)');
  if (holds(actor, 'review_board')) rules.push('p.state IN (:...board)');
  if (holds(actor, 'custodian')) rules.push("p.mode = 'confidential'");
  const m = core.store.manager;
  const lookupParams = { ...own.params, me: actor.person.id, works };
  return query.andWhere(
    await anyOf(
      m,
      'seen',
      rules,
      { works, leads, board: boardStates },
      { lookups, params: lookupParams },
    ),
  );
}

/**
 * The words searched for, as the term index holds them (character bigrams and words): a case
 * matches when its text has every one. A single character is no term, so it is refused.
 */
function searchTerms(keyword: string): string[] {
  const words = keyword.split(/\s+/).filter(Boolean);
  const short = words.find((w) => [...w.replace(/[\p{P}\p{S}]/gu, '')].length < 2);
  if (short !== undefined || words.length === 0) {
    throw new Refusal('desk.keyword_too_short', { keyword: short ?? keyword });
  }
  // Word by word: bigrams across the space between two words would be in no text.
  return [...new Set(words.flatMap(termsOf))];
}

/** The filter as SQL on the petitions (`p`) and their deadline projection (`d`). */
export function filtered(core: Core, query: SelectQueryBuilder<Petition>, filter: CaseFilter) {
  if (filter.states) query.andWhere('p.state IN (:...states)', { states: filter.states });
  if (filter.department) {
    query.andWhere('p.lead_department_id = :department', { department: filter.department });
  }
  if (filter.category) {
    query.andWhere('(p.category_id = :category OR p.category_id LIKE :group)', {
      category: filter.category,
      group: `${filter.category}.%`,
    });
  }
  if (filter.major) query.andWhere('p.major = :major', { major: true });
  if (filter.policy !== undefined)
    query.andWhere('p.policy_id = :policy', { policy: filter.policy });
  if (filter.period) {
    const zone = core.rules.timeZone;
    query.andWhere('p.filed_at >= :since AND p.filed_at < :until', {
      since: startOfLocalDay(filter.period.first, zone),
      until: startOfLocalDay(filter.period.end, zone),
    });
  }
  if (filter.overdue) {
    // R9 as the summary counts it: unanswered past the company's deadline (its clock running) or
    // past the statutory window, which runs on through a pause.
    query
      .innerJoin('deadline_projections', 'o', 'o.petition_id = p.id')
      .andWhere(
        'o.replied_on IS NULL AND o.finished_on IS NULL AND ' +
          '((o.paused = :running AND COALESCE(o.handling_due, o.acceptance_due) < :today) ' +
          'OR o.statutory_handling_due < :today)',
        { running: false, today: today(core) },
      );
  }
  if (filter.dueBy) {
    query
      .innerJoin('deadline_projections', 'w', 'w.petition_id = p.id')
      .andWhere('p.state IN (:...open)', { open: openStates })
      .andWhere(
        '((w.paused = :running AND COALESCE(w.handling_due, w.acceptance_due) <= :dueBy) ' +
          'OR w.statutory_handling_due <= :dueBy)',
        { running: false, dueBy: filter.dueBy },
      );
  }
  if (filter.keyword !== undefined) {
    const terms = searchTerms(filter.keyword);
    query.andWhere(
      'p.id IN (SELECT t.petition_id FROM petition_terms t WHERE t.term IN (:...terms) ' +
        'GROUP BY t.petition_id HAVING COUNT(*) = :termCount)',
      { terms, termCount: terms.length },
    );
  }
  return query;
}

/**
 * R29: one page of the register as the reader may see it (R15), narrowed by the filter, newest
 * first; identities hidden as every list hides them (R6). Destroyed cases keep only a tombstone.
 */
export async function findCases(
  core: Core,
  actor: Actor,
  filter: CaseFilter,
  page = 1,
  size = pageSize,
): Promise<Page<PetitionSummary>> {
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where("p.state <> 'destroyed'");
  await visibleTo(core, query, actor);
  filtered(core, query, filter).orderBy('p.id', 'DESC');
  return pageOf(core, actor, query, page, size);
}

/** How many cases of the register the reader may see match the filter (R29's dashboard). */
export async function countCases(core: Core, actor: Actor, filter: CaseFilter): Promise<number> {
  const query = core.store.manager
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where("p.state <> 'destroyed'");
  await visibleTo(core, query, actor);
  return filtered(core, query, filter).getCount();
}
