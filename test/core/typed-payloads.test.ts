import { detailsOf } from '../../src/domain/event-details';
import { readEvent } from '../../src/domain/event-reader';
import type { Report } from '../../src/domain/figures';
import type { CaseEvent, EventDraft } from '../../src/domain/history';
import { UnreadableRecord } from '../../src/domain/json-shape';
import type { Recipient } from '../../src/notices/notice';
import { readNotice } from '../../src/notices/notice-reader';
import type { NewNotice } from '../../src/notices/outbox';
import { toPeople } from '../../src/services/case-step';
import { toCaseEvent } from '../../src/store/audit-trail';
import type { NoticeRow } from '../../src/store/entities';

const stored = (e: EventDraft) => readEvent(e.type, JSON.stringify(e.data ?? {}));

describe('R14 each event type records its own details, checked when the code is compiled', () => {
  test('a step records exactly the fields of its type, and they read back as written', () => {
    const accepted: EventDraft = { type: 'accepted', data: { replyBy: '2026-11-10', due: null } };
    const extended: EventDraft = {
      type: 'extension_approved',
      data: { requestSeq: 3, workingDays: 5, calendarDays: 7, due: '2026-12-01' },
    };
    const noted: EventDraft = { type: 'noted' };
    const wrongField: EventDraft = {
      type: 'accepted',
      // @ts-expect-error an acceptance records no working days
      data: { replyBy: '2026-11-10', due: null, workingDays: 3 },
    };
    const numbered: EventDraft = {
      type: 'reviewed',
      // @ts-expect-error review levels are words now, not the numbers stored before
      data: { level: 2, reviewers: ['职工代表 孙师傅'], outcome: 'upheld' },
    };
    // @ts-expect-error an event type without details records none
    const withText: EventDraft = { type: 'noted', data: { text: '现场查看' } };
    // @ts-expect-error an extension's approval needs its request and both day counts
    const incomplete: EventDraft = { type: 'extension_approved', data: { workingDays: 5 } };
    expect([accepted, extended, noted].map(stored)).toEqual([
      accepted,
      extended,
      { type: 'noted', data: {} },
    ]);
    expect([wrongField, numbered, withText, incomplete].map((e) => e.type)).toEqual([
      'accepted',
      'reviewed',
      'noted',
      'extension_approved',
    ]);
  });

  test('a reader narrowed by type sees that type’s fields, typed', () => {
    const event = {
      seq: 1,
      actorId: null,
      at: new Date(),
      reason: null,
      ...stored({ type: 'rated', data: { rating: 'satisfied' } }),
    } satisfies CaseEvent;
    if (event.type !== 'rated') throw new Error('not read as a rating');
    // @ts-expect-error a rating has no review level
    expect(event.data.level).toBeUndefined();
    expect(event.data.rating).toBe('satisfied');
  });
});

describe('R24 stored events are read as they were written, old shapes included, never rewritten', () => {
  test('R13 review levels stored as 1 and 2 read as review and re-review', () => {
    expect(readEvent('appealed', '{"level":1}')).toEqual({
      type: 'appealed',
      data: { level: 'review' },
    });
    expect(
      readEvent('reviewed', '{"level":2,"reviewers":["职工代表 孙师傅"],"outcome":"upheld"}'),
    ).toEqual({
      type: 'reviewed',
      data: { level: 're_review', reviewers: ['职工代表 孙师傅'], outcome: 'upheld' },
    });
    expect(readEvent('appealed', '{"level":"re_review"}').data).toEqual({ level: 're_review' });
  });

  test('a filing flagged major names no leader in the flag; a later flag does', () => {
    expect(
      readEvent('flagged_major', '{"trigger":"people_concerned","limitWorkingDays":30}'),
    ).toEqual({
      type: 'flagged_major',
      data: { trigger: 'people_concerned', limitWorkingDays: 30 },
    });
    expect(
      readEvent('flagged_major', '{"trigger":"long_overdue","limitWorkingDays":0,"leaderId":2}')
        .data,
    ).toEqual({ trigger: 'long_overdue', limitWorkingDays: 0, leaderId: 2 });
  });

  test('an unknown type, a missing field or an ill-typed one is refused, naming what is wrong', () => {
    expect(() => readEvent('escalated', '{}')).toThrow(
      new UnreadableRecord('unknown event type "escalated"'),
    );
    expect(() => readEvent('accepted', '{"due":null}')).toThrow(
      'accepted.replyBy should be a YYYY-MM-DD date, is undefined',
    );
    expect(() => readEvent('reviewed', '{"level":3,"reviewers":[],"outcome":"upheld"}')).toThrow(
      'reviewed.level should be one of review, re_review, is 3',
    );
    expect(() => readEvent('rated', '["satisfied"]')).toThrow(
      'rated should be an object, is ["satisfied"]',
    );
    expect(() => readEvent('rated', '{rating')).toThrow('rated data is not JSON');
  });

  test('the store says which petition and event it cannot read', () => {
    const row = {
      id: 9,
      petitionId: 42,
      seq: 7,
      type: 'rated',
      actorId: 3,
      actorRelay: null,
      at: new Date('2026-11-02T02:00:00Z'),
      reason: null,
      data: '{"rating":"excellent"}',
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
      chainVersion: 2,
      caseDigest: null,
    };
    expect(() => toCaseEvent(row)).toThrow(
      'petition 42, event 7: rated.rating should be one of satisfied, basically_satisfied, unsatisfied, is "excellent"',
    );
  });
});

