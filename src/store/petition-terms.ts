import type { EntityManager } from 'typeorm';
import { termsOf } from '../domain/terms';

/** Rows per statement: under both databases' limits on bound parameters. */
const chunk = 500;

/**
 * Writes a petition's terms (R19 hot topics; search) in the caller's transaction, in a statement
 * per 500 terms: a filing writes its index with its case.
 */
export async function indexTerms(m: EntityManager, petitionId: number, text: string) {
  const terms = termsOf(text);
  for (let i = 0; i < terms.length; i += chunk) {
    const part = terms.slice(i, i + chunk);
    await m.query(
      `INSERT INTO petition_terms (petition_id, term) VALUES ${part.map(() => '(?, ?)').join(', ')}`,
      part.flatMap((term) => [petitionId, term]),
    );
  }
}

/** R23: a destroyed case's text goes, and so do the terms it was indexed by. */
export async function forgetTerms(m: EntityManager, petitionId: number) {
  await m.query('DELETE FROM petition_terms WHERE petition_id = ?', [petitionId]);
}
