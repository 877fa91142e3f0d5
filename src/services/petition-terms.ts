import { MoreThan, Not } from 'typeorm';
import { PetitionEntity, ProjectionBasisEntity } from '../store/entities';
import { forgetTerms, indexTerms } from '../store/petition-terms';
import { distrustTallies } from '../store/term-tallies';
import type { Core } from './core';

/** The term index's format, raised when `termsOf` changes: an index in another is written anew. */
const termsFormat = 'terms-1';

const batch = 500;

/**
 * R19: the petitions filed before the term index existed (or indexed in an earlier format) are
 * indexed once, at start-up, a batch per transaction. Returns how many were indexed.
 */
export async function indexTermsOnce(core: Core): Promise<number> {
  const done = await core.store.manager.findOneBy(ProjectionBasisEntity, { name: 'terms' });
  if (done?.fingerprint === termsFormat) return 0;
  let indexed = 0;
  for (let after = 0; ;) {
    const cases = await core.store.manager.find(PetitionEntity, {
      select: { id: true, content: true },
      where: { id: MoreThan(after), state: Not('destroyed') },
      order: { id: 'ASC' },
      take: batch,
    });
    if (cases.length === 0) break;
    after = cases[cases.length - 1].id;
    await core.store.transaction(async (m) => {
      for (const c of cases) {
        await forgetTerms(m, c.id);
        await indexTerms(m, c.id, c.content);
      }
    });
    indexed += cases.length;
  }
  await core.store.transaction(async (m) => {
    // R19: the day tallies were made from the terms as they were.
    await distrustTallies(m);
    await m.save(ProjectionBasisEntity, {
      name: 'terms',
      fingerprint: termsFormat,
      projectedAt: core.clock.now(),
    });
  });
  return indexed;
}
