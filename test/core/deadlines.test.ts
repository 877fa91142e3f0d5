import { workingCalendar } from '../../src/calendar/working-calendar';
import { deadlinesOf, overdueWorkingDays, type DeadlineRules } from '../../src/domain/deadlines';
import type { CaseEvent, EventPayload, ReviewLevel } from '../../src/domain/history';

const calendar = workingCalendar({ region: 'CN', holidays: [], workdays: [] });
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
const paused = (day: string) => event(day, { type: 'paused', data: {} });
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

  test('a resumed case gets back the working days the pause took', () => {
    const history = [
      filed('2026-11-02', 3),
      accepted('2026-11-02'),
      paused('2026-11-04'),
      event('2026-11-09', { type: 'resumed', data: {} }),
    ];
    // Counted: 11-03 (1); 11-04 … 11-06 paused; 11-09 (2), 11-10 (3).
    const d = deadlinesOf(history, rules, calendar);
    expect(d.handlingDue).toBe('2026-11-10');
    expect(d.statutoryHandlingDue).toBe('2027-01-06');
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
