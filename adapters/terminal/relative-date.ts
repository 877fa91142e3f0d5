import { addDays, type LocalDate } from '../../src/calendar/local-date';
import { addWorkingDays } from '../../src/calendar/working-calendar';
import { today, type Core } from '../../src/services/core';

/**
 * Dates as people type them at a terminal: `today`/`今天`, `+5wd` (working days from today),
 * `+3d` (calendar days), or a plain date, which the core validates.
 */
export function relativeDate(core: Core, text: string): LocalDate {
  const typed = text.trim();
  const day = today(core);
  if (typed === '' || /^(today|今天)$/i.test(typed)) return day;
  const relative = /^\+(\d+)(wd|d)$/.exec(typed);
  if (!relative) return typed;
  const n = Number(relative[1]);
  return relative[2] === 'wd' ? addWorkingDays(core.calendar, day, n) : addDays(day, n);
}
