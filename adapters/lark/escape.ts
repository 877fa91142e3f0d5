/**
 * Everything the bot sends is plain text: what people wrote, and the bot's own words around it.
 * Cards show it in plain_text, which Lark does not parse. Two places do parse it, and there it
 * is escaped.
 */

/** A word joiner: invisible, and it keeps what it separates from reading as markup. */
const joiner = '\u2060';

/**
 * A text message (msg_type text) reads `<at user_id="all">`, `<b>` and the like as tags and
 * `[label](url)` as a link, and offers no escape for them: a word joiner after each `<` and
 * between `]` and `(` leaves the text as typed but no longer markup.
 */
export function escapeText(text: string): string {
  return text.replace(/</g, `<${joiner}`).replace(/\]\(/g, `]${joiner}(`);
}

/**
 * Card markdown reads Markdown and some HTML (`<at id=all>`, `<font>`, links, emphasis,
 * headings): each character it could read as markup is written as an HTML character reference.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>*_~`[\]()#\\|!-]/g, (c) => `&#${c.charCodeAt(0)};`);
}
