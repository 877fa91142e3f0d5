import { localDateOf, localTimeOf } from '../calendar/local-date';
import type { Actor, Locale } from '../domain/people';
import type { Translator } from '../i18n/translator';
import { finishedInYear } from '../services/archive-year';
import type { Core } from '../services/core';
import { caseFile, type CaseFile } from '../services/read-models';
import { inline, quoted } from './markdown';
import { sizeText } from './sizes';

/** R23: a case's record laid out for a document, in the reader's language, before any markup. */
export interface CaseRecord {
  title: string;
  /** One line each: organisation, export, summary, petitioner, handling, dates, rating, paper, hold. */
  facts: string[];
  contentHeading: string;
  /** What the petitioner wrote, or the note that it was destroyed. */
  content: string;
  /** Text someone wrote is quoted; the note of a destroyed case is not. */
  quoted: boolean;
  /** R30: the files kept with the case, one line each with its whole SHA-256. */
  attached: string[];
  historyHeading: string;
  entries: { line: string; details: string[] }[];
}

/**
 * R23: the whole record of a case in the reader's language: what was asked, who handled it,
 * every step with its details, the paper file and any legal hold. It is the case file as the
 * reader may see it, so a hidden petitioner stays hidden.
 */
export async function caseRecord(
  core: Core,
  t: Translator,
  reader: Actor,
  number: string,
  locale: Locale,
  user: UserText = (text) => text,
): Promise<CaseRecord> {
  return recordOf(core, t, reader, locale, await caseFile(core, reader, number), user);
}

/** How a document places text someone wrote inside its own lines (escaped for Markdown). */
type UserText = (text: string) => string;

/** R23: the case record as a readable Markdown document. */
export async function caseDocument(
  core: Core,
  t: Translator,
  reader: Actor,
  number: string,
  locale: Locale,
): Promise<string> {
  const r = await caseRecord(core, t, reader, number, locale, inline);
  const lines = [
    `# ${r.title}`,
    '',
    ...r.facts.map((f) => `- ${f}`),
    '',
    `## ${r.contentHeading}`,
    '',
    r.quoted ? quoted(r.content) : r.content,
  ];
  if (r.attached.length > 0) lines.push('', ...r.attached.map((line) => `- ${line}`));
  lines.push('', `## ${r.historyHeading}`, '');
  for (const e of r.entries) lines.push(e.line, ...e.details.map((d) => `   - ${d}`));
  return `${lines.join('\n')}\n`;
}

function recordOf(
  core: Core,
  t: Translator,
  reader: Actor,
  locale: Locale,
  c: CaseFile,
  user: UserText,
): CaseRecord {
  const l = (key: string, params = {}) => t.t(locale, `archive.${key}`, params);
  const when = (at: Date | null) => (at ? localTimeOf(at, core.rules.timeZone) : '—');
  const hidden = t.t(
    locale,
    c.mode === 'anonymous' ? 'label.anonymous_petitioner' : 'label.confidential_petitioner',
  );
  const destroyed = c.state === 'destroyed';
  return {
    title: l('title', { number: c.number }),
    facts: [
      l('organisation', { name: core.org.organisation.name }),
      l('exported', { at: when(core.clock.now()), by: user(reader.person.name) }),
      l('summary', {
        state: c.state,
        category: c.categoryId,
        department: t.department(locale, c.leadDepartmentId),
        mode: c.mode,
      }),
      l('petitioner', {
        name: c.petitioner === null ? hidden : user(c.petitioner),
        contact: c.contact === null ? null : user(c.contact),
        people: c.peopleConcerned,
      }),
      l('handling', {
        owner: c.owner === null ? null : user(c.owner),
        leader: c.leader === null ? null : user(c.leader),
        co: c.coDepartments.map((d) => t.department(locale, d)).join('、') || null,
      }),
      l('dates', { filed: when(c.filedAt), closed: when(c.closedAt) }),
      l('rating', { rating: c.rating }),
      l('paper', { location: c.paperCopy === null ? l('paper_none') : user(c.paperCopy) }),
      l('hold', { hold: t.value(locale, 'hold', c.legalHold) }),
    ],
    contentHeading: l('content'),
    content: destroyed ? l('destroyed') : c.content,
    quoted: !destroyed,
    attached: c.attached.map((f, i) =>
      t.t(locale, 'attachment.document_line', {
        n: i + 1,
        name: user(f.name),
        size: sizeText(f.bytes),
        sha: f.sha256,
      }),
    ),
    historyHeading: l('history'),
    entries: c.history.map((e) => {
      const actor =
        e.actor !== null ? user(e.actor) : e.actorHidden ? hidden : t.t(locale, 'label.bot');
      const details = e.reason
        ? [l('detail', { label: t.fieldName(locale, 'reason'), value: user(e.reason) })]
        : [];
      for (const detail of e.details) {
        const value = user(t.detail(locale, detail));
        details.push(l('detail', { label: t.fieldName(locale, detail.field), value }));
      }
      return {
        line: l('entry', {
          seq: e.seq,
          at: when(e.at),
          actor,
          type: t.t(locale, `event.${e.type}`),
        }),
        details,
      };
    }),
  };
}

/**
 * R23 一年一整理: the catalogue of the cases that finished in a year that the reader may see, a
 * line each, for the yearly sorting of the archive; `numbers` are the cases to export with it.
 */
export async function yearCatalogue(
  core: Core,
  t: Translator,
  reader: Actor,
  year: number,
  locale: Locale,
): Promise<{ numbers: string[]; catalogue: string }> {
  const finished = await finishedInYear(core, reader, year);
  const day = (at: Date | null) => (at ? localDateOf(at, core.rules.timeZone) : '—');
  const lines = [
    `# ${t.t(locale, 'archive.catalogue_title', { year })}`,
    '',
    ...finished.map(
      (c) =>
        `- ${t.t(locale, 'archive.catalogue_line', {
          number: c.number,
          state: c.state,
          category: c.categoryId,
          closed: day(c.closedAt),
          paper: c.paperCopy ?? t.t(locale, 'archive.paper_none'),
        })}`,
    ),
  ];
  return { numbers: finished.map((c) => c.number), catalogue: `${lines.join('\n')}\n` };
}