describe('R6 event details name things, never people', () => {
  test('person references and internal numbers (a request, a step) are left out by their kind, departments and categories are marked as such', () => {
    const at = { seq: 1, actorId: 1, at: new Date(), reason: null };
    const granted = {
      ...at,
      ...stored({ type: 'disclosure_granted', data: { request: 4, requesterId: 9 } }),
    };
    const assigned = { ...at, ...stored({ type: 'leader_assigned', data: { leaderId: 2 } }) };
    const transferred = {
      ...at,
      ...stored({ type: 'transferred', data: { from: 'hr', to: 'safety' } }),
    };
    expect(detailsOf(granted)).toEqual([]);
    expect(detailsOf(assigned)).toEqual([]);
    expect(detailsOf(transferred)).toEqual([
      { field: 'from', kind: 'department', value: 'hr' },
      { field: 'to', kind: 'department', value: 'safety' },
    ]);
  });
});

const to: Recipient = { kind: 'person', id: '1' };
const report: Report = {
  scope: 'company',
  first: '2026-11-02',
  last: '2026-11-08',
  current: {
    filed: 3,
    accepted: 0,
    declined: 0,
    replied: 0,
    closed: 0,
    extended: 0,
    overdue: 0,
    repliedOnTime: 0,
    resolvedAtTeam: 0,
    major: 0,
    collective: 0,
    rated: 0,
    satisfied: 0,
    satisfiedOnly: 0,
    finished: 0,
    resolved: 0,
    repeatPetitioners: 0,
    answerable: 3,
    answered: 0,
  },
  previous: null,
  breakdown: [],
  hotTopics: [
    { department: 'safety', category: 'protection.safety', size: 3, keywords: [], warning: true },
  ],
  policies: [{ policy: 1, title: '薪酬结构改革', count: 2, total: 3 }],
};

describe('R26 each notice kind carries its own params, checked when the code is compiled', () => {
  test('a notice to several people carries its kind’s params, once per person', () => {
    const told = toPeople([1, 2, 1, null], 'rated', {
      number: 'XF-2026-000001',
      rating: 'satisfied',
    });
    // @ts-expect-error a rating notice carries a rating, not a review outcome
    toPeople([1], 'rated', { number: 'XF-2026-000001', outcome: 'upheld' });
    // @ts-expect-error an acceptance names its owner
    toPeople([1], 'accepted', {
      number: 'XF-2026-000001',
      replyBy: '2026-11-10',
      due: null,
      provisional: false,
    });
    expect(told).toEqual([
      {
        kind: 'rated',
        to: { kind: 'person', id: '1' },
        params: { number: 'XF-2026-000001', rating: 'satisfied' },
      },
      {
        kind: 'rated',
        to: { kind: 'person', id: '2' },
        params: { number: 'XF-2026-000001', rating: 'satisfied' },
      },
    ]);
  });

  test('a report travels as a value, not as JSON inside JSON', () => {
    const weekly: NewNotice = { kind: 'weekly_summary', to, params: { report }, dedupeKey: 'w' };
    const nested: NewNotice = {
      kind: 'weekly_summary',
      to,
      // @ts-expect-error a report is no longer a JSON string
      params: { report: '{}' },
      dedupeKey: 'n',
    };
    const stray: NewNotice = {
      kind: 'closed',
      to,
      // @ts-expect-error a closing notice carries no report
      params: { number: 'X', report },
      dedupeKey: 's',
    };
    const row = (n: NewNotice, id: number): NoticeRow => ({
      id,
      dedupeKey: n.dedupeKey,
      petitionId: null,
      kind: n.kind,
      recipientKind: n.to.kind,
      recipient: n.to.id,
      params: JSON.stringify(n.params),
      state: 'pending',
      attempts: 0,
      notBefore: new Date(),
      claimedBy: null,
      claimToken: null,
      claimedUntil: null,
      priority: 1,
      holdsUntil: null,
      lastError: null,
      createdAt: new Date(),
      sentAt: null,
    });
    expect(readNotice(row(weekly, 1))).toEqual({
      kind: 'weekly_summary',
      id: 1,
      to,
      params: { report },
    });
    expect([nested, stray].map((n) => n.kind)).toEqual(['weekly_summary', 'closed']);
  });
});

