import { escapeMarkdown } from '../../adapters/lark/escape';
import { heading } from '../../adapters/lark/cards';
import { addDays } from '../../src/calendar/local-date';
import { Translator } from '../../src/i18n/translator';
import { caseDocument } from '../../src/presenters/case-document';
import { accept } from '../../src/services/accept';
import { actorByKeyOrName } from '../../src/services/actors';
import { today, type Core } from '../../src/services/core';
import { file } from '../../src/services/file';
import { note } from '../../src/services/progress';
import { relay } from '../../src/services/relay';
import { cardText } from '../lark/fake-lark';
import { LarkHarness, openIds } from '../lark/harness';
import { eventually } from '../slack/fake-slack';
import { SlackHarness, users } from '../slack/harness';
import { eachDatabase } from '../support/databases';
import { drainOutbox } from '../support/outbox';
import { patientOrg, World } from '../support/world';

/** What a hostile petitioner types: markup of both platforms, to reach everyone or to mislead. */
const slackMarkup = ['<!channel>', '<@U0A7ZHAOMI>', '<https://evil.example|工资单>'];
const larkMarkup = ['<at user_id="all"></at>', '[工资单](https://evil.example)'];
const hostile = `请大家看 ${[...slackMarkup, ...larkMarkup].join(' ')} & <b>加急</b>`;

/** A case hu.bin filed with the hostile text, accepted by zhao.min. */
async function hostileCase(core: Core): Promise<string> {
  const as = (key: string) => actorByKeyOrName(core, key);
  const { number } = await file(core, await as('hu.bin'), {
    categoryId: 'labour.salary',
    content: hostile,
    commitment: true,
  });
  await accept(core, await as('zhao.min'), number, addDays(today(core), 7));
  return number;
}

describe('Text is data in Slack: user text never reaches mrkdwn as markup', () => {
  const h = new SlackHarness();
  beforeAll(() => h.start('sqlite::memory:'));
  afterAll(() => h.stop());

  /** Each message's text and blocks, as Slack would read them. */
  const mrkdwnOf = (m: Record<string, unknown>) => `${String(m.text)}\n${JSON.stringify(m.blocks)}`;
  const expectNoMarkup = (shown: string) => {
    for (const markup of slackMarkup) expect(shown).not.toContain(markup);
    expect(shown).not.toContain('<b>');
  };

  test('R6 a show answer escapes what the petitioner wrote, in its text and its blocks', async () => {
    const number = await hostileCase(h.bot.core);
    const before = h.slack.responses.length;
    await h.client.command(users.huBin, `show ${number}`);
    const answer = mrkdwnOf(await eventually(() => h.slack.responses[before]));
    expectNoMarkup(answer);
    expect(answer).toContain('&lt;!channel&gt;');
    expect(answer).toContain('&amp;');
  });

  test('R6 a refusal that repeats what was typed escapes it too', async () => {
    const before = h.slack.responses.length;
    await h.client.command(users.huBin, 'show <!channel>');
    expectNoMarkup(mrkdwnOf(await eventually(() => h.slack.responses[before])));
  });

  test("R6 a relayed message's notice escapes it in its blocks and in its notification fallback", async () => {
    const number = await hostileCase(h.bot.core);
    await relay(h.bot.core, await actorByKeyOrName(h.bot.core, 'zhao.min'), number, hostile);
    expect(await drainOutbox(h.bot.core.store, async () => h.deliver())).toBe(0);
    const notice = await eventually(() =>
      h.slack
        .of('chat.postMessage')
        .find((m) => m.channel === `D${users.huBin}` && String(m.text).includes('evil.example')),
    );
    expectNoMarkup(mrkdwnOf(notice));
  });
});

describe('Text is data in Lark: user text never reaches a text message or card markdown as markup', () => {
  const h = new LarkHarness();
  beforeAll(() => h.start('sqlite::memory:'));
  afterAll(() => h.stop());

  test("R6 R32 a show answer is a card with the steps' buttons: the case text is plain_text, no markdown carries it", async () => {
    const number = await hostileCase(h.bot.core);
    await h.events.message(openIds.huBin, `查看 ${number}`);
    await h.idle();
    const answer = await eventually(() =>
      h.lark
        .to(openIds.huBin)
        .find((m) => m.type === 'interactive' && cardText(m).includes(number)),
    );
    const parts: { tag?: string; content?: string; text?: { tag: string; content: string } }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        parts.push(node as never);
        Object.values(node).forEach(walk);
      }
    };
    walk(answer.content);
    for (const markdown of parts.filter((p) => p.tag === 'markdown')) {
      for (const markup of larkMarkup) expect(String(markdown.content)).not.toContain(markup);
    }
    const shown = parts.find((p) => p.tag === 'div' && p.text?.content.includes(number))!.text!;
    expect(shown.tag).toBe('plain_text');
    expect(shown.content).toContain(hostile);
  });

  test('R6 text in card markdown is shown as typed: no tag, link, emphasis or heading', () => {
    const shown = heading(`# ${hostile} **粗体**`).content;
    for (const markup of larkMarkup) expect(shown).not.toContain(markup);
    expect(shown).not.toMatch(/<|\[|\*\*粗体\*\*|^\*\*#/);
    expect(escapeMarkdown('a<b')).toBe('a&#60;b');
  });
});

eachDatabase('R23 the archive export quotes user text', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R23 a petition or a note cannot forge headings or history lines in the exported file', async () => {
    world.clock.set('2026-11-03T02:00:00Z');
    const { number } = await world.file('hu.bin', {
      content: '加班费少发。\n## 办理经过\n1. 2026-11-03 10:00 · 王芳 · 办结',
    });
    const handler = await world.as('zhao.min');
    await accept(world.core, handler, number, '2026-11-10');
    await note(
      world.core,
      handler,
      number,
      '已核查。\n\n## 附件\n- [工资单](https://evil.example)',
    );
    const document = await caseDocument(
      world.core,
      new Translator(patientOrg),
      handler,
      number,
      'zh-CN',
    );
    const lines = document.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      `# 信访档案 ${number}`,
      '## 诉求内容',
      '## 办理经过',
    ]);
    expect(lines.filter((l) => /^\d+\. /.test(l)).every((l) => !l.includes('王芳'))).toBe(true);
    expect(document).not.toContain('[工资单](https://evil.example)');
    expect(document).toContain('> \\#\\# 办理经过');
  });
});
