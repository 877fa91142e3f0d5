import { getHolidaysInRange, isWorkday } from 'chinese-days';
import { addDays, weekday, type LocalDate } from './local-date';

/** Which days are working days: the one question every time limit asks (R9). */
export interface WorkingCalendar {
  isWorkingDay(day: LocalDate): boolean;
  /**
   * False when the calendar has no official data for that year (R31): its days are then counted
   * Monday to Friday, and every deadline in it is provisional.
   */
  knowsYear(year: number): boolean;
}

/** One year's official holidays and 调休 make-up working days, as the State Council publishes them. */
export interface OfficialYear {
  holidays: LocalDate[];
  workdays: LocalDate[];
}

export interface CalendarSettings {
  region: 'CN' | 'other';
  /** The organisation's own days off, e.g. a company holiday; they never make a year known. */
  holidays: LocalDate[];
  /** The organisation's own extra working days that would otherwise be off. */
  workdays: LocalDate[];
  /** R31: the official days of years chinese-days does not know yet, given by the operator. */
  officialYears: Record<string, OfficialYear>;
}

const mondayToFriday = (day: LocalDate) => weekday(day) !== 0 && weekday(day) !== 6;

/** The year of a day, for asking the calendar whether it knows it. */
export function yearOf(day: LocalDate): number {
  return Number(day.slice(0, 4));
}

/**
 * The official Chinese calendar (holidays and 调休 make-up working days: the operator's
 * `officialYears` where given, else chinese-days), or Monday to Friday for other regions and for
 * years nobody has given; in all of them the organisation's own holidays and workdays win.
 */
export function workingCalendar(settings: CalendarSettings): WorkingCalendar {
  const off = new Set(settings.holidays);
  const on = new Set(settings.workdays);
  const given = new Map(
    Object.entries(settings.officialYears).map(([year, days]) => [
      Number(year),
      { off: new Set(days.holidays), on: new Set(days.workdays) },
    ]),
  );
  const packageYears = new Map<number, boolean>();
  const packageKnows = (year: number) => {
    let knows = packageYears.get(year);
    if (knows === undefined) {
      knows = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      packageYears.set(year, knows);
    }
    return knows;
  };
  const official = (day: LocalDate) => {
    if (settings.region !== 'CN') return mondayToFriday(day);
    const year = given.get(yearOf(day));
    if (year) return year.off.has(day) ? false : year.on.has(day) ? true : mondayToFriday(day);
    return packageKnows(yearOf(day)) ? isWorkday(day) : mondayToFriday(day);
  };
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
      return settings.region !== 'CN' || given.has(year) || packageKnows(year);
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
