import { draftText, dropDraft, keepDraft } from '../../src/services/drafts';
import { FilingDraftEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';

eachDatabase('R1 filing drafts', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  test('R1 a message kept for filing is its sender’s only, and goes once used', async () => {
    const huBin = await world.as('hu.bin');
    const id = await keepDraft(world.core, huBin, '食堂晚班没有热饭');
    expect(await draftText(world.core, huBin, id)).toBe('食堂晚班没有热饭');
    await expect(draftText(world.core, await world.as('zhao.min'), id)).rejects.toMatchObject({
      key: 'refusal.draft_gone',
    });
    await dropDraft(world.core, huBin, id);
    await expect(draftText(world.core, huBin, id)).rejects.toMatchObject({
      key: 'refusal.draft_gone',
    });
  });

  test('R1 a draft older than a day is refused, and removed when the next one is kept', async () => {
    const huBin = await world.as('hu.bin');
    const old = await keepDraft(world.core, huBin, '昨天的消息');
    world.clock.advanceDays(2);
    await expect(draftText(world.core, huBin, old)).rejects.toMatchObject({
      key: 'refusal.draft_gone',
    });
    await keepDraft(world.core, huBin, '今天的消息');
    expect(await world.store.manager.countBy(FilingDraftEntity, { id: old })).toBe(0);
  });
});
