import { addDays, isLocalDate, weekday, type LocalDate } from '../calendar/local-date';
import { Refusal } from './refusal';

/** A span of local days a person names: its first day and the day after its last. */
export interface Days {
  first: LocalDate;
  end: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number): LocalDate =>
  month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`;
const monthOf = (year: number, month: number): Days => ({
  first: monthStart(year, month),
  end: monthStart(year, month + 1),
});
const mondayOf = (day: LocalDate) => addDays(day, -((weekday(day) + 6) % 7));

/** The longest rolling span asked for: two years of weeks or days, what a register export holds well. */
const mostWeeks = 104;

/**
 * R22: the period a person names when asking for figures, a list or an export: 本月 / this month,
 * 上月 / last month, 本周 / this week, 上周 / last week, 今年 / this year, 2026, 2026-Q3, 2026-11,
 * 近4周 / last 4 weeks (the four weeks up to today). Anything else is refused with the forms it
 * takes, never guessed.
 */
export function namedPeriod(text: string, today: LocalDate): Days {
  const said = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (said) {
    case '本月':
    case 'this month':
      return monthOf(year, month);
    case '上月':
    case 'last month':
      return month === 1 ? monthOf(year - 1, 12) : monthOf(year, month - 1);
    case '本周':
    case 'this week':
      return { first: mondayOf(today), end: addDays(mondayOf(today), 7) };
    case '上周':
    case 'last week':
      return { first: addDays(mondayOf(today), -7), end: mondayOf(today) };
    case '今年':
    case 'this year':
      return { first: `${year}-01-01`, end: `${year + 1}-01-01` };
  }
  const rolling = /^(?:近|最近|last )(\d{1,3}) ?(周|weeks?|天|days?)$/.exec(said);
  if (rolling) {
    const weeks = /^(周|week)/.test(rolling[2]);
    const count = Number(rolling[1]);
    if (count >= 1 && count <= (weeks ? mostWeeks : mostWeeks * 7)) {
      return { first: addDays(today, 1 - count * (weeks ? 7 : 1)), end: addDays(today, 1) };
    }
  }
  const quarter = /^(\d{4})-?q([1-4])$/.exec(said);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return {
      first: monthStart(Number(quarter[1]), first),
      end: monthStart(Number(quarter[1]), first + 3),
    };
  }
  const monthly = /^(\d{4})-(\d{2})$/.exec(said);
  if (monthly && isLocalDate(`${said}-01`)) return monthOf(Number(monthly[1]), Number(monthly[2]));
  if (/^\d{4}$/.test(said)) return { first: `${said}-01-01`, end: `${Number(said) + 1}-01-01` };
  throw new Refusal('desk.bad_period', { period: text.trim() });
}
