import type { LocalDate } from '../calendar/local-date';
import type { PetitionState } from './lifecycle';

/**
 * The figures of the conflict analysis (R19–R22) as the reports carry them: numbers only, never
 * an identity. The jobs compute them; the notices carry and render them.
 */
/**
 * What each rate of R22 is made of, one definition each (README, "Figures"):
 * 按期办结率 = repliedOnTime / replied, 满意率 = satisfied / rated (satisfiedOnly: 满意 alone),
 * 化解率 = resolved / finished.
 */
export interface Rates {
  replied: number;
  repliedOnTime: number;
  rated: number;
  satisfied: number;
  satisfiedOnly: number;
  finished: number;
  resolved: number;
}

export interface PeriodNumbers extends Rates {
  filed: number;
  accepted: number;
  declined: number;
  closed: number;
  extended: number;
  overdue: number;
  resolvedAtTeam: number;
  major: number;
  collective: number;
  repeatPetitioners: number;
  /** R22 回复率 over the year to the period's end: cases needing an answer, and those answered. */
  answerable: number;
  answered: number;
}

/** The rates of R22 for one category and lead department. */
export interface Breakdown extends Rates {
  category: string;
  department: string;
  /** New petitions of the window. */
  count: number;
}

/** Similar petitions of one unit (lead department and category) in one window. */
export interface Cluster {
  department: string;
  category: string;
  size: number;
  /** The bigrams most of the cluster shares: a hint of the topic, never anyone's identity. */
  keywords: string[];
}

/** R19: a hot topic of a report; `warning` when it is large enough to ask for early action. */
export interface HotTopic extends Cluster {
  warning: boolean;
}

/** R17: the petitions about one registered policy: new in the window, and all to date. */
export interface PolicyCount {
  policy: number;
  title: string;
  count: number;
  total: number;
}

/** R19 R29: one week of the trend a summary draws: new, closed and overdue cases. */
export interface WeekTrend {
  first: LocalDate;
  filed: number;
  closed: number;
  overdue: number;
}

/** A conflict analysis for one period and scope (a department id, or the whole company). */
export interface Report {
  scope: string;
  first: LocalDate;
  last: LocalDate;
  current: PeriodNumbers;
  previous: PeriodNumbers | null;
  breakdown: Breakdown[];
  hotTopics: HotTopic[];
  /** R17: petitions per policy, the policies with petitions in the scope, most new first. */
  policies: PolicyCount[];
  /** The 12 weeks up to the period's end, for the chart (R29); absent where none is drawn. */
  weeks?: WeekTrend[];
}

export interface DigestLine {
  number: string;
  state: PetitionState;
  due: LocalDate | null;
  /** R31: `due` is a working-day date in a year without official holidays. */
  provisional: boolean;
}

/** R20: what a leader reads on Monday: the cases they own, what is overdue in their areas, and the week's numbers. */
export interface Digest {
  first: LocalDate;
  last: LocalDate;
  owned: DigestLine[];
  overdue: DigestLine[];
  numbers: PeriodNumbers;
}