describe('R26 notices already in an outbox are read in the shape they were written', () => {
  const row = (kind: string, params: string): NoticeRow => ({
    id: 5,
    dedupeKey: 'k',
    petitionId: null,
    kind,
    recipientKind: 'channel',
    recipient: 'summary',
    params,
    state: 'pending',
    attempts: 0,
    notBefore: new Date(),
    claimedBy: null,
    claimToken: null,
    claimedUntil: null,
    priority: 1,
    holdsUntil: null,
    lastError: null,
    createdAt: new Date(),
    sentAt: null,
  });

  test('R19 a report stored as a JSON string reads as a value, its warnings decided as they were then', () => {
    const { warning: _, ...cluster } = report.hotTopics[0];
    const earlier = { ...report, hotTopics: [cluster, { ...cluster, size: 2 }] };
    const notice = readNotice(
      row('weekly_summary', JSON.stringify({ report: JSON.stringify(earlier) })),
    );
    expect(notice).toMatchObject({
      kind: 'weekly_summary',
      to: { kind: 'channel', id: 'summary' },
    });
    expect(notice.kind === 'weekly_summary' && notice.params.report.hotTopics).toEqual([
      { ...cluster, warning: true },
      { ...cluster, size: 2, warning: false },
    ]);
  });

  test('R22 a report stored before the resolution and 满意-only parts were counted reads them as none', () => {
    const { satisfiedOnly: _s, finished: _f, resolved: _r, ...counted } = report.current;
    const earlier = { ...report, current: counted };
    const notice = readNotice(row('monthly_pack', JSON.stringify({ report: earlier })));
    expect(notice.kind === 'monthly_pack' && notice.params.report.current).toEqual({
      ...counted,
      satisfiedOnly: 0,
      finished: 0,
      resolved: 0,
    });
  });

  test('R20 a digest stored as a JSON string reads as a value', () => {
    const digest = {
      first: '2026-11-09',
      last: '2026-11-15',
      owned: [],
      overdue: [],
      numbers: report.current,
    };
    expect(
      readNotice(row('leader_digest', JSON.stringify({ digest: JSON.stringify(digest) }))).params,
    ).toEqual({
      digest,
    });
  });

  test('R13 a review level stored as a number reads as its word', () => {
    expect(readNotice(row('appealed', '{"number":"XF-2026-000001","level":2}')).params).toEqual({
      number: 'XF-2026-000001',
      level: 're_review',
    });
  });

  test('a notice of an unknown kind, or with params its kind does not have, is refused: the dispatcher parks it', () => {
    expect(() => readNotice(row('fax', '{}'))).toThrow(
      new UnreadableRecord('unknown notice kind "fax"'),
    );
    expect(() => readNotice(row('closed', 'null'))).toThrow('closed should be an object, is null');
    expect(() =>
      readNotice(row('rated', '{"number":"XF-2026-000001","rating":"excellent"}')),
    ).toThrow(
      'rated.rating should be one of satisfied, basically_satisfied, unsatisfied, is "excellent"',
    );
    expect(() => readNotice(row('monthly_pack', '{"report":"{}"}'))).toThrow(
      'monthly_pack.report.scope should be text, is undefined',
    );
  });
});
