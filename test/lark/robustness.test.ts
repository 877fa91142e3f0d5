import { InboundEventEntity, PersonEntity, PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { drainOutbox } from '../support/outbox';
import { eventually } from '../slack/fake-slack';
import { buttonsOf, cardText } from './fake-lark';
import { hrChat, LarkHarness, openIds, verificationToken } from './harness';

eachDatabase('R25 R26 Lark robustness', (db) => {
  const h = new LarkHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  const events = () => h.bot.app.store.manager.count(InboundEventEntity);
  const filing = (i: number) => ({
    category: 'management.rules',
    content: `第 ${i} 条建议`,
    contact: '',
    people: '1',
    mode: 'named',
    commitment: true,
  });

  test('the URL challenge is answered, with the right verification token only', async () => {
    const answer = await h.events.challenge('c-123');
    expect(await answer.json()).toEqual({ challenge: 'c-123' });
    expect((await h.events.challenge('c-456', { token: 'wrong' })).status).toBe(401);
  });

  test('a wrong signature or a wrong verification token changes nothing and sends nothing', async () => {
    const before = await events();
    const forged = await h.events.message(openIds.huBin, '我的', { signingKey: 'not-the-key' });
    expect(forged.status).toBe(401);
    const wrongToken = await h.events.message(openIds.huBin, '我的', { token: 'stolen' });
    expect(wrongToken.status).toBe(401);
    const forgedClick = await h.events.cardAction(
      openIds.huBin,
      { form: 'file' },
      'om_x',
      filing(0),
      {
        token: 'stolen',
      },
    );
    expect(forgedClick.status).toBe(401);
    await h.settle();
    expect(h.lark.sent).toHaveLength(0);
    expect(await events()).toBe(before);
    expect(await h.bot.app.store.manager.count(PetitionEntity)).toBe(0);
  });

  test('with an Encrypt Key set, a plaintext body with the right token but no signature is refused', async () => {
    const before = await events();
    const response = await fetch(`${h.events.url}/lark/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schema: '2.0',
        header: {
          event_id: 'ev_plain_1',
          token: verificationToken,
          event_type: 'application.bot.menu_v6',
        },
        event: { operator: { operator_id: { open_id: openIds.huBin } }, event_key: 'petition_new' },
      }),
    });
    expect(response.status).toBe(401);
    await h.settle();
    expect(h.lark.sent).toHaveLength(0);
    expect(await events()).toBe(before);
  });

  test('a body that does not decrypt with the Encrypt Key is refused', async () => {
    const response = await fetch(`${h.events.url}/lark/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: 'bm90IGVuY3J5cHRlZA==' }),
    });
    expect(response.status).toBe(400);
  });

  test('R26 a redelivered event (same event_id) is acted on once', async () => {
    const first = await h.events.menu(openIds.huBin, 'petition_new', { eventId: 'ev_menu_1' });
    const again = await h.events.menu(openIds.huBin, 'petition_new', { eventId: 'ev_menu_1' });
    expect([first.status, again.status]).toEqual([200, 200]);
    await h.settle();
    const forms = h.lark.to(openIds.huBin).filter((m) => cardText(m).includes('提交信访'));
    expect(forms).toHaveLength(1);
  });

  test('R6 in a group only what @-mentions the bot is answered, and in the direct chat, never in the group', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, '我的', { group: true, mentioning: openIds.zhaoMin });
    await h.settle();
    expect(h.lark.to(openIds.huBin)).toHaveLength(before);
    await h.events.message(openIds.huBin, 'mine', { group: true });
    await h.settle();
    expect(h.lark.to('oc_group')).toHaveLength(0);
    const answer = h.lark.to(openIds.huBin).pop();
    expect(answer?.type).toBe('text');
  });

  test('R1 the app slash command and slash-prefixed words arrive as text and work like typed commands', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, '/petition mine');
    await h.events.message(openIds.huBin, '/信访 提交 宿舍热水器坏了');
    await h.events.message(openIds.huBin, '/help');
    await h.idle();
    const answers = h.lark.to(openIds.huBin).slice(before);
    expect(answers.map((m) => m.type).sort()).toEqual(['interactive', 'text', 'text']);
    const form = answers.find((m) => m.type === 'interactive')!;
    expect(cardText(form)).toContain('提交信访');
    expect(JSON.stringify(form.content)).toContain('"default_value":"宿舍热水器坏了"');
    expect(answers.some((m) => String(m.content.text).includes('机器人菜单'))).toBe(true);
  });

  test('R1 a direct message that is not a command offers to file it by reference (a draft for the sender), with the text in the form', async () => {
    await h.events.message(openIds.huBin, '食堂晚班没有热饭');
    await h.settle();
    const offer = h.lark.to(openIds.huBin).pop()!;
    expect(cardText(offer)).toContain('作为信访提交');
    const start = buttonsOf(offer)[0];
    expect(start).toEqual({ name: 'file', number: '', values: { draft: expect.any(String) } });
    expect(JSON.stringify(start)).not.toContain('食堂');
    const stranger = await h.events.cardAction(openIds.zhaoMin, start, offer.id);
    expect(((await stranger.json()) as { toast: { type: string } }).toast.type).toBe('error');
    await h.events.cardAction(openIds.huBin, start, offer.id);
    await h.idle();
    const form = h.lark.to(openIds.huBin).pop()!;
    expect(JSON.stringify(form.content)).toContain('"default_value":"食堂晚班没有热饭"');
  });

  test('R1 a rich-text message is offered for filing with its words; a sticker is answered with help', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.other(openIds.huBin, 'post', {
      title: '食堂问题',
      content: [
        [
          { tag: 'text', text: '夜班没有' },
          { tag: 'text', text: '热饭' },
        ],
        [{ tag: 'img', image_key: 'img_1' }],
      ],
    });
    await h.idle();
    const offer = h.lark.to(openIds.huBin)[before];
    const start = buttonsOf(offer)[0];
    await h.events.cardAction(openIds.huBin, start, offer.id);
    await h.idle();
    const form = h.lark.to(openIds.huBin).pop()!;
    expect(JSON.stringify(form.content)).toContain('"default_value":"食堂问题\\n夜班没有热饭"');
    const beforeSticker = h.lark.to(openIds.huBin).length;
    await h.events.other(openIds.huBin, 'sticker', { file_key: 'sticker_2' });
    await h.idle();
    const help = h.lark.to(openIds.huBin)[beforeSticker];
    expect(help.content.text).toContain('机器人菜单');
  });

  test('R15 an unknown Lark user is registered from the contact API as an employee with no role', async () => {
    await h.events.message('ou_newcomer0001', '待办');
    await h.settle();
    const person = await h.bot.app.store.manager.findOneByOrFail(PersonEntity, {
      orgKey: 'chat:lark_open_id:ou_newcomer0001',
    });
    expect(person.name).toBe('新员工');
    const lookups = h.lark.calls.filter((c) => c.path.startsWith('/open-apis/contact/v3/users/'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0].query).toMatchObject({ user_id_type: 'open_id' });
    await h.events.message('ou_newcomer0001', '我的');
    await h.settle();
    expect(h.lark.calls.filter((c) => c.path.startsWith('/open-apis/contact/'))).toHaveLength(1);
  });

  test('someone the contact API cannot describe is told the bot could not help, not left waiting', async () => {
    h.lark.failNext('/open-apis/contact/v3/users/ou_unlucky0001', { status: 500, code: 0 });
    await h.events.message('ou_unlucky0001', '我的');
    await h.idle();
    const [apology] = h.lark.to('ou_unlucky0001');
    expect(apology.content).toEqual({
      text: expect.stringMatching(/^抱歉，处理时出了问题，没有保存任何内容。.*编号 [0-9a-f]{8} /),
    });
    expect(
      await h.bot.app.store.manager.countBy(PersonEntity, {
        orgKey: 'chat:lark_open_id:ou_unlucky0001',
      }),
    ).toBe(0);
  });

  test('R6 a confidential filing reaches the group chat without the petitioner', async () => {
    const answer = await h.events.cardAction(openIds.huBin, { form: 'file' }, 'om_form', {
      ...filing(0),
      category: 'labour.salary',
      content: '主管克扣奖金',
      mode: 'confidential',
    });
    const number = /XF-\d{4}-\d{6}/.exec(await answer.text())?.[0] ?? '';
    expect(number).not.toBe('');
    await h.settle();
    const inGroups = h.lark.sent.filter(
      (m) => m.to.startsWith('oc_') && cardText(m).includes(number),
    );
    expect(inGroups.map((m) => m.to)).toEqual([hrChat]);
    for (const m of inGroups) expect(cardText(m)).not.toContain('胡斌');
  });

  test('R2 R26 a filing form card submitted twice, or its callback redelivered, files once', async () => {
    const count = () =>
      h.bot.app.store.manager.countBy(PetitionEntity, { categoryId: 'labour.contract' });
    const before = await count();
    const value = { form: 'file', nonce: 'card-1' };
    const values = { ...filing(0), category: 'labour.contract' };
    const first = await h.events.cardAction(openIds.huBin, value, 'om_card1', values, {
      eventId: 'ev_submit_1',
    });
    const redelivered = await h.events.cardAction(openIds.huBin, value, 'om_card1', values, {
      eventId: 'ev_submit_1',
    });
    const again = await h.events.cardAction(openIds.huBin, value, 'om_card1', values);
    expect(await first.json()).toMatchObject({ toast: { type: 'success' } });
    expect(await redelivered.json()).toEqual({});
    expect(await again.json()).toEqual({
      toast: { type: 'info', content: '这张表单已经提交过了。' },
    });
    expect(await count()).toBe(before + 1);
  });

  test('R2 20 parallel filings give 20 distinct numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.events.cardAction(openIds.huBin, { form: 'file' }, `om_f${i}`, filing(i + 1)),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = (
      await h.bot.app.store.manager.findBy(PetitionEntity, { categoryId: 'management.rules' })
    ).map((p) => p.number);
    expect(numbers).toHaveLength(20);
    expect(new Set(numbers).size).toBe(20);
  });

  test('R26 a rate-limited and failing Open API still gets every notice exactly once', async () => {
    h.lark.failNext(
      '/open-apis/im/v1/messages',
      { status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '1' } },
      { status: 500, code: 0 },
      { status: 200, code: 230020 },
    );
    expect(await drainOutbox(h.bot.app.store, () => h.settle())).toBe(0);
    expect(h.lark.unusedFailures('/open-apis/im/v1/messages')).toBe(0);
    const sent = Number(
      (
        (await h.bot.app.store.manager.query(
          "SELECT COUNT(*) AS n FROM notices WHERE state = 'sent'",
        )) as { n: number }[]
      )[0].n,
    );
    const accepted = h.lark.sent.filter((m) => m.uuid);
    expect(accepted.length).toBeGreaterThanOrEqual(20);
    expect(accepted).toHaveLength(sent);
    // Each notice was posted until Lark took it, and never again after.
    expect(h.lark.repeats).toBe(0);
  });

  test('R26 a notice to a chat the bot is not in is parked for an operator, not retried', async () => {
    await h.events.cardAction(openIds.huBin, { form: 'file' }, 'om_form', filing(99));
    h.lark.failNext('/open-apis/im/v1/messages', { status: 400, code: 230002 });
    await h.settle();
    const parked = (await h.bot.app.store.manager.query(
      "SELECT last_error AS error, attempts FROM notices WHERE state = 'parked'",
    )) as { error: string; attempts: number }[];
    expect(parked).toHaveLength(1);
    expect(parked[0].error).toContain('230002');
    expect(Number(parked[0].attempts)).toBe(1);
  });

  test('the handlers answer events given straight to the dispatcher, as the long connection does', async () => {
    const before = h.lark.to(openIds.zhaoMin).length;
    await h.bot.lark!.dispatcher.invoke(
      {
        schema: '2.0',
        header: { event_id: 'ev_ws_1', event_type: 'application.bot.menu_v6', token: '' },
        event: {
          operator: { operator_id: { open_id: openIds.zhaoMin } },
          event_key: 'petition_queue',
        },
      },
      { needCheck: false },
    );
    await h.settle();
    expect(h.lark.to(openIds.zhaoMin).slice(before)[0].type).toBe('text');
  });
});

describe('starting with Lark', () => {
  test('app credentials Lark does not accept stop start-up with a message that names them', async () => {
    const h = new LarkHarness();
    await expect(h.start('sqlite::memory:', { LARK_APP_SECRET: 'not-the-secret' })).rejects.toThrow(
      /^LARK_APP_ID \/ LARK_APP_SECRET \/ LARK_DOMAIN: Lark did not accept/,
    );
    await h.lark.stop();
  });
});

describe('Lark over the long connection (LARK_MODE=ws)', () => {
  test('dials the long-connection endpoint with the app credentials and serves no webhook', async () => {
    const h = new LarkHarness();
    await h.start('sqlite::memory:', { LARK_MODE: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' });
    try {
      const dial = await eventually(() =>
        h.lark.calls.find((c) => c.path === '/callback/ws/endpoint'),
      );
      expect(dial.body).toMatchObject({ AppID: 'cli_a1b2c3d4e5f60718', AppSecret: h.lark.secret });
      expect((await h.events.message(openIds.huBin, 'mine')).status).toBe(404);
    } finally {
      await h.stop();
    }
  });
});
