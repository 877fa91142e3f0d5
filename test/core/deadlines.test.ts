import { workingCalendar } from '../../src/calendar/working-calendar';
import {
  deadlinesOf,
  overdueWorkingDays,
  statutoryOverdueDays,
  type DeadlineRules,
} from '../../src/domain/deadlines';
import type { CaseEvent, EventPayload, PauseKind, ReviewLevel } from '../../src/domain/history';

const calendar = workingCalendar({ region: 'CN', holidays: [], workdays: [], officialYears: {} });
const rules: DeadlineRules = {
  timeZone: 'Asia/Shanghai',
  acceptanceWorkingDays: 2,
  statutory: {
    registerDays: 15,
    handleDays: 60,
    extensionMaxDays: 30,
    reviewRequestDays: 30,
    reviewDays: 30,
  },
};

let seq = 0;
function event(isoLocalNoon: string, payload: EventPayload): CaseEvent {
  // Noon in Shanghai, so the local day is the day written.
  return {
    seq: ++seq,
    actorId: 1,
    at: new Date(`${isoLocalNoon}T04:00:00Z`),
    reason: null,
    ...payload,
  };
}

const filed = (day: string, limit = 15) =>
  event(day, {
    type: 'filed',
    data: {
      categoryId: 'labour.salary',
      leadDepartmentId: 'hr',
      mode: 'named',
      peopleConcerned: 1,
      limitWorkingDays: limit,
      onBehalf: false,
      commitment: true,
    },
  });
const accepted = (day: string) =>
  event(day, { type: 'accepted', data: { replyBy: '2026-10-30', due: null } });
const paused = (day: string, kind: PauseKind = 'other') =>
  event(day, { type: 'paused', data: { kind } });
const resumed = (day: string) => event(day, { type: 'resumed', data: {} });
const review = (day: string, level: ReviewLevel) =>
  event(day, { type: 'reviewed', data: { level, reviewers: ['职工代表'], outcome: 'upheld' } });

