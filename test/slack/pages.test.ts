import { eachDatabase } from '../support/databases';
import { casesIn, fileSuggestions } from '../support/pages';
import { eventually } from './fake-slack';
import { SlackHarness, users } from './harness';

type Button = { action_id: string; value: string };
type Blocks = { block_id?: string; text?: { text: string }; elements?: Button[] }[];

eachDatabase('R15 Slack lists come in pages', (db) => {
  const h = new SlackHarness();
  beforeAll(async () => {
    await h.start(db().url);
    await fileSuggestions(h.bot.core, 25);
  });
  afterAll(() => h.stop());

  const buttonsOf = (message: Record<string, unknown>) =>
    ((message.blocks ?? []) as Blocks).flatMap((b) => b.elements ?? []);

  /** Waits for the response_url answer after the first `after` ones. */
  const answered = (after: number) => eventually(() => h.slack.responses[after]);

  test('25 petitions are answered ten at a time; next page shows the rest, previous goes back', async () => {
    let before = h.slack.responses.length;
    await h.client.command(users.huBin, 'mine');
    const first = await answered(before);
    expect(casesIn(String(first.text))).toHaveLength(10);
    expect(String(first.text)).toContain('第 1/3 页，共 25 件。下一页：发送“我的 2”。');
    expect(buttonsOf(first).map((b) => b.action_id)).toEqual(['petition_next']);

    const click = async (message: Record<string, unknown>, actionId: string) => {
      const button = buttonsOf(message).find((b) => b.action_id === actionId) as Button;
      before = h.slack.responses.length;
      await h.client.click(users.huBin, actionId, button.value, {
        channel: 'DU0B7HUBIN0',
        ts: '1',
      });
      return answered(before);
    };
    const second = await click(first, 'petition_next');
    expect(second).toMatchObject({ replace_original: true });
    expect(casesIn(String(second.text))).toHaveLength(10);
    expect(buttonsOf(second).map((b) => b.action_id)).toEqual([
      'petition_previous',
      'petition_next',
    ]);
    const third = await click(second, 'petition_next');
    expect(casesIn(String(third.text))).toHaveLength(5);
    expect(String(third.text)).toContain('第 3/3 页，共 25 件。');
    expect(buttonsOf(third).map((b) => b.action_id)).toEqual(['petition_previous']);
    const all = [first, second, third].flatMap((m) => casesIn(String(m.text)));
    expect(new Set(all).size).toBe(25);

    const back = await click(third, 'petition_previous');
    expect(casesIn(String(back.text))).toEqual(casesIn(String(second.text)));
  });

  test('a page asked for by number: "/petition mine 3" shows the last five', async () => {
    const before = h.slack.responses.length;
    await h.client.command(users.huBin, 'mine 3');
    const third = await answered(before);
    expect(casesIn(String(third.text))).toHaveLength(5);
  });

  test('the App Home shows the first page of my petitions with how many there are', async () => {
    const before = h.slack.of('views.publish').length;
    await h.client.homeOpened('EvPagesHome', users.huBin);
    const home = await eventually(() => h.slack.of('views.publish')[before]);
    const text = ((home.view as { blocks: Blocks }).blocks ?? [])
      .map((b) => b.text?.text ?? '')
      .join('\n');
    expect(casesIn(text)).toHaveLength(10);
    expect(text).toContain('第 1/3 页，共 25 件。');
  });
});
