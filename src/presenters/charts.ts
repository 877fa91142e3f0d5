import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Report, WeekTrend } from '../domain/figures';
import type { Locale } from '../domain/people';
import type { Translator } from '../i18n/translator';
import type { OutgoingNotice } from '../notices/notice';
import type { DeskFile } from './desk-file';
import { echarts, resvg } from './libraries';

const fontFile = 'assets/fonts/NotoSansCJKsc-Regular-subset.otf';
const family = 'Noto Sans CJK SC';
const width = 960;
const height = 540;

/** The font installed with the project (scripts/font-subset.ts), found above this file in src or dist. */
function fontPath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, fontFile))) return join(dir, fontFile);
    if (dirname(dir) === dir) throw new Error(`${fontFile} is missing: run npm run font`);
  }
}

/**
 * An ECharts option drawn on the server as SVG, then as PNG by resvg with the project's own CJK
 * font and no system fonts, so a chart looks the same on every machine and Chinese is never boxes.
 */
function png(option: object): Buffer {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: family },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const { Resvg } = resvg();
  const image = new Resvg(svg, {
    font: { fontFiles: [fontPath()], loadSystemFonts: false, defaultFontFamily: family },
  });
  return image.render().asPng();
}

const pngFile = (name: string, data: Buffer, title: string): DeskFile => ({
  name,
  mime: 'image/png',
  data,
  title,
});

/** R19 R29: new, closed and overdue cases of the last 12 weeks, a line each. */
export function weeksChart(t: Translator, locale: Locale, weeks: WeekTrend[]): DeskFile {
  const l = (key: string) => t.t(locale, `desk.${key}`);
  const series = (key: 'filed' | 'closed' | 'overdue', name: string) => ({
    name: l(name),
    type: 'line',
    data: weeks.map((w) => w[key]),
    label: { show: true },
  });
  const title = l('chart_weeks_title');
  const data = png({
    title: { text: title, left: 'center' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 32, top: 64, bottom: 64 },
    xAxis: { type: 'category', data: weeks.map((w) => w.first.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      series('filed', 'chart_new'),
      series('closed', 'chart_closed'),
      series('overdue', 'chart_overdue'),
    ],
  });
  return pngFile(`weeks-${weeks.at(-1)?.first ?? 'none'}.png`, data, title);
}

/** R19 R22 R29: the period's new cases by category (bars) and lead department (stacked). */
export function breakdownChart(t: Translator, locale: Locale, report: Report): DeskFile {
  const categories = [...new Set(report.breakdown.map((b) => b.category))];
  const departments = [...new Set(report.breakdown.map((b) => b.department))];
  const title = t.t(locale, 'desk.chart_breakdown_title', {
    first: report.first,
    last: report.last,
  });
  const data = png({
    title: { text: title, left: 'center' },
    legend: { bottom: 0 },
    grid: { left: 160, right: 32, top: 64, bottom: 64 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories.map((c) => t.category(locale, c)) },
    series: departments.map((d) => ({
      name: t.department(locale, d),
      type: 'bar',
      stack: 'all',
      label: { show: true },
      // '-' is ECharts' empty value: a department with none in a category draws no sliver.
      data: categories.map(
        (c) => report.breakdown.find((b) => b.category === c && b.department === d)?.count || '-',
      ),
    })),
  });
  return pngFile(`breakdown-${report.first}.png`, data, title);
}

/** Which pictures a report carries (R29): the weeks' trend when it has one, and its breakdown. */
function chartsOf(report: Report): ('weeks' | 'breakdown')[] {
  return [
    ...(report.weeks && report.weeks.length > 0 ? (['weeks'] as const) : []),
    ...(report.breakdown.length > 0 ? (['breakdown'] as const) : []),
  ];
}

/** The pictures a report carries (R29), drawn. */
export function reportCharts(t: Translator, locale: Locale, report: Report): DeskFile[] {
  return chartsOf(report).map((chart) =>
    chart === 'weeks'
      ? weeksChart(t, locale, report.weeks ?? [])
      : breakdownChart(t, locale, report),
  );
}

/** R29: the pictures a notice carries: the weekly summary's and the monthly pack's charts. */
export function noticeCharts(t: Translator, locale: Locale, notice: OutgoingNotice): DeskFile[] {
  if (notice.kind !== 'weekly_summary' && notice.kind !== 'monthly_pack') return [];
  return reportCharts(t, locale, notice.params.report);
}

/** How many pictures `noticeCharts` gives this notice, without drawing them. */
export function noticeChartCount(notice: OutgoingNotice): number {
  if (notice.kind !== 'weekly_summary' && notice.kind !== 'monthly_pack') return 0;
  return chartsOf(notice.params.report).length;
}
