import { eachDatabase } from '../support/databases';
import { eventually } from './fake-slack';
import { SlackHarness, users } from './harness';
import { date, number, select, text, ticked } from './signed';

eachDatabase('R25 Slack end to end', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  const opened = (callbackId: string, after = 0) => h.slack.opened(callbackId, after);
  const posted = (predicate: (a: Record<string, unknown>) => boolean) =>
    eventually(() => h.slack.of('chat.postMessage').find(predicate));
  const buttonIn = (message: Record<string, unknown>, actionId: string) => {
    const blocks = message.blocks as { elements?: { action_id: string; value: string }[] }[];
    return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId) as {
      value: string;
    };
  };
  const textOf = (m: Record<string, unknown>) => String(m.text);

  let number_ = '';
  let homes = 0;

  /** Opens the user's App Home and returns the button with this action on the case. */
  async function homeButton(user: string, actionId: string) {
    const before = h.slack.of('views.publish').length;
    await h.client.homeOpened(`EvHome${++homes}`, user);
    const home = await eventually(() => h.slack.of('views.publish')[before]);
    const blocks = (
      home.view as {
        blocks: { block_id?: string; elements?: { action_id: string; value: string }[] }[];
      }
    ).blocks;
    return blocks
      .filter((b) => b.block_id === `home_${number_}`)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === actionId) as { value: string };
  }

  test('R1 R5 /petition new opens the filing modal; without the commitment it answers with an inline error; filed, the modal becomes its confirmation with the case number', async () => {
    const response = await h.client.command(users.huBin, 'new');
    expect(response.status).toBe(200);
    const view = await opened('file');
    const values = {
      category: select('labour.salary'),
      content: text('十月加班费少发，冲压车间五人。'),
      contact: text('13800000000'),
      people: number(5),
      mode: select('named'),
      commitment: ticked(false),
    };
    const refused = await h.client.submit(users.huBin, view, values);
    expect(await refused.json()).toEqual({
      response_action: 'errors',
      errors: { commitment: '提交前请确认承诺：依法、理性表达诉求。' },
    });
    const accepted = await h.client.submit(users.huBin, view, {
      ...values,
      commitment: ticked(true),
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({
      response_action: 'update',
      view: { type: 'modal', blocks: [{ text: { text: '✔ 胡斌：提交信访（XF-2026-000001）' } }] },
    });
  });

  test('R2 the filing reaches the lead department channel and the handlers with buttons', async () => {
    await h.deliver();
    const channelPost = await posted((m) => m.channel === 'C0HRDEPT01');
    number_ = /XF-\d{4}-\d{6}/.exec(textOf(channelPost))?.[0] ?? '';
    expect(number_).toMatch(/^XF-\d{4}-\d{6}$/);
    expect(textOf(channelPost)).not.toContain('胡斌');
    const toHandler = await posted((m) => m.channel === 'DU0A7ZHAOMI');
    expect(JSON.parse(buttonIn(toHandler, 'petition_accept').value)).toEqual({
      name: 'accept',
      number: number_,
    });
  });

  test('R8 R5 a handler accepts from the button with a committed date; the message shows who acted', async () => {
    const message = await posted((m) => m.channel === 'DU0A7ZHAOMI');
    const before = h.slack.of('views.open').length;
    await h.client.click(
      users.zhaoMin,
      'petition_accept',
      buttonIn(message, 'petition_accept').value,
      {
        channel: 'DU0A7ZHAOMI',
        ts: String(message.ts ?? '1001'),
      },
    );
    const view = await opened('accept', before);
    const response = await h.client.submit(users.zhaoMin, view, { replyBy: date(h.today()) });
    expect(response.status).toBe(200);
    const update = await eventually(() => h.slack.of('chat.update')[0]);
    expect(String(update.text)).toContain(`赵敏：受理（${number_}）`);
    await h.deliver();
    const told = await posted((m) => m.channel === 'DU0B7HUBIN0' && textOf(m).includes('承诺于'));
    expect(textOf(told)).toContain(`承诺于 ${h.today()} 前答复`);
  });

  test('R8 a second click on a stale accept button is answered politely and acts once', async () => {
    const message = await posted((m) => m.channel === 'C0HRDEPT01');
    await h.client.click(
      users.zhaoMin,
      'petition_accept',
      buttonIn(message, 'petition_accept').value,
      {
        channel: 'C0HRDEPT01',
        ts: '9999',
      },
    );
    const before = h.slack.of('views.open').length;
    const answer = await eventually(() =>
      h.slack.responses.find((r) => String(r.text).includes('不能执行')),
    );
    expect(h.slack.of('views.open')).toHaveLength(before);
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
  });

  test('R10 the owner asks for an extension and the department head approves it from the notice', async () => {
    const before = h.slack.of('views.open').length;
    await h.client.click(
      users.zhaoMin,
      'petition_extend',
      (await homeButton(users.zhaoMin, 'petition_extend')).value,
      {
        channel: 'DU0A7ZHAOMI',
        ts: '1',
      },
    );
    const view = await opened('extend', before);
    expect(
      (
        await h.client.submit(users.zhaoMin, view, {
          days: number(5),
          reason: text('需要财务数据'),
        })
      ).status,
    ).toBe(200);
    await h.deliver();
    const ask = await posted((m) => m.channel === 'DU0A6YANGLE' && textOf(m).includes('申请将'));
    await h.client.click(
      users.yangLei,
      'petition_approve',
      buttonIn(ask, 'petition_approve').value,
      {
        channel: 'DU0A6YANGLE',
        ts: String(ask.ts),
      },
    );
    await eventually(() => h.slack.of('chat.update').find((u) => String(u.text).includes('杨磊')));
    await h.deliver();
    const told = await posted(
      (m) => m.channel === 'DU0B7HUBIN0' && textOf(m).includes('延期申请已批准'),
    );
    expect(textOf(told)).toContain(number_);
  });

  test('R11 R12 R13 reply, an unsatisfied rating, and an appeal to the review board', async () => {
    let before = h.slack.of('views.open').length;
    await h.client.click(
      users.zhaoMin,
      'petition_reply',
      (await homeButton(users.zhaoMin, 'petition_reply')).value,
      {
        channel: 'DU0A7ZHAOMI',
        ts: '2',
      },
    );
    const replyView = await opened('reply', before);
    const missing = await h.client.submit(users.zhaoMin, replyView, {
      investigation: text('核查考勤'),
      facts: text('少计系数'),
      basis: text(''),
      conclusion: text('补发'),
      method: select('in_system'),
      deliveredOn: date(h.today()),
    });
    expect(await missing.json()).toMatchObject({
      response_action: 'errors',
      errors: { basis: expect.stringContaining('处理依据') },
    });
    const done = await h.client.submit(users.zhaoMin, replyView, {
      investigation: text('核查考勤'),
      facts: text('少计系数'),
      basis: text('薪酬管理办法'),
      conclusion: text('补发'),
      method: select('in_system'),
      deliveredOn: date(h.today()),
    });
    expect(done.status).toBe(200);
    await h.deliver();
    const ask = await posted((m) => m.channel === 'DU0B7HUBIN0' && textOf(m).includes('请对'));
    await h.client.click(
      users.huBin,
      'petition_rate_unsatisfied',
      buttonIn(ask, 'petition_rate_unsatisfied').value,
      {
        channel: 'DU0B7HUBIN0',
        ts: String(ask.ts),
      },
    );
    await eventually(() => h.slack.of('chat.update').find((u) => String(u.text).includes('胡斌')));
    before = h.slack.of('views.open').length;
    const replied = await posted(
      (m) => m.channel === 'DU0B7HUBIN0' && textOf(m).includes('已书面答复'),
    );
    await h.client.click(
      users.huBin,
      'petition_appeal',
      buttonIn(replied, 'petition_appeal').value,
      {
        channel: 'DU0B7HUBIN0',
        ts: '3',
      },
    );
    const appealView = await opened('appeal', before);
    expect(
      (await h.client.submit(users.huBin, appealView, { reason: text('九月也少发') })).status,
    ).toBe(200);
    await h.deliver();
    const board = await posted(
      (m) => m.channel === 'DU0A5CHENJI' && textOf(m).includes('申请复查'),
    );
    expect(JSON.parse(buttonIn(board, 'petition_review').value)).toEqual({
      name: 'review',
      number: number_,
    });
  });
});