describe('R9 deadlines are derived from the case history', () => {
  test('a submitted case must be accepted within the acceptance limit and registered within 15 days', () => {
    const d = deadlinesOf([filed('2026-09-29')], rules, calendar);
    expect(d.acceptanceDue).toBe('2026-10-08');
    expect(d.registerBy).toBe('2026-10-14');
    expect(d.handlingDue).toBeNull();
  });

  test('the handling limit runs in working days across the National Day holiday, beside the 60-day statutory window', () => {
    const d = deadlinesOf([filed('2026-09-28'), accepted('2026-09-29')], rules, calendar);
    expect(d.handlingDue).toBe('2026-10-26');
    expect(d.statutoryHandlingDue).toBe('2026-11-28');
    expect(d.committedReplyBy).toBe('2026-10-30');
    expect(d.acceptanceDue).toBeNull();
  });

  test('a paused case has no running deadline and is not overdue however long the pause', () => {
    const history = [filed('2026-09-28', 3), accepted('2026-09-29'), paused('2026-09-30')];
    const d = deadlinesOf(history, rules, calendar);
    expect(d.paused).toBe(true);
    expect(d.handlingDue).toBeNull();
    expect(d.remainingWorkingDays).toBe(3);
    expect(overdueWorkingDays(d, calendar, '2026-12-31')).toBe(0);
  });

  test('R9 a resumed case gets back the working days the pause took; the statutory 60 days run on', () => {
    const history = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      paused('2026-11-04'),
      resumed('2026-11-09'),
    ];
    // Counted: 11-03 (1); 11-04 … 11-06 paused; 11-09 (2), 11-10 (3).
    const d = deadlinesOf(history, rules, calendar);
    expect(d.handlingDue).toBe('2026-11-10');
    // 2026-11-02 + 60 days: a pause for another reason is not left out of the regulation's window.
    expect(d.statutoryHandlingDue).toBe('2027-01-01');
  });

  test('R9 a hearing or an appraisal stops the statutory clock too, for the days it takes', () => {
    const history = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      paused('2026-11-04', 'hearing'),
    ];
    const during = deadlinesOf(history, rules, calendar);
    expect(during).toMatchObject({ statutoryHandlingDue: null, statutoryPaused: true });
    const after = deadlinesOf([...history, resumed('2026-11-09')], rules, calendar);
    // 60 days from 11-02, plus the five days 11-04 … 11-08 of the hearing.
    expect(after.statutoryHandlingDue).toBe('2027-01-06');
    expect(after.statutoryLimit).toBe('2027-02-05');
  });

  test('R9 while the company clock stands for another reason, the statutory window still closes', () => {
    const d = deadlinesOf(
      [filed('2026-11-02'), accepted('2026-11-02'), paused('2026-11-04')],
      rules,
      calendar,
    );
    expect(d).toMatchObject({
      paused: true,
      handlingDue: null,
      statutoryHandlingDue: '2027-01-01',
    });
    expect(statutoryOverdueDays(d, '2027-01-01')).toBe(0);
    expect(statutoryOverdueDays(d, '2027-01-04')).toBe(3);
  });

  test('R10 an approved extension moves both deadlines', () => {
    const history = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      event('2026-11-04', {
        type: 'extension_approved',
        data: { requestSeq: 3, workingDays: 5, calendarDays: 7, due: null },
      }),
    ];
    const d = deadlinesOf(history, rules, calendar);
    expect(d.handlingDue).toBe('2026-11-12');
    expect(d.extendedWorkingDays).toBe(5);
    expect(d.statutoryHandlingDue).toBe('2027-01-08');
  });

  test('R16 flagging a case major raises its limit to the major limit', () => {
    const history = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      event('2026-11-03', {
        type: 'flagged_major',
        data: { trigger: 'manual', limitWorkingDays: 30 },
      }),
    ];
    expect(deadlinesOf(history, rules, calendar).handlingDue).toBe('2026-12-14');
  });

  test('overdue is counted in working days after the deadline', () => {
    const d = deadlinesOf([filed('2026-11-02', 3), accepted('2026-11-02')], rules, calendar);
    expect(d.handlingDue).toBe('2026-11-05');
    expect(overdueWorkingDays(d, calendar, '2026-11-05')).toBe(0);
    expect(overdueWorkingDays(d, calendar, '2026-11-09')).toBe(2);
  });

  test('R13 after a reply the petitioner may appeal within 30 days; a review is due 30 days after the appeal', () => {
    const replied = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      event('2026-11-05', {
        type: 'replied',
        data: {
          investigation: '调查',
          facts: '事实',
          basis: '依据',
          conclusion: '结论',
          deliveryMethod: 'in_system',
          deliveredOn: '2026-11-05',
        },
      }),
    ];
    expect(deadlinesOf(replied, rules, calendar).appealBy).toBe('2026-12-05');
    const appealed = [
      ...replied,
      event('2026-11-10', { type: 'appealed', data: { level: 'review' } }),
    ];
    const d = deadlinesOf(appealed, rules, calendar);
    expect(d.reviewDue).toBe('2026-12-10');
    expect(d.appealBy).toBeNull();
    const reReviewed = [
      ...appealed,
      review('2026-11-20', 'review'),
      event('2026-11-21', { type: 'appealed', data: { level: 're_review' } }),
      review('2026-11-30', 're_review'),
    ];
    expect(deadlinesOf(reReviewed, rules, calendar).appealBy).toBeNull();
  });
});

describe('R31 a deadline in a year the calendar does not know is provisional', () => {
  test('a handling deadline reaching into an unknown year is counted Monday to Friday and marked', () => {
    const d = deadlinesOf([filed('2026-12-10'), accepted('2026-12-11')], rules, calendar);
    expect(d.handlingDue).toBe('2027-01-01');
    expect(d.provisional).toBe(true);
  });

  test('with that year given in the organisation file the deadline is the official one, not provisional', () => {
    const given = workingCalendar({
      region: 'CN',
      holidays: [],
      workdays: [],
      officialYears: { '2027': { holidays: ['2027-01-01'], workdays: [] } },
    });
    const d = deadlinesOf([filed('2026-12-10'), accepted('2026-12-11')], rules, given);
    expect(d.handlingDue).toBe('2027-01-04');
    expect(d.provisional).toBe(false);
  });

  test('a deadline inside a known year is not provisional', () => {
    const d = deadlinesOf([filed('2026-09-28'), accepted('2026-09-29')], rules, calendar);
    expect(d.provisional).toBe(false);
  });
});
