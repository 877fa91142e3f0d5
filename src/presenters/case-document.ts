import { localDateOf, localTimeOf } from '../calendar/local-date';
import type { Actor, Locale } from '../domain/people';
import type { Translator } from '../i18n/translator';
import { finishedInYear } from '../services/archive-year';
import type { Core } from '../services/core';
import { caseFile, type CaseFile } from '../services/read-models';
import { inline, quoted } from './markdown';

/**
 * R23: the whole record of a case as a readable Markdown document in the reader's language: what
 * was asked, who handled it, every step with its details, the paper file and any legal hold. It
 * is the case file as the reader may see it, so a hidden petitioner stays hidden.
 */
export async function caseDocument(
  core: Core,
  t: Translator,
  reader: Actor,
  number: string,
  locale: Locale,
): Promise<string> {
  return render(core, t, reader, locale, await caseFile(core, reader, number));
}

function render(core: Core, t: Translator, reader: Actor, locale: Locale, c: CaseFile): string {
  const l = (key: string, params = {}) => t.t(locale, `archive.${key}`, params);
  const when = (at: Date | null) => (at ? localTimeOf(at, core.rules.timeZone) : '—');
  const hidden = t.t(
    locale,
    c.mode === 'anonymous' ? 'label.anonymous_petitioner' : 'label.confidential_petitioner',
  );
  const lines = [
    `# ${l('title', { number: c.number })}`,
    '',
    `- ${l('organisation', { name: core.org.organisation.name })}`,
    `- ${l('exported', { at: when(core.clock.now()), by: inline(reader.person.name) })}`,
    `- ${l('summary', {
      state: c.state,
      category: c.categoryId,
      department: t.department(locale, c.leadDepartmentId),
      mode: c.mode,
    })}`,
    `- ${l('petitioner', {
      name: c.petitioner === null ? hidden : inline(c.petitioner),
      contact: c.contact === null ? null : inline(c.contact),
      people: c.peopleConcerned,
    })}`,
    `- ${l('handling', {
      owner: c.owner === null ? null : inline(c.owner),
      leader: c.leader === null ? null : inline(c.leader),
      co: c.coDepartments.map((d) => t.department(locale, d)).join('、') || null,
    })}`,
    `- ${l('dates', { filed: when(c.filedAt), closed: when(c.closedAt) })}`,
    `- ${l('rating', { rating: c.rating })}`,
    `- ${l('paper', { location: c.paperCopy === null ? l('paper_none') : inline(c.paperCopy) })}`,
    `- ${l('hold', { hold: t.value(locale, 'hold', c.legalHold) })}`,
    '',
    `## ${l('content')}`,
    '',
    c.state === 'destroyed' ? l('destroyed') : quoted(c.content),
  ];
  if (c.attachments) lines.push('', l('attachments', { attachments: inline(c.attachments) }));
  lines.push('', `## ${l('history')}`, '');
  for (const e of c.history) {
    const actor =
      e.actor !== null ? inline(e.actor) : e.actorHidden ? hidden : t.t(locale, 'label.bot');
    lines.push(
      l('entry', { seq: e.seq, at: when(e.at), actor, type: t.t(locale, `event.${e.type}`) }),
    );
    if (e.reason)
      lines.push(
        `   - ${l('detail', { label: t.fieldName(locale, 'reason'), value: inline(e.reason) })}`,
      );
    for (const detail of e.details) {
      const shown = inline(t.detail(locale, detail));
      lines.push(`   - ${l('detail', { label: t.fieldName(locale, detail.field), value: shown })}`);
    }
  }
  return `${lines.join('\n')}\n`;
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
