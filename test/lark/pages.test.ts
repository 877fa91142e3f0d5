import { eachDatabase } from '../support/databases';
import { casesIn, fileSuggestions } from '../support/pages';
import { buttonsOf, cardText, type SentMessage } from './fake-lark';
import { LarkHarness, openIds } from './harness';

interface Answer {
  card?: { type: string; data: Record<string, unknown> };
}

eachDatabase('R15 Lark lists come in pages', (db) => {
  const h = new LarkHarness();
  beforeAll(async () => {
    await h.start(db().url);
    await fileSuggestions(h.bot.core, 25);
  });
  afterAll(() => h.stop());

  /** What the bot sends hu.bin after asking. */
  async function ask(words: string): Promise<SentMessage> {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, words);
    await h.idle();
    return h.lark.to(openIds.huBin)[before];
  }

  /** Clicks a page button on a list card; the answer is the card that replaces it. */
  async function turn(message: { id: string; content: Record<string, unknown> }, name: string) {
    const value = buttonsOf(message).find((v) => v.name === name);
    if (!value) throw new Error(`no ${name} button on ${cardText(message)}`);
    const response = await h.events.cardAction(openIds.huBin, value, message.id);
    const answer = (await response.json()) as Answer;
    if (!answer.card) throw new Error(`the ${name} button answered no card`);
    return { id: message.id, content: answer.card.data };
  }

  test('25 petitions come as a card of ten; its next page button shows the rest, previous goes back', async () => {
    const first = await ask('我的');
    expect(casesIn(cardText(first))).toHaveLength(10);
    expect(cardText(first)).toContain('第 1/3 页，共 25 件。');
    expect(buttonsOf(first).map((v) => v.name)).toEqual(['next']);

    const second = await turn(first, 'next');
    expect(casesIn(cardText(second))).toHaveLength(10);
    expect(buttonsOf(second).map((v) => v.name)).toEqual(['previous', 'next']);
    const third = await turn(second, 'next');
    expect(casesIn(cardText(third))).toHaveLength(5);
    expect(buttonsOf(third).map((v) => v.name)).toEqual(['previous']);
    const all = [first, second, third].flatMap((m) => casesIn(cardText(m)));
    expect(new Set(all).size).toBe(25);

    const back = await turn(third, 'previous');
    expect(casesIn(cardText(back))).toEqual(casesIn(cardText(second)));
  });

  test('a page asked for by number: "mine 3" shows the last five', async () => {
    expect(casesIn(cardText(await ask('mine 3')))).toHaveLength(5);
  });

  test('the welcome card shows the first page of my petitions with how many there are', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.entered(openIds.huBin);
    await h.idle();
    const welcome = h.lark.to(openIds.huBin)[before];
    expect(casesIn(cardText(welcome))).toHaveLength(10);
    expect(cardText(welcome)).toContain('第 1/3 页，共 25 件。');
  });
});
