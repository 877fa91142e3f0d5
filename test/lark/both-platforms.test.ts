import { eachDatabase } from '../support/databases';
import { eventually, FakeSlack } from '../slack/fake-slack';
import { secret, users } from '../slack/harness';
import { number, select, SlackClient, text, ticked } from '../slack/signed';
import { LarkHarness, openIds } from './harness';

eachDatabase('R25 one bot on Slack and Lark at once', (db) => {
  const slack = new FakeSlack();
  const h = new LarkHarness();
  let client: SlackClient;
  beforeAll(async () => {
    await slack.start();
    await h.start(db().url, {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${slack.url}/api/`,
    });
    client = new SlackClient(h.events.url, secret, `${slack.url}/respond`);
  });
  afterAll(async () => {
    await h.stop();
    await slack.stop();
  });

  test('a person with both a Slack and a Lark identity sees the same petitions on both', async () => {
    const onLark = await h.events.cardAction(openIds.huBin, { form: 'file' }, 'om_form', {
      category: 'labour.salary',
      content: '十月加班费少发',
      people: '1',
      mode: 'named',
      commitment: true,
    });
    const larkNumber = /XF-\d{4}-\d{6}/.exec(await onLark.text())?.[0] ?? '';
    await client.command(users.huBin, 'new');
    const view = await slack.opened('file');
    await client.submit(users.huBin, view, {
      category: select('management.rules'),
      content: text('食堂晚班没有热饭'),
      contact: text(''),
      people: number(1),
      mode: select('named'),
      commitment: ticked(true),
    });
    await client.command(users.huBin, 'mine');
    const onSlack = await eventually(() =>
      slack.responses.map((r) => String(r.text)).find((t) => t.includes(larkNumber)),
    );
    const slackNumbers = onSlack.match(/XF-\d{4}-\d{6}/g);
    expect(slackNumbers).toHaveLength(2);
    await h.events.message(openIds.huBin, 'mine');
    await h.settle();
    const answer = h.lark.to(openIds.huBin).pop()!;
    expect(answer.type).toBe('text');
    expect(
      String(answer.content.text)
        .match(/XF-\d{4}-\d{6}/g)
        ?.sort(),
    ).toEqual(slackNumbers?.sort());
  });
});
