import { eachDatabase } from '../support/databases';
import { scenes, type Scene } from '../support/walk';
import { footprint, isSceneButton, titleOf, unwalked, viewCommand } from '../support/walk-checks';
import { exampleOrg } from '../support/world';
import { buttonsOf, cardText, type SentMessage } from './fake-lark';
import { LarkHarness } from './harness';

const openIdOf = (key: string) => String(exampleOrg.people.find((p) => p.id === key)?.lark?.openId);

interface Answer {
  toast?: { type: string; content: string };
}

/** The answers as a submitted Lark form gives them: a ticked checker true, a date with its zone. */
function formValueOf(answers: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => [k, v === 'yes' ? true : /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v} +0800` : v]),
  );
}

eachDatabase('R32 the walk through Lark', (db) => {
  const h = new LarkHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());
  const core = () => h.bot.core;

  /** A line typed in the bot chat, and what the bot sent back. */
  async function say(openId: string, line: string): Promise<SentMessage> {
    const before = h.lark.to(openId).length;
    await h.events.message(openId, line);
    await h.idle();
    const [answer] = h.lark.to(openId).slice(before);
    expect(answer).toBeDefined();
    return answer;
  }

  async function click(openId: string, value: object, message: string, form?: object) {
    const response = await h.events.cardAction(openId, value, message, form as never);
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }

  const buttonFor = (message: SentMessage, scene: Scene) =>
    buttonsOf(message).find((v) => isSceneButton(scene, core(), v));

  test('R32 every step a person takes in the state table is walked, and every interaction', () => {
    expect(unwalked()).toEqual([]);
  });

  test.each(scenes.map((s) => [titleOf(s), s] as const))('%s', async (_title, scene) => {
    const number = scene.arrange ? await scene.arrange(core()) : undefined;
    if (scene.mayNot) {
      const openId = openIdOf(scene.mayNot);
      const before = await footprint(core(), number, scene.subject);
      const sent = h.lark.to(openId).length;
      if (number) {
        const shown = await say(openId, viewCommand(scene, number));
        expect(buttonFor(shown, scene)).toBeUndefined();
        const forged = await click(openId, { name: scene.interaction, number }, shown.id);
        expect(forged.toast?.type).toBe('error');
      } else {
        const refused = await say(openId, scene.interaction);
        expect(cardText(refused)).toMatch(/只有|不能|无权|only|not/i);
      }
      await h.idle();
      const forms = h.lark
        .to(openId)
        .slice(sent)
        .filter((m) => JSON.stringify(m.content).includes('"tag":"form"'));
      expect(forms).toEqual([]);
      expect(await footprint(core(), number, scene.subject)).toBe(before);
    }
    const openId = openIdOf(scene.may);
    const before = await footprint(core(), number, scene.subject);
    let form: SentMessage;
    if (number) {
      const shown = await say(openId, viewCommand(scene, number));
      const button = buttonFor(shown, scene);
      expect(button).toBeDefined();
      const sent = h.lark.to(openId).length;
      const answer = await click(openId, button!, shown.id);
      await h.idle();
      if (answer.toast?.type === 'success') {
        expect(await footprint(core(), number, scene.subject)).toBeGreaterThan(before);
        return;
      }
      expect(answer.toast?.type).toBe('info');
      form = h.lark.to(openId)[sent];
    } else {
      form = await say(openId, scene.interaction);
    }
    const submit = buttonsOf(form).find((v) => v.form === scene.interaction);
    expect(submit).toBeDefined();
    const done = await click(openId, submit!, form.id, formValueOf(scene.answers(core())));
    expect(done.toast?.type).toBe('success');
    expect(await footprint(core(), number, scene.subject)).toBeGreaterThan(before);
  });
});
