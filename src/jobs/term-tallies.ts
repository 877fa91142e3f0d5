import { addDays, localDateOf, startOfLocalDay } from '../calendar/local-date';
import type { Core } from '../services/core';
import { forgetTalliesBefore, tallyDay, trustedDays, type DaySpan } from '../store/term-tallies';

/**
 * How many finished days keep a tally: the longest period figures are asked for (a year, R22)
 * and the one of the same length before it, which the figures are set beside.
 */
export const talliedDays = 2 * 366;

/**
 * R19: each finished day of the last two years whose tally is missing or no longer holds (a
 * filing committed after it was made, a case changed or destroyed since, another time zone) is
 * tallied anew, a day per transaction; older tallies go. Returns how many days were tallied.
 */
export async function tallyFinishedDays(core: Core, now: Date): Promise<number> {
  const zone = core.rules.timeZone;
  const end = localDateOf(now, zone);
  const first = addDays(end, -talliedDays);
  const range = { first, end, from: startOfLocalDay(first, zone), to: startOfLocalDay(end, zone) };
  const trusted = new Map((await trustedDays(core.store.manager, range)).map((d) => [d.day, d]));
  let tallied = 0;
  for (let day = first; day < end; day = addDays(day, 1)) {
    const span: DaySpan = {
      day,
      from: startOfLocalDay(day, zone),
      to: startOfLocalDay(addDays(day, 1), zone),
    };
    // A day tallied in another time zone is tallied again in this one.
    const stamp = trusted.get(day);
    if (
      stamp?.fromAt.getTime() === span.from.getTime() &&
      stamp.toAt.getTime() === span.to.getTime()
    )
      continue;
    await tallyDay(core.store, span, now);
    tallied++;
  }
  await forgetTalliesBefore(core.store, first, range.from);
  return tallied;
}
