import type { LocalDate } from '../calendar/local-date';
import type { PetitionState } from './lifecycle';

/**
 * The figures of the conflict analysis (R19–R22) as the reports carry them: numbers only, never
 * an identity. The jobs compute them; the notices carry and render them.
 */
export interface PeriodNumbers {
  filed: number;
  accepted: number;
  declined: number;
  replied: number;
  closed: number;
  extended: number;
  overdue: number;
  repliedOnTime: number;
  resolvedAtTeam: number;
  major: number;
  collective: number;
  rated: number;
  satisfied: number;
  repeatPetitioners: number;
  /** R22 回复率 over the year to the period's end: cases needing an answer, and those answered. */
  answerable: number;
  answered: number;
}

export interface Breakdown {
  category: string;
  department: string;
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

/** A conflict analysis for one period and scope (a department id, or the whole company). */
export interface Report {
  scope: string;
  first: LocalDate;
  last: LocalDate;
  current: PeriodNumbers;
  previous: PeriodNumbers | null;
  breakdown: Breakdown[];
  hotTopics: HotTopic[];
}

export interface DigestLine {
  number: string;
  state: PetitionState;
  due: LocalDate | null;
}

/** R20: what a leader reads on Monday: the cases they own, what is overdue in their areas, and the week's numbers. */
export interface Digest {
  first: LocalDate;
  last: LocalDate;
  owned: DigestLine[];
  overdue: DigestLine[];
  numbers: PeriodNumbers;
}
