import {
  addWorkingDays,
  workingCalendar,
  workingDaysBetween,
} from '../../src/calendar/working-calendar';

const china = workingCalendar({ region: 'CN', holidays: [], workdays: [], officialYears: {} });

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
      officialYears: {},
    });
    expect(own.isWorkingDay('2026-11-30')).toBe(false);
    expect(own.isWorkingDay('2026-11-29')).toBe(true);
  });

  test('R31 a year without official data is unknown, and a company holiday in it does not make it known', () => {
    expect(china.knowsYear(2026)).toBe(true);
    expect(china.knowsYear(2027)).toBe(false);
    const own = { region: 'CN' as const, workdays: [], officialYears: {} };
    expect(workingCalendar({ ...own, holidays: ['2027-02-01'] }).knowsYear(2027)).toBe(false);
  });

  test('R31 in a year nobody has given, days count Monday to Friday: no holiday is invented', () => {
    expect(china.isWorkingDay('2027-01-01')).toBe(true);
    expect(china.isWorkingDay('2027-01-02')).toBe(false);
    expect(addWorkingDays(china, '2026-12-11', 15)).toBe('2027-01-01');
  });

  test("R31 the operator's official year is known and its holidays and make-up days count", () => {
    // Made-up days for a year the package lacks: the test is about the mechanism, not the dates.
    const given = workingCalendar({
      region: 'CN',
      holidays: [],
      workdays: [],
      officialYears: { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-09'] } },
    });
    expect(given.knowsYear(2027)).toBe(true);
    expect(given.isWorkingDay('2027-01-01')).toBe(false);
    expect(given.isWorkingDay('2027-01-09')).toBe(true);
    expect(given.isWorkingDay('2027-01-10')).toBe(false);
    expect(addWorkingDays(given, '2026-12-11', 15)).toBe('2027-01-04');
  });
});

describe('R9 other regions work Monday to Friday with configured holidays', () => {
  const elsewhere = workingCalendar({
    region: 'other',
    holidays: ['2026-12-25'],
    workdays: [],
    officialYears: {},
  });

  test('weekends and configured holidays are off, official Chinese holidays are not', () => {
    expect(elsewhere.isWorkingDay('2026-10-01')).toBe(true);
    expect(elsewhere.isWorkingDay('2026-10-10')).toBe(false);
    expect(elsewhere.isWorkingDay('2026-12-25')).toBe(false);
    expect(addWorkingDays(elsewhere, '2026-12-23', 3)).toBe('2026-12-29');
  });
});
