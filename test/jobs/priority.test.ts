import { priorities, priorityOf } from '../../src/notices/priority';

describe('R26 what a person is waiting for goes first', () => {
  test('R26 R6 a petitioner addressed by relay id waits as any person does; a channel post is at best a step', () => {
    expect(priorityOf('filed_receipt', 'person')).toBe(priorities.waiting);
    expect(priorityOf('filed_receipt', 'relay')).toBe(priorities.waiting);
    expect(priorityOf('replied', 'relay')).toBe(priorities.waiting);
    expect(priorityOf('filed_receipt', 'channel')).toBe(priorities.step);
    expect(priorityOf('new_case', 'department_channel')).toBe(priorities.step);
    expect(priorityOf('weekly_summary', 'channel')).toBe(priorities.bulk);
  });
});
