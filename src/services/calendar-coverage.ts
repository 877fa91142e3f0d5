import { addDays, type LocalDate } from '../calendar/local-date';
import { yearOf } from '../calendar/working-calendar';
import { today, type Core } from './core';

/** R31: the years a deadline set today could reach that the calendar has no official days for. */
export interface CalendarGap {
  years: number[];
  /** The farthest day a deadline set today can fall on: 60 days' handling plus one extension. */
  horizon: LocalDate;
}

/** R31: a working-day date in a year without official holidays, counted Monday to Friday. */
export function isProvisional(core: Core, day: LocalDate | null): boolean {
  return day !== null && !core.calendar.knowsYear(yearOf(day));
}

export function calendarGap(core: Core): CalendarGap {
  const from = today(core);
  const { handleDays, extensionMaxDays } = core.rules.statutory;
  const horizon = addDays(from, handleDays + extensionMaxDays);
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(horizon); year++) {
    if (!core.calendar.knowsYear(year)) years.push(year);
  }
  return { years, horizon };
}
