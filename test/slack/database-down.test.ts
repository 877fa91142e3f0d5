import { eachDatabase } from '../support/databases';
import { eventually } from './fake-slack';
import { SlackHarness, users } from './harness';

eachDatabase('R25 Slack while the database is down', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  test('R25 a direct message that arrives while the database is down gets an apology naming a reference, never silence', async () => {
    await h.bot.app.store.dataSource.destroy();
    await h.client.event('EvDown1', {
      type: 'message',
      channel_type: 'im',
      channel: 'D3',
      user: users.huBin,
      text: '食堂晚班没有热饭',
      ts: '3.0',
      event_ts: '3.0',
    });
    const apology = await eventually(() =>
      h.slack.of('chat.postMessage').find((m) => m.channel === 'D3'),
    );
    expect(String(apology.text)).toMatch(/^抱歉，处理时出了问题.*编号 [0-9a-f]{8} /);
    await h.bot.app.store.dataSource.initialize();
  });
});
