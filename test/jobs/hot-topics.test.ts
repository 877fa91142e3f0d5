import { lastWeek } from '../../src/jobs/periods';
import { buildReport } from '../../src/jobs/reports';
import { indexTermsOnce } from '../../src/services/petition-terms';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/** The terms stored for a case, in order. */
async function termsOf(world: World, petitionId: number): Promise<string[]> {
  const rows = (await world.store.manager.query(
    'SELECT term FROM petition_terms WHERE petition_id = ? ORDER BY term',
    [petitionId],
  )) as { term: string }[];
  return rows.map((r) => r.term);
}

eachDatabase('R19 hot topics from the terms written at filing', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-11-03T02:00:00Z');
  });

  test('R19 a filing writes its text’s character bigrams and words, two-character terms such as 加班 included', async () => {
    const petition = await world.file('hu.bin', { content: '周末加班 CNC-3 没有加班费' });
    const terms = await termsOf(world, petition.id);
    expect(terms).toEqual(expect.arrayContaining(['加班', '班费', '周末', 'cnc']));
    expect(terms.filter((t) => t === '加班')).toHaveLength(1);
  });

  test('R19 petitions of one unit sharing their wording are a hot topic; one sharing a single common word is not', async () => {
    world.clock.set('2026-11-10T02:00:00Z');
    for (const content of [
      '夜班食堂没有热饭供应',
      '夜班食堂热饭供应不足',
      '食堂夜班热饭供应太少',
    ]) {
      await world.file('hu.bin', { categoryId: 'management.rules', content });
    }
    // The same unit, a different matter that shares only 食堂.
    await world.file('hu.bin', { categoryId: 'management.rules', content: '食堂座位太少' });
    world.clock.set('2026-11-16T01:00:00Z');
    const report = await buildReport(
      world.store.manager,
      lastWeek(world.clock.now(), 'Asia/Shanghai'),
      null,
      'company',
      patientOrg.thresholds,
    );
    expect(report.hotTopics).toEqual([
      expect.objectContaining({ category: 'management.rules', size: 3, warning: true }),
    ]);
    expect(report.hotTopics[0].keywords).toHaveLength(3);
  });

  test('R19 start-up indexes the petitions filed before the index existed, once', async () => {
    const petition = await world.file('hu.bin', { content: '更衣柜门锁坏了' });
    await world.store.manager.query('DELETE FROM petition_terms WHERE petition_id = ?', [
      petition.id,
    ]);
    await world.store.manager.query("DELETE FROM projection_basis WHERE name = 'terms'");
    expect(await indexTermsOnce(world.core)).toBeGreaterThan(0);
    expect(await termsOf(world, petition.id)).toContain('门锁');
    expect(await indexTermsOnce(world.core)).toBe(0);
  });
});
