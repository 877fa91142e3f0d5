import { PetitionEntity } from '../../src/store/entities';
import { SlackHarness, users } from '../slack/harness';
import { number, select, text, ticked } from '../slack/signed';
import { eachDatabase } from '../support/databases';

eachDatabase('R1 R26 a Slack view submission is acted on once', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  const form = (content: string, commitment: boolean) => ({
    category: select('labour.salary'),
    content: text(content),
    contact: text(''),
    people: number(1),
    mode: select('named'),
    commitment: ticked(commitment),
  });
  const filed = (content: string) => h.bot.core.store.manager.countBy(PetitionEntity, { content });

  test('R1 R26 the same signed view_submission sent twice files one petition', async () => {
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file');
    const content = '夜班补贴连续三个月未发。';
    const first = await h.client.submit(users.huBin, view, form(content, true), 'V0REPLAY01');
    expect(first.status).toBe(200);
    const replayed = await h.client.submit(users.huBin, view, form(content, true), 'V0REPLAY01');
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toMatchObject({ response_action: 'errors' });
    expect(await filed(content)).toBe(1);
  });

  test('R1 a view refused for a mistake and submitted again, corrected, files once', async () => {
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file', 1);
    const content = '车间高温补贴未按标准发放。';
    const refused = await h.client.submit(users.huBin, view, form(content, false), 'V0RETRY001');
    expect(await refused.json()).toMatchObject({ response_action: 'errors' });
    expect(await filed(content)).toBe(0);
    const corrected = await h.client.submit(users.huBin, view, form(content, true), 'V0RETRY001');
    expect(await corrected.json()).toMatchObject({ response_action: 'update' });
    expect(await filed(content)).toBe(1);
  });
});
