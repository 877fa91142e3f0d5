import { interactions, type Interaction } from '../../adapters/shared/interactions';
import { eachDatabase } from '../support/databases';
import { scenes, type Scene } from '../support/walk';
import { footprint, isSceneButton, titleOf, unwalked, viewCommand } from '../support/walk-checks';
import { exampleOrg } from '../support/world';
import { eventually, type View } from './fake-slack';
import { SlackHarness } from './harness';
import { date, number, select, text, ticked } from './signed';

const slackId = (key: string) => String(exampleOrg.people.find((p) => p.id === key)?.slack);

type Block = {
  block_id?: string;
  element?: { type: string };
  elements?: { action_id: string; value: string }[];
};

/** The modal's answers as Slack puts them in view.state, by each block's element. */
function stateOf(view: View, answers: Record<string, string>) {
  const values: Record<string, object> = {};
  for (const block of view.blocks as Block[]) {
    const id = String(block.block_id);
    const answer = answers[id];
    if (answer === undefined || answer === '') continue;
    const kind = block.element?.type;
    values[id] =
      kind === 'static_select'
        ? select(answer)
        : kind === 'datepicker'
          ? date(answer)
          : kind === 'number_input'
            ? number(Number(answer))
            : kind === 'checkboxes'
              ? ticked(answer === 'yes')
              : text(answer);
  }
  return values;
}

eachDatabase('R32 the walk through Slack', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());
  const core = () => h.bot.core;

  /** `/petition <text>` and the ephemeral answer it gets. */
  async function command(user: string, line: string) {
    const before = h.slack.responses.length;
    const views = h.slack.of('views.open').length;
    expect((await h.client.command(user, line)).status).toBe(200);
    return eventually(
      () =>
        h.slack.responses[before] ??
        (h.slack.of('views.open').length > views ? { opened: true } : undefined),
    ) as Promise<{ text?: string; blocks?: Block[]; opened?: boolean }>;
  }

  const buttonFor = (answer: { blocks?: Block[] }, scene: Scene) =>
    (answer.blocks ?? [])
      .flatMap((b) => b.elements ?? [])
      .find((e) => isSceneButton(scene, core(), JSON.parse(e.value) as Record<string, unknown>));

  test('R32 every step a person takes in the state table is walked, and every interaction', () => {
    expect(unwalked()).toEqual([]);
  });

  test.each(scenes.map((s) => [titleOf(s), s] as const))('%s', async (_title, scene) => {
    const number_ = scene.arrange ? await scene.arrange(core()) : undefined;
    if (scene.mayNot) {
      const user = slackId(scene.mayNot);
      const before = await footprint(core(), number_, scene.subject);
      const views = h.slack.of('views.open').length;
      if (number_) {
        const shown = await command(user, viewCommand(scene, number_));
        expect(buttonFor(shown, scene)).toBeUndefined();
        const responses = h.slack.responses.length;
        const forged = JSON.stringify({ name: scene.interaction, number: number_ });
        await h.client.click(user, `petition_${scene.interaction}`, forged, {
          channel: `D${user}`,
          ts: '1.1',
        });
        const refusal = await eventually(() => h.slack.responses[responses]);
        expect(String(refusal.text)).toMatch(
          /不能|无权|只有|不可|没有|找不到|not|only|no petition/i,
        );
      } else {
        const refused = await command(user, scene.interaction);
        expect(refused.opened).toBeUndefined();
        expect(String(refused.text)).toMatch(/只有|不能|无权/);
      }
      expect(h.slack.of('views.open')).toHaveLength(views);
      expect(await footprint(core(), number_, scene.subject)).toBe(before);
    }
    const user = slackId(scene.may);
    const before = await footprint(core(), number_, scene.subject);
    const views = h.slack.of('views.open').length;
    if (number_) {
      const shown = await command(user, viewCommand(scene, number_));
      const button = buttonFor(shown, scene);
      expect(button).toBeDefined();
      await h.client.click(user, button!.action_id, button!.value, {
        channel: `D${user}`,
        ts: '1.1',
      });
    } else {
      await h.client.command(user, scene.interaction);
    }
    // A one-click step is taken at once and its message updated; any other opens its modal.
    const oneClick = (interactions[scene.interaction] as Interaction).oneClick === true;
    const opened = await eventually(() =>
      oneClick
        ? h.slack.of('chat.update').some((u) => String(u.text).includes(number_ ?? '—')) && {
            oneClick: true,
          }
        : h.slack.of('views.open')[views],
    );
    if (!('oneClick' in opened)) {
      const view = opened.view as View;
      expect(view.callback_id).toBe(scene.interaction);
      const response = await h.client.submit(user, view, stateOf(view, scene.answers(core())));
      expect(await response.json()).toMatchObject({ response_action: 'update' });
    }
    expect(await footprint(core(), number_, scene.subject)).toBeGreaterThan(before);
  });
});
