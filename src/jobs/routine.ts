import { addDays, localDateOf, weekday } from '../calendar/local-date';
import type { NewNotice } from '../notices/outbox';
import { actorById } from '../services/actors';
import { holdersOf } from '../services/audience';
import { calendarGap } from '../services/calendar-coverage';
import type { Core } from '../services/core';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** R21 三个一 (1): the daily pre-shift talk reminder to each liaison, on working days. */
export async function preShiftReminders(core: Core, now: Date): Promise<NewNotice[]> {
  const day = localDateOf(now, core.rules.timeZone);
  if (!core.calendar.isWorkingDay(day)) return [];
  const notices: NewNotice[] = [];
  for (const id of await holdersOf(core.store.manager, 'liaison')) {
    const liaison = await actorById(core, id);
    const team = liaison.roles.find((r) => r.role === 'liaison')?.scope ?? '';
    notices.push({
      kind: 'pre_shift',
      to: { kind: 'person', id: String(id) },
      params: { team },
      dedupeKey: `pre-shift:${day}:${id}`,
    });
  }
  return notices;
}

/** R21 三个一 (2): this week's reception day, announced on the Monday of its week. */
export function receptionDayAnnouncement(core: Core, now: Date): NewNotice[] {
  if (!core.org.channels.announcements) return [];
  const today = localDateOf(now, core.rules.timeZone);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const offset = (weekdays.indexOf(core.org.routine.receptionDay) + 6) % 7;
  const date = addDays(monday, offset);
  return [
    {
      kind: 'reception_day',
      to: { kind: 'channel', id: 'announcements' },
      params: { date },
      dedupeKey: `reception-day:${date}`,
    },
  ];
}

/** R21: a reminder a week before each of the yearly joint meetings (联席会议), to the leaders. */
export async function jointMeetingReminders(core: Core, now: Date): Promise<NewNotice[]> {
  const today = localDateOf(now, core.rules.timeZone);
  const year = Number(today.slice(0, 4));
  // A meeting early in January is announced in late December.
  const coming = [year, year + 1]
    .flatMap((y) => core.org.routine.jointMeetings.map((md) => `${y}-${md}`))
    .filter((date) => date > today && date <= addDays(today, 7));
  if (coming.length === 0) return [];
  const people = [
    ...(await holdersOf(core.store.manager, 'leader')),
    ...(await holdersOf(core.store.manager, 'party_reader')),
  ];
  return coming.flatMap((date) =>
    [...new Set(people)].map((id) => ({
      kind: 'joint_meeting' as const,
      to: { kind: 'person' as const, id: String(id) },
      params: { date },
      dedupeKey: `joint-meeting:${date}:${id}`,
    })),
  );
}

/**
 * R31: the admins are told, once per year, that deadlines reaching a year without official
 * holidays are counted Monday to Friday until they add that year to the organisation file.
 */
export async function calendarGapNotices(core: Core): Promise<NewNotice[]> {
  const { years, horizon } = calendarGap(core);
  if (years.length === 0) return [];
  const admins = await holdersOf(core.store.manager, 'admin');
  return years.flatMap((year) =>
    admins.map((id) => ({
      kind: 'calendar_year_unknown' as const,
      to: { kind: 'person' as const, id: String(id) },
      params: { year, horizon },
      dedupeKey: `calendar-year-unknown:${year}:${id}`,
    })),
  );
}
