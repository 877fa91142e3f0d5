import { PNG } from 'pngjs';
import type { Report, WeekTrend } from '../../src/domain/figures';
import { Translator } from '../../src/i18n/translator';
import { breakdownChart, reportCharts, weeksChart } from '../../src/presenters/charts';
import { exampleOrg } from '../support/world';

const t = new Translator(exampleOrg);

const weeks: WeekTrend[] = Array.from({ length: 12 }, (_, i) => ({
  first: `2026-${String(9 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 4) * 7).padStart(2, '0')}`,
  filed: 3 + i,
  closed: 2 + (i % 3),
  overdue: i % 2,
}));

const rates = {
  replied: 0,
  repliedOnTime: 0,
  rated: 0,
  satisfied: 0,
  satisfiedOnly: 0,
  finished: 0,
  resolved: 0,
};
const report = {
  scope: 'company',
  first: '2026-11-23',
  last: '2026-11-29',
  current: {} as Report['current'],
  previous: null,
  breakdown: [
    { category: 'labour.salary', department: 'hr', count: 5, ...rates },
    { category: 'labour.salary', department: 'finance', count: 2, ...rates },
    { category: 'protection.safety', department: 'safety', count: 3, ...rates },
  ],
  hotTopics: [],
  policies: [],
  weeks,
} satisfies Report;

/** Pixels that are not (near) white, in rows `from` to `to`. */
function inked(png: PNG, from = 0, to = png.height): number {
  let n = 0;
  for (let y = from; y < to; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) n++;
    }
  }
  return n;
}

describe('R29 charts in the weekly summary and the monthly pack', () => {
  test('R29 the 12-week trend is a 960×540 PNG with lines drawn and its Chinese title inked', () => {
    const file = weeksChart(t, 'zh-CN', weeks);
    expect(file.mime).toBe('image/png');
    const png = PNG.sync.read(file.data);
    expect([png.width, png.height]).toEqual([960, 540]);
    expect(inked(png)).toBeGreaterThan(5000);
    // The title (近 12 周新增、办结、超期) sits in the top band: only a CJK font draws it.
    expect(inked(png, 0, 40)).toBeGreaterThan(300);
  });

  test('R29 the category × department breakdown is drawn with its Chinese labels', () => {
    const png = PNG.sync.read(breakdownChart(t, 'zh-CN', report).data);
    expect([png.width, png.height]).toEqual([960, 540]);
    expect(inked(png)).toBeGreaterThan(5000);
    // The category names (劳动权益 / 薪酬…) sit left of the bars.
    let left = 0;
    for (let y = 64; y < 476; y++) {
      for (let x = 0; x < 150; x++) {
        const i = (y * png.width + x) * 4;
        if (png.data[i] < 200) left++;
      }
    }
    expect(left).toBeGreaterThan(200);
  });

  test('R29 a report carries both charts; one with no breakdown and no trend carries none', () => {
    expect(reportCharts(t, 'zh-CN', report).map((f) => f.name)).toEqual([
      'weeks-2026-11-22.png',
      'breakdown-2026-11-23.png',
    ]);
    expect(reportCharts(t, 'zh-CN', { ...report, breakdown: [], weeks: undefined })).toEqual([]);
  });
});
