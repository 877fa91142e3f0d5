import type { AdjustableClock } from '../../src/domain/clock';
import { DatabaseRunCoordinator } from '../../src/jobs/coordinator';
import { runJobNow } from '../../src/jobs/scheduler';
import { apiTimeoutMs } from '../../src/notices/dispatcher';
import { eachDatabase } from '../support/databases';
import { fileSuggestions } from '../support/pages';
import { SlackHarness } from './harness';

/** Each step of the upload answers in half a Web API call's timeout: three outlast one send's. */
const stepMs = apiTimeoutMs / 2;

eachDatabase('R26 R29 a weekly summary Slack is slow to take', (db) => {
  const h = new SlackHarness();
  beforeAll(async () => {
    await h.start(db().url);
    await fileSuggestions(h.bot.core, 3);
    // The filings' notices go out first, so the summary is the only one left.
    for (let run = 0; run < 20 && ((await h.deliver())?.sent ?? 0) > 0; run++);
  });
  afterAll(() => h.stop());

  test('R26 R29 a summary whose upload takes longer than one call’s timeout is posted once, not again after it', async () => {
    const core = h.bot.core;
    const clock = core.clock as AdjustableClock;
    clock.advance(7 * 86_400_000);
    const coordinator = new DatabaseRunCoordinator(core.store, 'test', () => clock.now());
    expect(await runJobNow(core, coordinator, 'weekly-summary')).toBeGreaterThan(0);
    h.slack.answerSlowly(
      stepMs,
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    );
    const summaries = () =>
      h.slack.of('files.completeUploadExternal').filter((c) => c.channel_id === 'C0SUMMARY1');
    const started = Date.now();
    expect(await h.deliver()).toMatchObject({ retrying: 0, parked: 0 });
    expect(summaries()).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThan(apiTimeoutMs + 1_000);
    // Past any retry's backoff: a send failed at one call's timeout would go again now.
    clock.advance(10 * 60_000);
    h.slack.answerSlowly(0, 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal');
    await h.deliver();
    expect(summaries()).toHaveLength(1);
  }, 30_000);
});
