import { bigrams } from './similarity';

/** The longest term kept: a word longer than this is kept by its opening. */
export const termLength = 64;

/**
 * The terms a petition is indexed by: its character bigrams (Chinese has no spaces between words,
 * and two characters such as 加班 or 工资 are a word more often than not) and its other words, the
 * runs of letters and digits outside Chinese characters, spaces and punctuation longer than a
 * bigram (an English word, a machine's name). Lower-cased, each once.
 */
export function termsOf(text: string): string[] {
  const terms = bigrams(text);
  for (const [word] of text.toLowerCase().matchAll(/[^\s\p{P}\p{S}\p{Script=Han}]+/gu)) {
    const chars = [...word];
    if (chars.length > 2) terms.add(chars.slice(0, termLength).join(''));
  }
  return [...terms];
}
