import type { Actor, Locale } from '../domain/people';
import type { Translator } from '../i18n/translator';
import type { Core } from '../services/core';
import { caseRecord } from './case-document';
import type { DeskFile } from './desk-file';
import { docx } from './libraries';

/** A CJK face Word and LibreOffice have or substitute well; the Latin text keeps its own. */
const chineseFont = { eastAsia: 'SimSun', ascii: 'Calibri', hAnsi: 'Calibri' };

/**
 * R23 R29: the case file as a Word document a person prints, Chinese first: the same record as
 * the Markdown case file (a hidden petitioner stays hidden), laid out with headings, a facts
 * list, the petition quoted and the history numbered. `docx` is loaded only when one is made.
 */
export async function caseDocx(
  core: Core,
  t: Translator,
  reader: Actor,
  number: string,
  locale: Locale,
): Promise<DeskFile> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = docx();
  const r = await caseRecord(core, t, reader, number, locale);
  const text = (line: string) => new TextRun({ text: line, font: chineseFont });
  const heading = (line: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({ heading: level, children: [text(line)] });
  const paragraph = (line: string, indent = 0) =>
    new Paragraph({ children: [text(line)], indent: { left: indent } });
  const document = new Document({
    creator: core.org.organisation.name,
    title: r.title,
    styles: { default: { document: { run: { font: chineseFont, size: 22 } } } },
    sections: [
      {
        children: [
          heading(r.title, HeadingLevel.TITLE),
          ...r.facts.map((f) => paragraph(f)),
          heading(r.contentHeading, HeadingLevel.HEADING_1),
          ...r.content.split('\n').map((line) => paragraph(line, r.quoted ? 480 : 0)),
          ...r.attached.map((line) => paragraph(line)),
          heading(r.historyHeading, HeadingLevel.HEADING_1),
          ...r.entries.flatMap((e) => [
            paragraph(e.line),
            ...e.details.map((d) => paragraph(d, 480)),
          ]),
        ],
      },
    ],
  });
  return {
    name: `${r.title.replace(/[\\/:*?"<>|\s]+/g, '-')}.docx`,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: await Packer.toBuffer(document),
    title: t.t(locale, 'desk.export_case', { number }),
  };
}
