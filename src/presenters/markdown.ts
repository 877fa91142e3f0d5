/**
 * Text someone wrote, made safe to place in a Markdown document: every character Markdown reads
 * as markup is backslash-escaped, and a line cannot open a heading, a list item, a quote or a
 * setext underline, so a petition or a reason cannot forge the document's headings or history.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/[\\`*_{}[\]()<>#!|~]/g, '\\$&')
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** User text inside one line of the document (a list item): its lines stay in that item. */
export function inline(text: string): string {
  return escapeMarkdown(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('  \n     ');
}

/** User text as a block quote, line by line, escaped within the quote. */
export function quoted(text: string): string {
  return escapeMarkdown(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
