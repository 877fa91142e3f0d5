import sharp from 'sharp';
import { actorByKeyOrName } from '../../src/services/actors';
import { openAttachment } from '../../src/services/attachments';
import { AttachmentChunkEntity, AttachmentEntity, PetitionEntity } from '../../src/store/entities';
import { destroyedLongAgo, pdf, photoWithExif, program, type Years } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { eventually, type View } from './fake-slack';
import type { SlackFile } from './fake-files';
import { SlackHarness, users } from './harness';
import { number, select, text, ticked, uploaded } from './signed';

/** 郭红: an employee of another department, who may not see anyone else's case. */
const guoHong = 'U0B8GUOHON';

type Element = { type: string; action_id: string; value: string; optional?: boolean };
type Message = Record<string, unknown> & { blocks?: { elements?: Element[] }[] };

eachDatabase('R30 attachments in Slack', (db) => {
  const h = new SlackHarness();
  let png: Buffer;
  let filed = '';
  beforeAll(async () => {
    await h.start(db().url);
    png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
  });
  afterAll(() => h.stop());

  const filing = {
    category: select('labour.salary'),
    content: text('十月加班费少发，冲压车间五人。'),
    contact: text('13800000000'),
    people: number(5),
    mode: select('named'),
    commitment: ticked(true),
  };
  const buttonsOf = (m: Message) => (m.blocks ?? []).flatMap((b) => b.elements ?? []);
  const dmSince = (user: string, after: number, words: string) =>
    eventually(() =>
      h.slack
        .of('chat.postMessage')
        .slice(after)
        .find((m) => m.channel === `D${user}` && String(m.text).includes(words)),
    ) as Promise<Message>;
  /** What a DM message announcing a modal's file became, once it says these words. */
  const updatedTo = (words: string) =>
    eventually(() =>
      h.slack.of('chat.update').find((m) => String(m.text).includes(words)),
    ) as Promise<Message>;
  /** A filing through the modal, with these answers over the usual ones: its confirmation. */
  const fileThroughModal = async (answers: Record<string, object>, viewId?: string) => {
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file', h.slack.of('views.open').length - 1);
    const answer = await h.client.submit(users.huBin, view, { ...filing, ...answers }, viewId);
    const done = (await answer.json()) as { view: { blocks: { text: { text: string } }[] } };
    const number = /XF-\d{4}-\d{6}/.exec(done.view.blocks[0].text.text)?.[0] ?? '';
    return { number, lines: done.view.blocks.map((b) => b.text.text), view };
  };
  const answerTo = async (user: string, command: string) => {
    const before = h.slack.responses.length;
    await h.client.command(user, command);
    return (await eventually(() => h.slack.responses[before])) as Message;
  };
  const click = async (user: string, button: Element) => {
    const before = h.slack.responses.length;
    await h.client.click(user, button.action_id, button.value, { channel: `D${user}`, ts: '1.0' });
    return (await eventually(() => h.slack.responses[before])) as Message;
  };
  /** A text file 胡斌 uploads to Slack. */
  const textFile = (name: string, body: string) =>
    h.slack.files.upload(users.huBin, name, Buffer.from(body), 'text/plain');
  const actorOf = (key: string) => actorByKeyOrName(h.bot.core, key);
  const keptOf = async (caseNumber: string) => {
    const m = h.bot.core.store.manager;
    const petition = await m.findOneByOrFail(PetitionEntity, { number: caseNumber });
    return m.findBy(AttachmentEntity, { petitionId: petition.id });
  };
  /** The which-case answer to a file sent in the DM, and its button for the filed case. */
  const offered = async (user: string, file: SlackFile) => {
    const before = h.slack.of('chat.postMessage').length;
    await h.client.fileShare(`EvFile${file.id}`, user, [file]);
    const question = await dmSince(user, before, file.name);
    const button = buttonsOf(question).find((b) => b.value.includes(filed));
    return { question, button: button as Element };
  };

  test('R30 R1 the filing modal takes files: filed at once, the files attached after, the filer told in the DM', async () => {
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file');
    const field = (view.blocks as unknown as { block_id: string; element: Element }[]).find(
      (b) => b.block_id === 'attachments',
    );
    expect(field?.element).toMatchObject({ type: 'file_input', action_id: 'value' });
    const photo = h.slack.files.upload(users.huBin, '车间排班表.png', png, 'image/png');
    const answer = await h.client.submit(users.huBin, view, {
      ...filing,
      attachments: uploaded(photo),
    });
    const done = (await answer.json()) as { view: { blocks: { text: { text: string } }[] } };
    filed = /XF-\d{4}-\d{6}/.exec(done.view.blocks[0].text.text)?.[0] ?? '';
    expect(done.view.blocks[1].text.text).toBe(`1 个附件正在添加到 ${filed}，结果会发到您的私信。`);
    const told = await updatedTo(`已把 车间排班表.png 添加到 ${filed}`);
    expect(told).toMatchObject({ channel: `D${users.huBin}`, blocks: [{ type: 'section' }] });
    expect(await keptOf(filed)).toMatchObject([{ name: '车间排班表.png', bytes: png.length }]);
  });

  test('R30 R6 an anonymous filer’s photo from the modal is kept under a neutral name, without its EXIF', async () => {
    const photo = h.slack.files.upload(users.huBin, '胡斌-工资条.jpg', await photoWithExif());
    const { number: anonymous } = await fileThroughModal({
      mode: select('anonymous'),
      attachments: uploaded(photo),
    });
    await updatedTo(`已把 附件-1.jpg 添加到 ${anonymous}`);
    const [kept] = await keptOf(anonymous);
    expect(kept.name).toBe('附件-1.jpg');
    const opened = await openAttachment(h.bot.core, await actorOf('hu.bin'), anonymous, kept.id);
    expect((await sharp(opened.bytes).metadata()).exif).toBeUndefined();
  });

  test('R26 R30 the filing modal submitted again (Slack retried it) files nothing more and attaches its files once', async () => {
    const sheet = textFile('考勤.txt', '十月考勤');
    const values = { ...filing, attachments: uploaded(sheet) };
    const { number: retried, view } = await fileThroughModal(values, 'VRETRY1');
    const again = await h.client.submit(users.huBin, view, values, 'VRETRY1');
    expect(await again.json()).toMatchObject({ response_action: 'errors' });
    await updatedTo(`已把 考勤.txt 添加到 ${retried}`);
    expect((await keptOf(retried)).map((a) => a.name)).toEqual(['考勤.txt']);
  });

  test('R30 the petitioner lists the files (a command or a DM) and gets one sent to their DM, as uploaded', async () => {
    const listed = await answerTo(users.huBin, `attachments ${filed}`);
    expect(String(listed.text)).toContain(`${filed} 的附件（1 个）`);
    const before = h.slack.of('chat.postMessage').length;
    await h.client.event('EvList1', {
      type: 'message',
      channel_type: 'im',
      channel: `D${users.huBin}`,
      user: users.huBin,
      text: `附件 ${filed}`,
      ts: '5.0',
      event_ts: '5.0',
    });
    const inDm = await dmSince(users.huBin, before, `${filed} 的附件（1 个）`);
    expect(buttonsOf(inDm)).toEqual(buttonsOf(listed));
    const [send] = buttonsOf(listed);
    const uploadsBefore = h.slack.uploads.size;
    const sent = await click(users.huBin, send);
    expect(String(sent.text)).toBe('已把 车间排班表.png 发到您的私信。');
    await eventually(() => h.slack.uploads.size > uploadsBefore);
    expect([...h.slack.uploads.values()].at(-1)).toEqual(png);
    expect(h.slack.of('files.completeUploadExternal').at(-1)).toMatchObject({
      channel_id: `D${users.huBin}`,
    });
  });

  test("R30 R6 an employee who may not see the case is refused its files as if it did not exist, and so is a forged 'send me'", async () => {
    const missing = await answerTo(guoHong, 'attachments XF-2026-999999');
    const refused = await answerTo(guoHong, `attachments ${filed}`);
    expect(refused.text).toBe(String(missing.text).replace('XF-2026-999999', filed));
    expect(String(refused.text)).not.toContain('车间排班表');
    const [id] = (await keptOf(filed)).map((a) => a.id);
    const forged = {
      action_id: 'attachment_0',
      value: JSON.stringify({ name: 'send_attachment', number: filed, id }),
    };
    const uploadsBefore = h.slack.uploads.size;
    const answer = await click(guoHong, forged as Element);
    expect(answer.text).toBe(refused.text);
    expect(h.slack.uploads.size).toBe(uploadsBefore);
  });

  test('R30 a file sent in the DM is asked "which case?" and attached by the click, once however often it is clicked', async () => {
    const proof = h.slack.files.upload(users.huBin, '加班记录.pdf', pdf, 'application/pdf');
    const { question, button } = await offered(users.huBin, proof);
    expect(String(question.text)).toBe('收到文件 加班记录.pdf。它属于您的哪一件信访？');
    const attached = await click(users.huBin, button);
    expect(attached).toMatchObject({ replace_original: true });
    expect(String(attached.text)).toContain(`已把 加班记录.pdf 添加到 ${filed}`);
    const again = await click(users.huBin, button);
    expect(again.text).toBe(`这个文件已经添加到 ${filed}，发送“附件 ${filed}”可以查看。`);
    expect((await keptOf(filed)).map((a) => a.name)).toEqual(['车间排班表.png', '加班记录.pdf']);
  });

  test("R30 the bot's own uploads into a DM (a send-me, an export) are not asked about", async () => {
    const own = h.slack.files.upload('UBOT', '导出-名册.xlsx', Buffer.from('PK'));
    const before = h.slack.of('chat.postMessage').length;
    await h.client.fileShare(`EvOwn${own.id}`, 'UBOT', [own]);
    const theirs = textFile('补充.txt', '补充说明');
    await offered(users.huBin, theirs);
    const answered = h.slack.of('chat.postMessage').slice(before);
    expect(answered.map((m) => String(m.text)).filter((t) => t.includes('导出-名册'))).toEqual([]);
  });

  test('R30 a file the event gives by its id only (check_file_info) is asked about without a name and kept under its own', async () => {
    const file = textFile('班组记录.txt', '记录');
    const truncated = {
      id: file.id,
      mode: 'file_access',
      file_access: 'check_file_info',
      user: '',
    };
    const before = h.slack.of('chat.postMessage').length;
    await h.client.fileShare(`EvCheck${file.id}`, users.huBin, [truncated]);
    const question = await dmSince(users.huBin, before, '收到文件 （名称未知）。');
    const button = buttonsOf(question).find((b) => b.value.includes(filed)) as Element;
    const attached = await click(users.huBin, button);
    expect(String(attached.text)).toContain(`已把 班组记录.txt 添加到 ${filed}`);
  });

  test("R30 a forged click naming another person's file is refused, and that file is never fetched", async () => {
    const kept = (await keptOf(filed)).length;
    const theirs = h.slack.files.upload(users.zhaoMin, '工资表.pdf', pdf, 'application/pdf');
    const forged = {
      action_id: 'attachment_0',
      value: JSON.stringify({ name: 'attach', number: filed, ref: theirs.id }),
    };
    const answer = await click(users.huBin, forged as Element);
    expect(answer.text).toBe('这个文件不是您发送的，不能由您添加到信访件。');
    // Nor does a click naming a file its sender attached say that it was.
    const [proof] = h.slack.files.downloads.filter((d) => d.authorized).map((d) => d.id);
    const copied = {
      action_id: 'attachment_0',
      value: JSON.stringify({ name: 'attach', number: filed, ref: proof }),
    };
    expect((await click(users.zhaoMin, copied as Element)).text).toBe(answer.text);
    expect(h.slack.files.downloads.filter((d) => d.id === theirs.id)).toEqual([]);
    expect(await keptOf(filed)).toHaveLength(kept);
  });

  test('R30 an oversized or wrong-type file is refused with its message, and nothing is kept', async () => {
    const kept = (await keptOf(filed)).length;
    const big = h.slack.files.upload(users.huBin, '录像.png', Buffer.alloc(10 * 1024 * 1024 + 1));
    const tooBig = await click(users.huBin, (await offered(users.huBin, big)).button);
    expect(tooBig.text).toBe('文件超过 10 MB 的上限，未能添加。');
    expect(h.slack.files.downloads.filter((d) => d.id === big.id)).toEqual([]);
    const disguised = h.slack.files.upload(users.huBin, '照片.jpg', program, 'image/jpeg');
    const wrong = await click(users.huBin, (await offered(users.huBin, disguised)).button);
    expect(String(wrong.text)).toMatch(/^不支持这种文件。可以添加：jpg, png/);
    expect(await keptOf(filed)).toHaveLength(kept);

    await h.client.command(users.huBin, 'new');
    const view: View = await h.slack.opened('file', h.slack.of('views.open').length - 1);
    const refused = await h.client.submit(users.huBin, view, {
      ...filing,
      attachments: uploaded(big),
    });
    expect(await refused.json()).toEqual({
      response_action: 'errors',
      errors: { attachments: '文件超过 10 MB 的上限，未能添加。' },
    });
    // From the modal, a wrong type is told in the DM, with no button: trying again cannot help.
    await fileThroughModal({ attachments: uploaded(disguised) });
    const told = await updatedTo('照片.jpg：不支持这种文件。');
    expect(buttonsOf(told)).toEqual([]);
  });

  test('R25 R30 when Slack does not answer about a file the clicker is told nothing was kept, and a second click keeps it', async () => {
    const note = textFile('说明.txt', '加班说明');
    const { button } = await offered(users.huBin, note);
    h.slack.stallNext('files.info');
    const before = h.slack.responses.length;
    await h.client.click(users.huBin, button.action_id, button.value, { channel: 'D', ts: '1' });
    // The app's Web API calls give up after 4 s (apiTimeoutMs).
    const failed = await eventually(() => h.slack.responses[before], 10_000);
    expect(String(failed.text)).toMatch(/^抱歉，处理时出了问题，没有保存任何内容。/);
    expect((await keptOf(filed)).map((a) => a.name)).not.toContain('说明.txt');
    const again = await click(users.huBin, button);
    expect(String(again.text)).toContain(`已把 说明.txt 添加到 ${filed}`);
  }, 20_000);

  test('R25 R30 a modal’s file is announced in the DM with its button before it is fetched, so when fetching fails (or the bot stops) the click still attaches it', async () => {
    const hours = textFile('工时表.txt', '十月工时');
    h.slack.stallNext('files.info');
    const before = h.slack.of('chat.postMessage').length;
    const { number: later } = await fileThroughModal({ attachments: uploaded(hours) });
    const adding = await dmSince(users.huBin, before, `正在把 工时表.txt 添加到 ${later}`);
    const [add] = buttonsOf(adding);
    expect(JSON.parse(add.value)).toEqual({ name: 'attach', number: later, ref: hours.id });
    // The app's Web API calls give up after 4 s (apiTimeoutMs); the button stays for a second try.
    const failed = await eventually(
      () => h.slack.of('chat.update').find((m) => String(m.text).startsWith('工时表.txt：抱歉')),
      10_000,
    );
    expect(buttonsOf(failed as Message)).toEqual([add]);
    expect(String((await click(users.huBin, add)).text)).toContain(
      `已把 工时表.txt 添加到 ${later}`,
    );
    expect((await keptOf(later)).map((a) => a.name)).toEqual(['工时表.txt']);
  }, 20_000);

  test('R25 R30 files Slack is slow to give do not hold back other answers: a queue asked for meanwhile comes first', async () => {
    const buttons: Element[] = [];
    for (const n of [1, 2, 3, 4]) {
      buttons.push((await offered(users.huBin, textFile(`慢${n}.txt`, '慢'))).button);
    }
    h.slack.stallNext('files.info', buttons.length);
    const before = h.slack.responses.length;
    for (const b of buttons) {
      await h.client.click(users.huBin, b.action_id, b.value, { channel: 'D', ts: '1' });
    }
    const queue = await answerTo(users.zhaoMin, 'queue');
    expect(String(queue.text)).toContain(filed);
    // Each stalled click is answered once its call gives up, before the next test reads answers.
    await eventually(() => h.slack.responses.length >= before + 5, 15_000);
  }, 30_000);

  test('R30 R23 the files are gone with the case when it is destroyed', async () => {
    const years: Years = {
      core: h.bot.core,
      as: actorOf,
      clock: {
        now: () => h.clock.now(),
        set: (iso) => h.clock.advance(new Date(iso).getTime() - h.clock.now().getTime()),
      },
    };
    const ids = (await keptOf(filed)).map((a) => a.id);
    await destroyedLongAgo(years, filed);
    expect(await keptOf(filed)).toEqual([]);
    const m = h.bot.core.store.manager;
    expect(await m.countBy(AttachmentChunkEntity, { attachmentId: ids[0] })).toBe(0);
    const listed = await answerTo(users.huBin, `attachments ${filed}`);
    expect(listed.text).toBe(`找不到信访件 ${filed}，请检查编号。`);
  });
});
