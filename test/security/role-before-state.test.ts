import { accept } from '../../src/services/accept';
import { actorByKeyOrName } from '../../src/services/actors';
import { attach, attachmentsOf, openAttachment } from '../../src/services/attachments';
import { addDays } from '../../src/calendar/local-date';
import { today, type Core } from '../../src/services/core';
import { file } from '../../src/services/file';
import { caseFile } from '../../src/services/read-models';
import { reply } from '../../src/services/reply';
import { recordReview } from '../../src/services/review';
import { eventually } from '../slack/fake-slack';
import { SlackHarness } from '../slack/harness';
import { eachDatabase } from '../support/databases';
import { World, writtenReply } from '../support/world';

/** A case hu.bin filed and zhao.min answered: its state, "replied", is nobody else's business. */
async function repliedCase(core: Core): Promise<string> {
  const as = (key: string) => actorByKeyOrName(core, key);
  const { number } = await file(core, await as('hu.bin'), {
    categoryId: 'labour.salary',
    content: '十月加班费未按规定发放。',
    commitment: true,
  });
  await accept(core, await as('zhao.min'), number, addDays(today(core), 7));
  await reply(core, await as('zhao.min'), number, writtenReply(today(core)));
  return number;
}

const missing = 'XF-2026-999999';

/** What a refusal says, with the case number it names put back to a placeholder. */
async function refusalOf(attempt: Promise<unknown>, number: string) {
  const e = (await attempt.then(
    () => ({}),
    (refusal: unknown) => refusal,
  )) as { key?: string; params?: Record<string, unknown> };
  const params = JSON.parse(JSON.stringify(e.params ?? {}).replaceAll(number, '#')) as object;
  return { key: e.key, params };
}

eachDatabase('R15 role before state', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  test('R15 R30 a step forged on a case one may not see, or a look at its files, is refused exactly as one on a case that does not exist', async () => {
    const number = await repliedCase(world.core);
    const stranger = await world.as('guo.hong');
    const attempts = [
      (n: string) => accept(world.core, stranger, n, '2026-11-10'),
      (n: string) =>
        recordReview(world.core, stranger, n, {
          reviewers: ['x'],
          outcome: 'upheld',
          opinion: 'x',
        }),
      (n: string) => caseFile(world.core, stranger, n),
      (n: string) => attach(world.core, stranger, n, { name: 'a.txt', bytes: Buffer.from('看') }),
      (n: string) => attachmentsOf(world.core, stranger, n),
      (n: string) => openAttachment(world.core, stranger, n, 1),
    ];
    for (const attempt of attempts) {
      const refused = await refusalOf(attempt(number), number);
      expect(refused).toEqual(await refusalOf(attempt(missing), missing));
      expect(JSON.stringify(refused)).not.toContain('replied');
    }
  });

  test('R6 R15 R30 a file given to a confidential or anonymous case one may not see is refused as for a missing case, before it is looked at', async () => {
    const stranger = await world.as('guo.hong');
    // Bytes the stripping of a case in custody could not read: refused for that, they would tell the mode.
    const broken = { name: '证据.pdf', bytes: Buffer.from('%PDF-1.4 not really a pdf') };
    for (const mode of ['confidential', 'anonymous'] as const) {
      const { number } = await world.file('hu.bin', { mode });
      expect(await refusalOf(attach(world.core, stranger, number, broken), number)).toEqual(
        await refusalOf(attach(world.core, stranger, missing, broken), missing),
      );
    }
  });

  test('R15 someone who may see a case but not take the step is refused for the role, not told the state', async () => {
    const number = await repliedCase(world.core);
    await expect(
      accept(world.core, await world.as('hu.bin'), number, '2026-11-10'),
    ).rejects.toMatchObject({ key: 'refusal.role', params: { number, step: 'accept' } });
  });
});

eachDatabase('R15 role before state in Slack', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  /** What Slack shows the clicker of a forged accept button on this case. */
  async function forgedAccept(user: string, number: string): Promise<string> {
    const before = h.slack.responses.length;
    const value = JSON.stringify({ name: 'accept', number });
    await h.client.click(user, 'petition_accept', value, { channel: `D${user}`, ts: '1.0' });
    const answer = await eventually(() => h.slack.responses[before]);
    return String(answer.text).replaceAll(number, '#');
  }

  test('R15 a forged Slack button on a case one may not see answers as for a case that does not exist', async () => {
    const number = await repliedCase(h.bot.core);
    const guoHong = 'U0B8GUOHON';
    const answer = await forgedAccept(guoHong, number);
    expect(answer).toBe(await forgedAccept(guoHong, missing));
    expect(answer).not.toMatch(/已答复|replied/);
  });
});
