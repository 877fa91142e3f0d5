import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { Refusal } from '../domain/refusal';

/** The longest text a person may write into a petition, a reply or a reason. */
export const textLimit = 5000;

/** Free text a step needs: trimmed, and refused by name when empty or too long. */
export function requiredText(value: string | undefined, field: string, limit = textLimit): string {
  const text = (value ?? '').trim();
  if (text === '') throw new Refusal('refusal.required', { field });
  if (text.length > limit) throw new Refusal('refusal.too_long', { field, limit });
  return text;
}

export function requiredDate(value: string | undefined, field: string): LocalDate {
  const text = (value ?? '').trim();
  if (!isLocalDate(text)) throw new Refusal('refusal.date', { field, value: text });
  return text;
}
