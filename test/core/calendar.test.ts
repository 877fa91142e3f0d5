import {
  addWorkingDays,
  workingCalendar,
  workingDaysBetween,
} from '../../src/calendar/working-calendar';

const china = workingCalendar({ region: 'CN', holidays: [], workdays: [] });

describe('R9 working days follow the official Chinese calendar', () => {
  test('the National Day holiday 2026 does not count and its Saturday make-up day does', () => {
    expect(china.isWorkingDay('2026-10-01')).toBe(false);
    expect(china.isWorkingDay('2026-10-07')).toBe(false);
    expect(china.isWorkingDay('2026-10-10')).toBe(true);
    expect(addWorkingDays(china, '2026-09-29', 3)).toBe('2026-10-09');
    expect(addWorkingDays(china, '2026-09-29', 15)).toBe('2026-10-26');
  });

  test('the Spring Festival 2026 holiday is skipped and its make-up Saturdays count', () => {
    expect(china.isWorkingDay('2026-02-14')).toBe(true);
    expect(china.isWorkingDay('2026-02-16')).toBe(false);
    expect(china.isWorkingDay('2026-02-28')).toBe(true);
    expect(addWorkingDays(china, '2026-02-13', 3)).toBe('2026-02-25');
  });

  test('working days between two dates count the end day but not the start day', () => {
    expect(workingDaysBetween(china, '2026-09-29', '2026-10-09')).toBe(3);
    expect(workingDaysBetween(china, '2026-10-09', '2026-09-29')).toBe(-3);
    expect(workingDaysBetween(china, '2026-10-09', '2026-10-09')).toBe(0);
  });

  test('the organisation file can add a company holiday and a make-up day', () => {
    const own = workingCalendar({
      region: 'CN',
      holidays: ['2026-11-30'],
      workdays: ['2026-11-29'],
    });
    expect(own.isWorkingDay('2026-11-30')).toBe(false);
    expect(own.isWorkingDay('2026-11-29')).toBe(true);
  });

  test('a year without official data is reported as unknown so operators can add it', () => {
    expect(china.knowsYear(2026)).toBe(true);
    expect(china.knowsYear(2031)).toBe(false);
    expect(
      workingCalendar({ region: 'CN', holidays: ['2031-01-01'], workdays: [] }).knowsYear(2031),
    ).toBe(true);
  });
});

describe('R9 other regions work Monday to Friday with configured holidays', () => {
  const elsewhere = workingCalendar({ region: 'other', holidays: ['2026-12-25'], workdays: [] });

  test('weekends and configured holidays are off, official Chinese holidays are not', () => {
    expect(elsewhere.isWorkingDay('2026-10-01')).toBe(true);
    expect(elsewhere.isWorkingDay('2026-10-10')).toBe(false);
    expect(elsewhere.isWorkingDay('2026-12-25')).toBe(false);
    expect(addWorkingDays(elsewhere, '2026-12-23', 3)).toBe('2026-12-29');
  });
});
