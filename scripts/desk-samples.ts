import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../src/calendar/local-date';
import { loadOrganisation } from '../src/config/org';
import type { Clock } from '../src/domain/clock';
import { Translator } from '../src/i18n/translator';
import { weeklySummaries } from '../src/jobs/reports';
import { reportCharts } from '../src/presenters/charts';
import { register, registerFile } from '../src/presenters/register';
import { accept } from '../src/services/accept';
import { actorByKeyOrName } from '../src/services/actors';
import { close } from '../src/services/closure';
import { rate, reply } from '../src/services/reply';
import { createCore, today } from '../src/services/core';
import { file } from '../src/services/file';
import { createDataSource } from '../src/store/data-source';
import { syncOrganisation } from '../src/store/org-sync';
import { Store } from '../src/store/store';

/**
 * The README's examples of the office desk (R29), made by the code that makes the real ones: a
 * weekly summary's two charts and the register exported as XLSX and CSV, from invented petitions
 * of the example organisation on an in-memory database. `npm run desk:samples` writes them to
 * docs/desk/.
 */
const out = 'docs/desk';

/** Twelve weeks of invented filings, more each week, spread over categories and filers. */
const samples: { who: string; categoryId: string; content: string; mode?: 'confidential' }[] = [
  {
    who: 'hu.bin',
    categoryId: 'labour.salary',
    content: '十月加班费未按规定发放，车间多人少了加班费。',
  },
  {
    who: 'guo.hong',
    categoryId: 'protection.safety',
    content: '冲压线防护罩损坏两周未修。',
    mode: 'confidential',
  },
  { who: 'hu.bin', categoryId: 'management.process', content: '报销审批要五个签字，流程太慢。' },
  { who: 'guo.hong', categoryId: 'labour.insurance', content: '社保基数调整后未通知职工。' },
  { who: 'hu.bin', categoryId: 'protection.career', content: '晋升评定标准不公开。' },
  {
    who: 'guo.hong',
    categoryId: 'management.rules',
    content: '夜班食堂没有热饭，建议延长供应时间。',
  },
];

const written = {
  investigation: '调阅记录，约谈相关负责人。',
  facts: '情况属实。',
  basis: '公司相关管理办法。',
  conclusion: '已整改，并向信访人当面说明。',
  deliveryMethod: 'in_person' as const,
};

async function main() {
  const org = loadOrganisation('org.example.yaml');
  const start = Date.parse('2026-09-07T02:00:00Z');
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  const dataSource = await createDataSource('sqlite::memory:').initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const store = new Store(dataSource, 'sqlite::memory:');
  await syncOrganisation(store, org, clock.now());
  const core = createCore(store, org, clock);
  const handler = await actorByKeyOrName(core, 'liu.yang');
  const open: { number: string; who: string }[] = [];
  for (let week = 0; week < 12; week++) {
    // Most of what was accepted the week before is answered, rated and closed now.
    for (const done of open.splice(0, Math.max(0, open.length - 2))) {
      const day = today(core);
      await reply(core, handler, done.number, { ...written, deliveredOn: day });
      await rate(core, await actorByKeyOrName(core, done.who), done.number, 'satisfied');
      await close(core, handler, done.number);
    }
    for (let i = 0; i < 2 + (week % 4) + Math.floor(week / 3); i++) {
      const sample = samples[(week + i) % samples.length];
      const petitioner = await actorByKeyOrName(core, sample.who);
      const { number } = await file(core, petitioner, { ...sample, commitment: true });
      if (i % 3 !== 2) {
        await accept(core, handler, number, addDays(today(core), 3));
        open.push({ number, who: sample.who });
      }
      now += 7_200_000;
    }
    now = start + (week + 1) * 7 * 86_400_000;
  }
  const t = new Translator(org);
  const [summary] = await weeklySummaries(core, clock.now());
  if (summary.kind !== 'weekly_summary') throw new Error('no weekly summary');
  mkdirSync(out, { recursive: true });
  for (const chart of reportCharts(t, 'zh-CN', summary.params.report)) {
    writeFileSync(join(out, chart.name.replace(/-\d{4}-\d{2}-\d{2}/, '')), chart.data);
  }
  const rows = await register(core, t, handler, '2026-Q4', 'zh-CN');
  for (const format of ['xlsx', 'csv'] as const) {
    writeFileSync(
      join(out, `register.${format}`),
      (await registerFile(t, 'zh-CN', rows, format)).data,
    );
  }
  await dataSource.destroy();
  console.log(`${out}: weeks.png, breakdown.png, register.xlsx, register.csv`);
}

void main();
