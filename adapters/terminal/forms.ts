import type { LineReader } from './line-reader';

/** What a field makes of a typed answer: a value, or the message to show before asking again. */
export type Parsed<T> = { value: T } | { problem: string };

export interface Field<T = unknown> {
  key: string;
  prompt: string;
  parse(text: string): Parsed<T>;
  /** Shown once before the prompt, e.g. a numbered list of choices. */
  intro?: string;
}

const back = new Set(['<', 'back', '返回']);
const cancel = new Set(['cancel', '取消']);

/**
 * Asks the fields one after another. `<` goes back a field; `cancel` or the end of input (Ctrl-D)
 * abandons the form and returns null, so nothing half-filled ever reaches the core.
 */
export async function askForm(
  reader: LineReader,
  say: (text: string) => void,
  fields: Field[],
  hint: string,
): Promise<Record<string, unknown> | null> {
  const answers: Record<string, unknown> = {};
  say(hint);
  let i = 0;
  while (i < fields.length) {
    const field = fields[i];
    if (field.intro) say(field.intro);
    const line = await reader.read(field.prompt);
    if (line === null || cancel.has(line.trim().toLowerCase())) return null;
    if (back.has(line.trim().toLowerCase())) {
      i = Math.max(0, i - 1);
      continue;
    }
    const parsed = field.parse(line.trim());
    if ('problem' in parsed) {
      say(parsed.problem);
      continue;
    }
    answers[field.key] = parsed.value;
    i++;
  }
  return answers;
}

/** A choice among numbered options. */
export function numbered<T>(options: { label: string; value: T }[], problem: string) {
  return {
    intro: options.map((o, i) => `  ${i + 1}) ${o.label}`).join('\n'),
    parse(text: string): Parsed<T> {
      const n = Number(text);
      return Number.isInteger(n) && n >= 1 && n <= options.length
        ? { value: options[n - 1].value }
        : { problem };
    },
  };
}

export const anyText = (text: string): Parsed<string> => ({ value: text });

export function requiredText(problem: string) {
  return (text: string): Parsed<string> => (text === '' ? { problem } : { value: text });
}
