/**
 * Everything the bot posts is plain text: what people wrote, and the bot's own words around it.
 * Slack's mrkdwn reads `&`, `<` and `>` as markup (`<!channel>`, `<@U…>`, `<https://…|label>`),
 * so they are escaped wherever text becomes mrkdwn: a message's text (also the fallback shown in
 * notifications) and every section. Slack then shows the text as typed.
 */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
