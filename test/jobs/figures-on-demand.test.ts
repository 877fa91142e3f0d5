import { namedPeriod } from '../../src/domain/named-period';
import { figureScope, figuresOnDemand } from '../../src/jobs/figures-on-demand';
import { accept } from '../../src/services/accept';
import { eachDatabase } from '../support/databases';
import { drive } from '../terminal/drive';
import { exampleOrg, World } from '../support/world';

describe('R22 the periods people name for figures', () => {
  // 2026-11-04 is a Wednesday.
  const today = '2026-11-04';
  test.each([
    ['本月', '2026-11-01', '2026-12-01'],
    ['this month', '2026-11-01', '2026-12-01'],
    ['上月', '2026-10-01', '2026-11-01'],
    ['本周', '2026-11-02', '2026-11-09'],
    ['上周', '2026-10-26', '2026-11-02'],
    ['2026-Q3', '2026-07-01', '2026-10-01'],
    ['2026q4', '2026-10-01', '2027-01-01'],
    ['2026-11', '2026-11-01', '2026-12-01'],
    ['2026-12', '2026-12-01', '2027-01-01'],
    ['2025', '2025-01-01', '2026-01-01'],
    ['近4周', '2026-10-08', '2026-11-05'],
    ['last 4 weeks', '2026-10-08', '2026-11-05'],
    ['近30天', '2026-10-06', '2026-11-05'],
  ])('"%s" is %s up to (not including) %s', (text, first, end) => {
    expect(namedPeriod(text, today)).toEqual({ first, end });
  });

  test('in January last month is the December before', () => {
    expect(namedPeriod('上月', '2027-01-15')).toEqual({ first: '2026-12-01', end: '2027-01-01' });
  });

  test.each(['明年春天', '2026-13', '2026-Q5', '近0周', '近999周', ''])(
    'R22 "%s" is refused, naming the forms a period takes',
    (text) => {
      expect(() => namedPeriod(text, today)).toThrow(
        expect.objectContaining({ key: 'desk.bad_period' }),
      );
    },
  );
});

eachDatabase('R22 figures on demand for the asker scope', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), exampleOrg, '2026-11-04T02:00:00Z');
    await world.file('hu.bin', { categoryId: 'labour.salary' });
    await world.file('hu.bin', { categoryId: 'labour.salary', mode: 'confidential' });
    await world.file('guo.hong', { categoryId: 'protection.safety' });
    const first = (await world.file('hu.bin', { categoryId: 'management.process' })).number;
    await accept(world.core, await world.as('liu.yang'), first, '2026-11-09');
  });

  test('R15 R22 the office and the party reader count the company; a leader their areas; an employee nothing', async () => {
    expect(figureScope(await world.as('liu.yang'))).toBe('company');
    expect(figureScope(await world.as('he.ping'))).toBe('company');
    expect(figureScope(await world.as('li.na'))).toBe('production,safety');
    expect(figureScope(await world.as('zhao.min'))).toBe('hr');
    expect(figureScope(await world.as('hu.bin'))).toBeNull();
    await expect(
      figuresOnDemand(world.core, await world.as('hu.bin'), '本月'),
    ).rejects.toMatchObject({ key: 'desk.no_figures' });
  });

  test('R22 the numbers are the summary own, for the scope and the period named', async () => {
    const company = await figuresOnDemand(world.core, await world.as('liu.yang'), '本月');
    expect(company).toMatchObject({ scope: 'company', first: '2026-11-01', last: '2026-11-30' });
    expect(company.current).toMatchObject({ filed: 4, accepted: 1 });
    const leader = await figuresOnDemand(world.core, await world.as('li.na'), '本月');
    expect(leader.current).toMatchObject({ filed: 2, accepted: 1 });
    const hr = await figuresOnDemand(world.core, await world.as('zhao.min'), '本月');
    expect(hr.current.filed).toBe(2);
    const october = await figuresOnDemand(world.core, await world.as('liu.yang'), '2026-10');
    expect(october.current.filed).toBe(0);
    // The month before is the one compared with.
    expect(company.previous?.filed).toBe(0);
  });

  test('R22 R25 in the terminal "统计 本月" answers with the figures, a bad period with its forms', async () => {
    const out = await drive(world, '统计 本月\n统计 明年春天\n', 'li.na');
    expect(out).toContain('生产制造部、安全环保部 · 2026-11-01 至 2026-11-30 的统计');
    expect(out).toContain('看不懂期间「明年春天」');
  });
});
