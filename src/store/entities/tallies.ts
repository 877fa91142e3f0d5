import { EntitySchema } from 'typeorm';
import type { LocalDate } from '../../calendar/local-date';
import { col } from './columns';

/**
 * R19: of the petitions filed on one local day, in one unit (lead department and category), how
 * many have a term, and how many of those are named.
 */
export interface TermTally {
  day: LocalDate;
  leadDepartmentId: string;
  categoryId: string;
  term: string;
  petitions: number;
  named: number;
}

export const TermTallyEntity = new EntitySchema<TermTally>({
  name: 'TermTally',
  tableName: 'term_tallies',
  columns: {
    day: { ...col.text('day'), primary: true },
    leadDepartmentId: { ...col.text('lead_department_id'), primary: true },
    categoryId: { ...col.text('category_id'), primary: true },
    term: { ...col.text('term'), primary: true },
    petitions: col.int('petitions'),
    named: col.int('named'),
  },
});

/**
 * A tallied day and what its tally was made from: the day's petitions then, and how many changes
 * to them it saw. While both still hold, the tally is the day's.
 */
export interface TermTallyDay {
  day: LocalDate;
  fromAt: Date;
  toAt: Date;
  petitions: number;
  changes: number;
  talliedAt: Date;
}

export const TermTallyDayEntity = new EntitySchema<TermTallyDay>({
  name: 'TermTallyDay',
  tableName: 'term_tally_days',
  columns: {
    day: { ...col.text('day'), primary: true },
    fromAt: col.instant('from_at'),
    toAt: col.instant('to_at'),
    petitions: col.int('petitions'),
    changes: col.int('changes'),
    talliedAt: col.instant('tallied_at'),
  },
});

/** A step changed what a petition is tallied by; its filing day is to be tallied again. */
export interface TermTallyChange {
  id: number;
  petitionId: number;
  filedAt: Date;
}

export const TermTallyChangeEntity = new EntitySchema<TermTallyChange>({
  name: 'TermTallyChange',
  tableName: 'term_tally_changes',
  columns: {
    id: col.serial,
    petitionId: col.int('petition_id'),
    filedAt: col.instant('filed_at'),
  },
});
