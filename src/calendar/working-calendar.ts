import { getHolidaysInRange, isWorkday } from 'chinese-days';
import { addDays, weekday, type LocalDate } from './local-date';

/** Which days are working days: the one question every time limit asks (R9). */
export interface WorkingCalendar {
  isWorkingDay(day: LocalDate): boolean;
  /** False when the calendar has no official data for that year (its holidays are unknown). */
  knowsYear(year: number): boolean;
}

export interface CalendarSettings {
  region: 'CN' | 'other';
  /** Extra days off, e.g. a company holiday or a year chinese-days does not know yet. */
  holidays: LocalDate[];
  /** Extra working days (make-up days) that would otherwise be off. */
  workdays: LocalDate[];
}

/**
 * The official Chinese calendar (holidays and 调休 make-up working days, from chinese-days), or
 * Monday to Friday for other regions; in both, the organisation's own holidays and workdays win.
 */
export function workingCalendar(settings: CalendarSettings): WorkingCalendar {
  const off = new Set(settings.holidays);
  const on = new Set(settings.workdays);
  const official =
    settings.region === 'CN'
      ? (day: LocalDate) => isWorkday(day)
      : (day: LocalDate) => weekday(day) !== 0 && weekday(day) !== 6;
  // Deadline arithmetic asks about the same few hundred days again and again.
  const known = new Map<LocalDate, boolean>();
  return {
    isWorkingDay(day) {
      let working = known.get(day);
      if (working === undefined) {
        working = off.has(day) ? false : on.has(day) ? true : official(day);
        known.set(day, working);
      }
      return working;
    },
    knowsYear(year) {
      if (settings.region !== 'CN') return true;
      const configured = [...off].some((d) => d.startsWith(`${year}-`));
      return configured || getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    },
  };
}

/**
 * The day on which `count` working days have passed after `from` (the start day itself does not
 * count), skipping any day `excluded` says is not counted (a paused clock).
 */
export function addWorkingDays(
  calendar: WorkingCalendar,
  from: LocalDate,
  count: number,
  excluded: (day: LocalDate) => boolean = () => false,
): LocalDate {
  let day = from;
  let counted = 0;
  while (counted < count) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day) && !excluded(day)) counted++;
  }
  return day;
}

/**
 * Working days after `from` up to and including `to` that `excluded` does not rule out;
 * negative when `to` is before `from`.
 */
export function workingDaysBetween(
  calendar: WorkingCalendar,
  from: LocalDate,
  to: LocalDate,
  excluded: (day: LocalDate) => boolean = () => false,
): number {
  if (to < from) return -workingDaysBetween(calendar, to, from, excluded);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day) && !excluded(day)) count++;
  }
  return count;
}
