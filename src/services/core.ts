import type { Organisation } from '../config/org';
import { localDateOf, type LocalDate } from '../calendar/local-date';
import { workingCalendar, type WorkingCalendar } from '../calendar/working-calendar';
import { defaultAttachmentMaxBytes } from '../domain/attachment';
import type { Clock } from '../domain/clock';
import type { DeadlineRules } from '../domain/deadlines';
import { CaseNumbers } from '../store/case-numbers';
import type { Store } from '../store/store';

/** Everything a use case needs: the database, the organisation's rules, time and its calendar. */
export interface Core {
  store: Store;
  org: Organisation;
  clock: Clock;
  calendar: WorkingCalendar;
  rules: DeadlineRules;
  /** R2: the case numbers this instance hands out, from blocks it reserves. */
  numbers: CaseNumbers;
  /** R30: the largest file a case keeps, in bytes (ATTACHMENT_MAX_BYTES). */
  attachmentMaxBytes: number;
}

export function createCore(
  store: Store,
  org: Organisation,
  clock: Clock,
  timeZone?: string,
  attachmentMaxBytes = defaultAttachmentMaxBytes,
): Core {
  return {
    attachmentMaxBytes,
    store,
    org,
    clock,
    numbers: new CaseNumbers(store, () => clock.now()),
    calendar: workingCalendar(org.organisation.calendar),
    rules: {
      timeZone: timeZone ?? org.organisation.timezone,
      acceptanceWorkingDays: org.timeLimits.acceptanceWorkingDays,
      statutory: org.statutory,
    },
  };
}

export function today(core: Core): LocalDate {
  return localDateOf(core.clock.now(), core.rules.timeZone);
}
