/** A calendar day in the organisation's zone, as `YYYY-MM-DD`; instants stay UTC `Date`s. */
export type LocalDate = string;

const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(text: string): text is LocalDate {
  if (!localDatePattern.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/** Building a formatter costs far more than using one: one per zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as people in a time zone read it: `YYYY-MM-DD HH:MM`. */
export function localTimeOf(instant: Date, timeZone: string): string {
  let format = timeFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    timeFormatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** Deadline sweeps step through the same days for every case: parsing each once is enough. */
const shifted = new Map<string, LocalDate>();

export function addDays(day: LocalDate, days: number): LocalDate {
  const key = `${day}|${days}`;
  let result = shifted.get(key);
  if (result === undefined) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    result = d.toISOString().slice(0, 10);
    if (shifted.size > 200_000) shifted.clear();
    shifted.set(key, result);
  }
  return result;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: LocalDate): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(
    (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000,
  );
}

/** The UTC instant at which a local day begins in a time zone. */
export function startOfLocalDay(day: LocalDate, timeZone: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utcMidnight);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(utcMidnight.getTime() - (shown - utcMidnight.getTime()));
}
