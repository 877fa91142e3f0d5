import { workingCalendar } from '../../src/calendar/working-calendar';
import { projectDeadlines } from '../../src/domain/deadline-projection';
import type { DeadlineRules } from '../../src/domain/deadlines';
import type { CaseEvent, EventDataOf } from '../../src/domain/history';
import { patientOrg } from '../support/world';

const rules: DeadlineRules = {
  timeZone: 'Asia/Shanghai',
  acceptanceWorkingDays: patientOrg.timeLimits.acceptanceWorkingDays,
  statutory: patientOrg.statutory,
};
const calendar = workingCalendar(patientOrg.organisation.calendar);

let seq = 0;
function event<T extends keyof EventDataOf>(type: T, day: string, data: EventDataOf[T]): CaseEvent {
  seq += 1;
  return {
    seq,
    actorId: 7,
    at: new Date(`${day}T02:00:00Z`),
    reason: null,
    type,
    data,
  } as CaseEvent;
}

const filed = (day: string, limitWorkingDays = 15) =>
  event('filed', day, {
    categoryId: 'management.rules',
    leadDepartmentId: 'office',
    mode: 'named',
    peopleConcerned: 1,
    limitWorkingDays,
    onBehalf: false,
    commitment: true,
  });

const remindFrom = (history: CaseEvent[]) => projectDeadlines(history, rules, calendar).remindFrom;

describe('R18 the first day a reminder can be due, kept in the deadline projection', () => {
  test('R18 a waiting case: the day after its acceptance deadline', () => {
    const history = [filed('2026-11-02')];
    const { acceptanceDue } = projectDeadlines(history, rules, calendar);
    expect(remindFrom(history)).toBe('2026-11-05');
    expect(acceptanceDue).toBe('2026-11-04');
  });

  test('R18 an accepted case: the working day before its handling deadline, over a weekend', () => {
    // Four working days from Tuesday 11-03 end on Monday 11-09; the owner hears on Friday.
    const history = [
      filed('2026-11-03', 4),
      event('accepted', '2026-11-03', { replyBy: '2026-11-09', due: null }),
    ];
    expect(projectDeadlines(history, rules, calendar).handlingDue).toBe('2026-11-09');
    expect(remindFrom(history)).toBe('2026-11-06');
  });

  test('R18 R10 a pending extension: from the day it was asked for, and not once decided', () => {
    const asked = [
      filed('2026-11-02'),
      event('accepted', '2026-11-02', { replyBy: '2026-11-20', due: null }),
      event('extension_requested', '2026-11-04', { workingDays: 5 }),
    ];
    const projection = projectDeadlines(asked, rules, calendar);
    expect(projection).toMatchObject({ extensionPending: true, extensionRequester: 7 });
    expect(projection.remindFrom).toBe('2026-11-04');
    const rejected = [
      ...asked,
      event('extension_rejected', '2026-11-05', { requestSeq: asked[2].seq }),
    ];
    expect(projectDeadlines(rejected, rules, calendar)).toMatchObject({
      extensionPending: false,
      extensionRequester: null,
    });
    expect(remindFrom(rejected)).not.toBe('2026-11-04');
  });

  test('R18 a finished case has no reminder day', () => {
    const history = [filed('2026-11-02'), event('withdrawn', '2026-11-03', {})];
    expect(remindFrom(history)).toBeNull();
  });
});
