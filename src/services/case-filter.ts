import { addDays, weekday, type LocalDate } from '../calendar/local-date';
import { states, type PetitionState } from '../domain/lifecycle';
import { namedPeriod, type Days } from '../domain/named-period';
import { Refusal } from '../domain/refusal';
import type { Organisation } from '../config/org';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

/** R29: what a person narrows the register by; every part optional, all of them together. */
export interface CaseFilter {
  states?: PetitionState[];
  department?: string;
  /** A category or a top-level group (`labour` takes in `labour.salary`…). */
  category?: string;
  overdue?: boolean;
  /** Open and due by this day (the company's deadline, or the statutory one, whichever is first). */
  dueBy?: LocalDate;
  major?: boolean;
  policy?: number;
  /** Filed in these days. */
  period?: Days;
  /** Words of the petition text, every one of them (searched in the term index). */
  keyword?: string;
}

/** A filter and the page of its list a person typed: `list 超期 部门:hr 2`. */
export interface FilterRequest {
  filter: CaseFilter;
  page: number;
}

const keyNames: Record<string, keyof CaseFilter> = {
  state: 'states',
  状态: 'states',
  dept: 'department',
  department: 'department',
  部门: 'department',
  cat: 'category',
  category: 'category',
  类别: 'category',
  分类: 'category',
  policy: 'policy',
  政策: 'policy',
  period: 'period',
  期间: 'period',
  时间: 'period',
};

const flagWords: Record<string, 'overdue' | 'major' | 'due'> = {
  overdue: 'overdue',
  超期: 'overdue',
  major: 'major',
  重大: 'major',
  due: 'due',
  本周到期: 'due',
};

/** The Sunday that ends the week of `today`: what 本周到期 (due this week) reaches. */
export function endOfWeek(today: LocalDate): LocalDate {
  return addDays(today, (7 - weekday(today)) % 7);
}

/** A state by its id or its name in either language (已受理, accepted). */
function stateOf(word: string): PetitionState {
  const found = states.find(
    (s) => s === word || zhCN.state[s] === word || en.state[s].toLowerCase() === word.toLowerCase(),
  );
  if (!found) throw new Refusal('desk.bad_filter', { filter: word });
  return found;
}

function named(word: string, items: { id: string; name: { zh: string; en: string } }[]) {
  const lower = word.toLowerCase();
  return items.find((i) => i.id === word || i.name.zh === word || i.name.en.toLowerCase() === lower)
    ?.id;
}

/**
 * Reads the words after `list` or `search`: `key:value` filters (状态 / state, 部门 / dept,
 * 类别 / category, 政策 / policy, 期间 / period), the flags 超期 / overdue, 本周到期 / due and
 * 重大 / major, a page
 * number at the end, and the rest as the words to search for. An unknown state, department,
 * category or period is refused, naming it.
 */
export function parseFilter(org: Organisation, words: string[], today: LocalDate): FilterRequest {
  const filter: CaseFilter = {};
  const text: string[] = [];
  let page = 1;
  const given = words.filter(Boolean);
  given.forEach((word, i) => {
    const pair = /^([^:：]+)[:：](.+)$/.exec(word);
    const key = pair ? keyNames[pair[1].toLowerCase()] : undefined;
    if (pair && key) {
      const value = pair[2];
      const bad = () => new Refusal('desk.bad_filter', { filter: word });
      switch (key) {
        case 'states':
          filter.states = value.split(/[,，、]/).map(stateOf);
          break;
        case 'department': {
          const id = named(value, org.departments);
          if (!id) throw bad();
          filter.department = id;
          break;
        }
        case 'category': {
          const id = named(value, [...org.categories, ...org.rules]);
          if (!id) throw bad();
          filter.category = id;
          break;
        }
        case 'policy':
          if (!/^\d+$/.test(value)) throw bad();
          filter.policy = Number(value);
          break;
        case 'period':
          filter.period = namedPeriod(value, today);
          break;
      }
    } else if (flagWords[word.toLowerCase()] === 'due') {
      filter.dueBy = endOfWeek(today);
    } else if (flagWords[word.toLowerCase()]) {
      filter[flagWords[word.toLowerCase()] as 'overdue' | 'major'] = true;
    } else if (i === given.length - 1 && /^\d{1,4}$/.test(word)) {
      page = Number(word);
    } else {
      text.push(word);
    }
  });
  if (text.length > 0) filter.keyword = text.join(' ');
  return { filter, page };
}
