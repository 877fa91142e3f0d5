import type { AdjustableClock } from '../../src/domain/clock';
import { DatabaseRunCoordinator } from '../../src/jobs/coordinator';
import { runJobNow } from '../../src/jobs/scheduler';
import { PNG } from 'pngjs';
import { eachDatabase } from '../support/databases';
import { fileSuggestions } from '../support/pages';
import { eventually } from './fake-slack';
import { SlackHarness, users } from './harness';

eachDatabase('R29 the office desk in Slack', (db) => {
  const h = new SlackHarness();
  beforeAll(async () => {
    await h.start(db().url);
    await fileSuggestions(h.bot.core, 3);
  });
  afterAll(() => h.stop());

  test('R29 "search 食堂" answers privately with the cases found', async () => {
    const before = h.slack.responses.length;
    await h.client.command(users.zhaoMin, 'search 食堂');
    const answer = await eventually(() => h.slack.responses[before]);
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer.text)).toContain('共 0 件符合条件');
    await h.client.command(users.huBin, '搜索 食堂');
    const own = await eventually(() => h.slack.responses[before + 1]);
    expect(String(own.text)).toContain('共 3 件符合条件');
  });

  test('R29 an export is uploaded with files.uploadV2 into the asker DM, opened by conversations.open', async () => {
    const before = h.slack.responses.length;
    await h.client.command(users.huBin, 'export register 本月 csv');
    const answer = await eventually(() => h.slack.responses[before]);
    expect(String(answer.text)).toContain('register-');
    expect(h.slack.of('conversations.open').at(-1)).toMatchObject({ users: users.huBin });
    const completed = h.slack.of('files.completeUploadExternal').at(-1) as {
      channel_id: string;
      files: { id: string; title: string }[];
    };
    expect(completed.channel_id).toBe(`D${users.huBin}`);
    const uploaded = h.slack.uploads.get(completed.files[0].id);
    // The bytes uploaded are the register: its header and hu.bin's three cases.
    const text = uploaded?.toString('utf8') ?? '';
    expect(text.startsWith('\uFEFF编号,提交时间,状态')).toBe(true);
    expect(text.match(/XF-\d{4}-\d{6}/g)).toHaveLength(3);
    expect(h.slack.of('files.getUploadURLExternal').at(-1)).toMatchObject({
      filename: expect.stringMatching(/^register-\d{4}-\d{2}-01\.csv$/),
    });
  });

  test('R29 R19 the weekly summary is posted to its channel as one upload: the text and two charts', async () => {
    const core = h.bot.core;
    // A week on, the three suggestions filed are last week's: the breakdown has them.
    (core.clock as AdjustableClock).advance(7 * 86_400_000);
    const coordinator = new DatabaseRunCoordinator(core.store, 'test', () => core.clock.now());
    expect(await runJobNow(core, coordinator, 'weekly-summary')).toBeGreaterThan(0);
    const summary = () =>
      h.slack.of('files.completeUploadExternal').find((c) => c.channel_id === 'C0SUMMARY1');
    // The filings' notices go out first, a batch a run.
    for (let run = 0; run < 20 && !summary(); run++) await h.deliver();
    const completed = summary() as {
      initial_comment: string;
      files: { id: string; title: string }[];
    };
    expect(completed.initial_comment).toContain('矛盾分析周报');
    expect(completed.files.map((f) => f.title)).toEqual([
      '近 12 周新增、办结、超期',
      expect.stringContaining('按类别和部门'),
    ]);
    const png = PNG.sync.read(h.slack.uploads.get(completed.files[0].id) as Buffer);
    expect([png.width, png.height]).toEqual([960, 540]);
    expect(h.slack.of('chat.postMessage').some((m) => m.channel === 'C0SUMMARY1')).toBe(false);
  });

  test('R29 the office App Home shows what needs action; its button sends the list to the DM', async () => {
    const before = h.slack.of('views.publish').length;
    await h.client.homeOpened('EvDeskHome', 'U0A4LIUYAN');
    const home = (await eventually(() => h.slack.of('views.publish')[before])).view as {
      blocks: {
        block_id?: string;
        text?: { text: string };
        elements?: { action_id: string; value: string }[];
      }[];
    };
    const text = home.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text).toContain('需要处理');
    expect(text).toMatch(/已超期 \d+ 件 · 本周到期 \d+ 件 · 搁置的通知 \d+ 条/);
    const desk = home.blocks.find((b) => b.block_id === 'desk');
    expect(desk?.elements?.map((e) => e.action_id)).toEqual(['petition_open', 'petition_open']);
    const posted = h.slack.of('chat.postMessage').length;
    // A button in the App Home: a view container and no response_url.
    await h.client.interaction({
      type: 'block_actions',
      user: { id: 'U0A4LIUYAN', username: 'liu.yang', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'shuchuan' },
      container: { type: 'view', view_id: 'V1' },
      trigger_id: 'trigger-home',
      view: { id: 'V1', type: 'home' },
      actions: [
        {
          type: 'button',
          block_id: 'desk',
          action_id: 'petition_open',
          value: String(desk?.elements?.[0].value),
          action_ts: '1.0',
        },
      ],
    });
    const list = await eventually(() =>
      h.slack
        .of('chat.postMessage')
        .slice(posted)
        .find((m) => m.channel === 'DU0A4LIUYAN'),
    );
    expect(String(list.text)).toContain('件符合条件');
  });

  test('R29 an employee App Home has no dashboard', async () => {
    const before = h.slack.of('views.publish').length;
    await h.client.homeOpened('EvDeskHomeEmployee', users.huBin);
    const home = await eventually(() => h.slack.of('views.publish')[before]);
    expect(JSON.stringify(home)).not.toContain('需要处理');
  });
});
