import { PersonEntity, PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { drainOutbox } from '../support/outbox';
import { eventually } from './fake-slack';
import { SlackHarness, users } from './harness';
import { number, select, text, ticked } from './signed';

eachDatabase('R25 R26 Slack robustness', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  test('a forged signature and a stale timestamp are rejected and change nothing', async () => {
    const body = new URLSearchParams({
      command: '/petition',
      text: 'new',
      user_id: users.huBin,
      trigger_id: 't',
    });
    const forged = await h.client.post(body.toString(), 'application/x-www-form-urlencoded', {
      secret: 'wrong',
    });
    expect(forged.status).toBe(401);
    const stale = await h.client.post(body.toString(), 'application/x-www-form-urlencoded', {
      age: 600,
    });
    expect(stale.status).toBe(401);
    expect(h.slack.of('views.open')).toHaveLength(0);
  });

  test('R26 a retried event is acted on once', async () => {
    const event = {
      type: 'app_home_opened',
      user: users.zhaoMin,
      channel: 'D1',
      tab: 'home',
      event_ts: '1.0',
    };
    expect((await h.client.event('Ev0001', event)).status).toBe(200);
    await eventually(() => h.slack.of('views.publish').length === 1);
    expect((await h.client.event('Ev0001', event, 1)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.of('views.publish')).toHaveLength(1);
    const home = JSON.stringify(h.slack.of('views.publish')[0].view);
    expect(home).toContain('我的待办');
  });

  test('R1 a direct message is offered for filing by reference: a 3,614-character message of quotes makes a small button value, and only its sender opens the form with its text', async () => {
    const long = '食堂晚班' + '"引号"\u201c很多\u201d'.repeat(452);
    expect(long.length).toBeGreaterThan(3600);
    await h.client.event('Ev0002', {
      type: 'message',
      channel_type: 'im',
      channel: 'D2',
      user: users.huBin,
      text: long,
      ts: '2.0',
      event_ts: '2.0',
    });
    const offer = await eventually(() =>
      h.slack.of('chat.postMessage').find((m) => String(m.text).includes('作为信访提交')),
    );
    const blocks = offer.blocks as { elements?: { action_id: string; value: string }[] }[];
    const start = blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'petition_file')!;
    expect(start.value.length).toBeLessThan(2000);
    expect(start.value).not.toContain('食堂');
    const message = { channel: 'D2', ts: '2.0' };
    const views = h.slack.of('views.open').length;
    const responses = h.slack.responses.length;
    await h.client.click(users.zhaoMin, 'petition_file', start.value, message);
    const refused = await eventually(() => h.slack.responses[responses]);
    expect(String(refused.text)).toContain('草稿已使用或已过期');
    expect(h.slack.of('views.open')).toHaveLength(views);
    await h.client.click(users.huBin, 'petition_file', start.value, message);
    const view = await h.slack.opened('file', views);
    expect(JSON.stringify(view)).toContain('食堂晚班');
  });

  test('R15 an unknown Slack user is registered from users.info as an employee with no role', async () => {
    await h.client.command('U0NEWBIE01', 'mine');
    await eventually(() => h.slack.responses.find((r) => String(r.text).includes('没有信访件')));
    const person = await h.bot.app.store.manager.findOneByOrFail(PersonEntity, {
      orgKey: 'chat:slack:U0NEWBIE01',
    });
    expect(person.name).toBe('新员工');
  });

  test('R2 30 parallel filings give 30 distinct numbers', async () => {
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file');
    const values = (i: number) => ({
      category: select('management.rules'),
      content: text(`第 ${i} 条建议`),
      contact: text(''),
      people: number(1),
      mode: select('named'),
      commitment: ticked(true),
    });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.client.submit(users.huBin, view, values(i))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const numbers = (
      await h.bot.app.store.manager.findBy(PetitionEntity, { categoryId: 'management.rules' })
    ).map((p) => p.number);
    expect(new Set(numbers).size).toBe(30);
  });

  test('R26 a rate-limited and failing Slack still gets every notice exactly once', async () => {
    h.slack.failNext(
      'chat.postMessage',
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 500 },
      { status: 502 },
    );
    expect(await drainOutbox(h.bot.app.store, async () => h.deliver())).toBe(0);
    expect(h.slack.unusedFailures('chat.postMessage')).toBe(0);
    const sent = h.slack
      .of('chat.postMessage')
      .filter((m) => /XF-\d{4}-\d{6}/.test(String(m.text)));
    expect(sent.length).toBeGreaterThanOrEqual(30);
    const copies = new Map<string, number>();
    for (const m of sent)
      copies.set(`${m.channel} ${m.text}`, (copies.get(`${m.channel} ${m.text}`) ?? 0) + 1);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  });
});

describe('starting with Slack', () => {
  test('a bot token Slack does not accept stops start-up with a message that says so', async () => {
    const h = new SlackHarness();
    const started = h.start('sqlite::memory:', (slack) =>
      slack.failNext('auth.test', { status: 200 }),
    );
    await expect(started).rejects.toThrow(/^SLACK_BOT_TOKEN: Slack did not accept the bot token/);
    await h.slack.stop();
  });
});
