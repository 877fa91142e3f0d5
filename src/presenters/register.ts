import { localTimeOf } from '../calendar/local-date';
import { namedPeriod } from '../domain/named-period';
import type { Actor, Locale } from '../domain/people';
import { Refusal } from '../domain/refusal';
import type { Translator } from '../i18n/translator';
import { today, type Core } from '../services/core';
import { countCases, findCases } from '../services/find';
import { everyPage } from '../services/page';
import type { PetitionSummary } from '../services/read-models';
import type { DeskFile } from './desk-file';
import { exceljs } from './libraries';

/** The most cases one export holds: what a spreadsheet opens at once without waiting long. */
export const registerLimit = 5000;

/** Cases read at once for an export: a chat's page of 10 would take 500 round trips for the limit. */
const exportPage = 500;

const columns = [
  'number',
  'filed_at',
  'state',
  'category',
  'department',
  'mode',
  'petitioner',
  'owner',
  'due',
  'overdue_days',
  'major',
] as const;

/**
 * A spreadsheet reads a cell that begins with = + - @ (or a tab or carriage return before one)
 * as a formula; someone's petition must never run as one (formula injection). Such a cell is
 * kept as text, with an apostrophe before it, as OWASP advises.
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The register of a period: a header and a row a case, as the reader may see them (R15). */
export interface Register {
  first: string;
  last: string;
  header: string[];
  rows: string[][];
}

/**
 * R29: the cases filed in the named period that the reader may see, one row each. A petitioner
 * is named only on a named petition: a file travels further than a chat, so a confidential
 * petitioner stays out of it even for the owner who may see them (R6).
 */
export async function register(
  core: Core,
  t: Translator,
  reader: Actor,
  period: string,
  locale: Locale,
): Promise<Register> {
  const days = namedPeriod(period, today(core));
  const total = await countCases(core, reader, { period: days });
  if (total > registerLimit) {
    throw new Refusal('desk.export_too_many', { total, limit: registerLimit });
  }
  const cases = await everyPage((page) =>
    findCases(core, reader, { period: days }, page, exportPage),
  );
  const hidden = t.t(locale, 'register.hidden');
  const cell = (p: PetitionSummary): Record<(typeof columns)[number], string> => ({
    number: p.number,
    filed_at: localTimeOf(p.filedAt, core.rules.timeZone),
    state: t.t(locale, `state.${p.state}`),
    category: t.category(locale, p.categoryId),
    department: t.department(locale, p.leadDepartmentId),
    mode: t.t(locale, `mode.${p.mode}`),
    petitioner: p.mode === 'named' ? (p.petitioner ?? hidden) : hidden,
    owner: p.owner ?? '',
    due: p.due ?? '',
    overdue_days: String(p.overdueWorkingDays),
    major: t.value(locale, 'major', p.major),
  });
  return {
    first: days.first,
    last: days.end,
    header: columns.map((c) => t.t(locale, `register.${c}`)),
    rows: cases
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((p) => columns.map((c) => neutralised(cell(p)[c]))),
  };
}

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * R29: the register as an XLSX or CSV file (exceljs, loaded only when one is made); every cell a
 * string, so nothing in it is a formula. The CSV starts with a byte-order mark, without which
 * Excel reads UTF-8 Chinese as mojibake.
 */
export async function registerFile(
  t: Translator,
  locale: Locale,
  r: Register,
  format: 'xlsx' | 'csv',
): Promise<DeskFile> {
  const { Workbook } = exceljs();
  const book = new Workbook();
  const sheet = book.addWorksheet(`${r.first}`);
  sheet.addRow(r.header).font = { bold: true };
  for (const row of r.rows) sheet.addRow(row);
  sheet.columns.forEach((c) => (c.width = 16));
  const name = `register-${r.first}.${format}`;
  const title = t.t(locale, 'desk.export_register', {
    first: r.first,
    last: r.last,
    total: r.rows.length,
  });
  if (format === 'xlsx') {
    return { name, mime: xlsxMime, data: Buffer.from(await book.xlsx.writeBuffer()), title };
  }
  const csv = Buffer.from(await book.csv.writeBuffer());
  return { name, mime: 'text/csv', data: Buffer.concat([Buffer.from('\uFEFF'), csv]), title };
}
