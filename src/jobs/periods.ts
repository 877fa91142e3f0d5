import {
  addDays,
  localDateOf,
  startOfLocalDay,
  weekday,
  type LocalDate,
} from '../calendar/local-date';

export interface Period {
  /** First local day of the period. */
  first: LocalDate;
  /** The day after the last one. */
  end: LocalDate;
  from: Date;
  to: Date;
}

function period(first: LocalDate, end: LocalDate, zone: string): Period {
  return { first, end, from: startOfLocalDay(first, zone), to: startOfLocalDay(end, zone) };
}

/** The last full Monday-to-Sunday week before `now`, in the organisation's zone. */
export function lastWeek(now: Date, zone: string): Period {
  const today = localDateOf(now, zone);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  return period(addDays(monday, -7), monday, zone);
}

export function weekBefore(p: Period, zone: string): Period {
  return period(addDays(p.first, -7), p.first, zone);
}

/** The last full calendar month before `now`. */
export function lastMonth(now: Date, zone: string): Period {
  const today = localDateOf(now, zone);
  const end = `${today.slice(0, 7)}-01`;
  const first = `${addDays(end, -1).slice(0, 7)}-01`;
  return period(first, end, zone);
}

/** The last full quarter before `now`. */
export function lastQuarter(now: Date, zone: string): Period {
  const today = localDateOf(now, zone);
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const endMonth = quarter * 3 + 1;
  const end = `${year}-${String(endMonth).padStart(2, '0')}-01`;
  const startYear = quarter === 0 ? year - 1 : year;
  const startMonth = quarter === 0 ? 10 : endMonth - 3;
  return period(`${startYear}-${String(startMonth).padStart(2, '0')}-01`, end, zone);
}
