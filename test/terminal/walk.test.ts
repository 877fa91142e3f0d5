import { interactions } from '../../adapters/shared/interactions';
import { actorByKeyOrName } from '../../src/services/actors';
import { eachDatabase } from '../support/databases';
import { scenes, type Scene } from '../support/walk';
import { footprint, titleOf, unwalked } from '../support/walk-checks';
import { World } from '../support/world';
import { Translator } from '../../src/i18n/translator';
import { drive } from './drive';
import { fieldContext } from '../../adapters/shared/model';

/** The lines that answer a form's prompts in order, from the scene's answers. */
async function answerLines(world: World, scene: Scene): Promise<string[]> {
  const actor = await actorByKeyOrName(world.core, scene.may);
  const answers = scene.answers(world.core);
  const speaker = { t: new Translator(world.core.org), locale: 'zh-CN' as const };
  const c = await fieldContext(world.core, speaker, actor, scene.interaction);
  return interactions[scene.interaction]
    .fields(c)
    .map((f) => (f.kind === 'confirm' ? 'y' : (answers[f.id] ?? '')));
}

eachDatabase('R32 the walk through the terminal', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  test('R32 every step a person takes in the state table is walked, and every interaction', () => {
    expect(unwalked()).toEqual([]);
  });

  test.each(scenes.map((s) => [titleOf(s), s] as const))('%s', async (_title, scene) => {
    const number = scene.arrange ? await scene.arrange(world.core) : undefined;
    const command = [scene.interaction, number].filter(Boolean).join(' ');
    if (scene.mayNot) {
      const before = await footprint(world.core, number, scene.subject);
      const refused = await drive(world, [`as ${scene.mayNot}`, command].join('\n'));
      expect(refused).toMatch(/不能|无权|只有|不可|没有|找不到|not|only|no petition/i);
      expect(refused).not.toContain('（输入 < 返回上一项');
      expect(await footprint(world.core, number, scene.subject)).toBe(before);
    }
    const before = await footprint(world.core, number, scene.subject);
    const lines = [`as ${scene.may}`, command, ...(await answerLines(world, scene))];
    const out = await drive(world, `${lines.join('\n')}\n`);
    expect(out).toMatch(/完成，当前状态|已提交信访件|已登记班组化解|✔ .*政策 \d+/);
    expect(await footprint(world.core, number, scene.subject)).toBeGreaterThan(before);
  });
});
