import type { EntityManager } from 'typeorm';

/** Every row one case left in the database, deleted as someone with database access could. */
export async function deleteCase(m: EntityManager, petitionId: number): Promise<void> {
  for (const table of [
    'notices',
    'deadline_projections',
    'petition_events',
    'petition_co_departments',
    'petition_parties',
    'disclosures',
  ]) {
    await m.query(`DELETE FROM ${table} WHERE petition_id = ?`, [petitionId]);
  }
  await m.query('DELETE FROM petitions WHERE id = ?', [petitionId]);
}
