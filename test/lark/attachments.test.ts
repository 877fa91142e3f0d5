import sharp from 'sharp';
import { theBot } from '../../src/domain/people';
import { actorByKeyOrName } from '../../src/services/actors';
import { archive, destroy } from '../../src/services/archive';
import { withdraw } from '../../src/services/closure';
import { attach, attachmentsOf, openAttachment } from '../../src/services/attachments';
import { file } from '../../src/services/file';
import { AttachmentChunkEntity } from '../../src/store/entities';
import { photoWithExif } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { buttonsOf, cardText, type SentMessage } from './fake-lark';
import { LarkHarness, openIds } from './harness';

interface Answer {
  toast?: { type: string; content: string };
}

/** Someone the organisation file does not list: registered on first contact, with no role. */
const employee = 'ou_77aa0000000000000000000000000001';
const limit = 512 * 1024;

eachDatabase('R30 attachments on Lark', (db) => {
  const h = new LarkHarness();
  beforeAll(() => h.start(db().url, { ATTACHMENT_MAX_BYTES: String(limit) }));
  afterAll(() => h.stop());

  const core = () => h.bot.core;
  const fileAs = async (key: string) =>
    file(core(), await actorByKeyOrName(core(), key), {
      categoryId: 'labour.salary',
      content: '十月加班费未按规定发放，冲压车间五人少了加班费。',
      contact: '13800000000',
      commitment: true,
    });
  const since = (id: string, before: number) => h.lark.to(id).slice(before);
  const answerOf = async (response: Response) => {
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  const filesOf = async (number: string) =>
    core().store.manager.query(
      'SELECT a.id FROM attachments a JOIN petitions p ON p.id = a.petition_id WHERE p.number = ?',
      [number],
    ) as Promise<{ id: number }[]>;

  /** Sends a picture or file to the bot's DM; returns it and the "which case?" card that comes. */
  async function send(from: string, type: 'image' | 'file', bytes: Buffer, name?: string) {
    const sent = h.lark.receive(from, type, bytes, name);
    const before = h.lark.to(from).length;
    await h.events.file(sent);
    await h.idle();
    const [card] = since(from, before);
    return { sent, card };
  }

  /** Clicks a button on a card; resolves to the toast once the work after the answer is done. */
  async function click(openId: string, card: SentMessage, value: object) {
    const answer = await answerOf(await h.events.cardAction(openId, value, card.id));
    await h.idle();
    return answer;
  }

  const attachButton = (card: SentMessage, number: string) => {
    const value = buttonsOf(card).find((v) => v.name === 'attach' && v.number === number);
    if (!value) throw new Error(`no attach button for ${number} on ${cardText(card)}`);
    return value;
  };

  async function listAs(openId: string, number: string): Promise<SentMessage> {
    const before = h.lark.to(openId).length;
    await h.events.message(openId, `附件 ${number}`);
    await h.idle();
    return since(openId, before)[0];
  }

  test('R30 a picture sent to the bot is asked which open case it is for, kept on the click, listed for the handler and sent to them; refused to an employee; gone after destruction', async () => {
    const { number } = await fileAs('hu.bin');
    const photo = await photoWithExif();
    const { card } = await send(openIds.huBin, 'image', photo);
    expect(cardText(card)).toContain('它属于您的哪一件信访');
    const answer = await click(openIds.huBin, card, attachButton(card, number));
    expect(answer.toast).toEqual({ type: 'info', content: expect.stringContaining(number) });
    const done = h.lark.patched.find((p) => p.id === card.id);
    expect(cardText(done!)).toContain(`添加到 ${number}`);
    const [kept] = await filesOf(number);
    expect(kept).toBeDefined();
    expect(
      await core().store.manager.countBy(AttachmentChunkEntity, { attachmentId: kept.id }),
    ).toBeGreaterThan(0);

    const list = await listAs(openIds.zhaoMin, number);
    expect(cardText(list)).toContain(`${number} 的附件（1 个）`);
    const [sendMe] = buttonsOf(list);
    expect(sendMe).toMatchObject({ name: 'send_attachment', number });
    const before = h.lark.to(openIds.zhaoMin).length;
    const sent = await click(openIds.zhaoMin, list, sendMe);
    expect(sent.toast?.type).toBe('success');
    const [delivered] = since(openIds.zhaoMin, before);
    expect(delivered.type).toBe('file');
    const upload = h.lark.uploads.get(String(delivered.content.file_key));
    expect(upload?.raw.includes(photo)).toBe(true);

    const refusedList = await listAs(employee, number);
    expect(cardText(refusedList)).toContain('找不到信访件');
    const refusedSend = await click(employee, list, sendMe);
    expect(refusedSend.toast).toEqual({
      type: 'error',
      content: expect.stringContaining('找不到信访件'),
    });

    const huBin = await actorByKeyOrName(core(), 'hu.bin');
    await withdraw(core(), huBin, number, '已私下解决');
    await archive(core(), theBot, number);
    await destroy(core(), theBot, number);
    expect(await filesOf(number)).toHaveLength(0);
    const m = core().store.manager;
    expect(await m.countBy(AttachmentChunkEntity, { attachmentId: kept.id })).toBe(0);
    expect(cardText(await listAs(openIds.zhaoMin, number))).toContain(`${number} 还没有附件`);
  });

  /** The text messages that came to someone since `before`, one string. */
  const textsSince = (id: string, before: number) => since(id, before).map(cardText).join('\n');

  /** Clicks a button on the "which case?" card; resolves to what came to the clicker by DM. */
  async function dmAfter(openId: string, card: SentMessage, value: object): Promise<string> {
    const before = h.lark.to(openId).length;
    await click(openId, card, value);
    return textsSince(openId, before);
  }

  test('R30 R6 a forged click naming another person’s file, or nothing readable, is refused, and nothing is attached to any case', async () => {
    const victim = await fileAs('hu.bin');
    const { sent } = await send(
      openIds.huBin,
      'file',
      Buffer.from('%PDF-1.4 工资条'),
      '工资条.pdf',
    );
    const own = await fileAs('chen.jing');
    const { sent: hers, card } = await send(openIds.chenJing, 'image', await photoWithExif());
    const forged = {
      ...attachButton(card, own.number),
      ref: JSON.stringify([sent.messageId, sent.key, 'file']),
    };
    expect(await dmAfter(openIds.chenJing, card, forged)).toContain('这个文件不是您发送的');
    // Her own message with someone else's file key: not the resource her message holds.
    const mixed = { ...forged, ref: JSON.stringify([hers.messageId, sent.key, 'file']) };
    expect(await dmAfter(openIds.chenJing, card, mixed)).toContain('这个文件不是您发送的');
    const refs = [
      'not json',
      JSON.stringify(['om_x'.repeat(2000), sent.key, 'file']),
      // A path into another Open API endpoint, which the bot's token would open.
      JSON.stringify(['../../../contact/v3/users/ou_x', sent.key, 'file']),
      JSON.stringify([sent.messageId, '../../../../contact/v3/users/ou_x', 'file']),
    ];
    for (const ref of refs) {
      expect(await dmAfter(openIds.chenJing, card, { ...forged, ref })).toContain(
        '找不到这个文件了',
      );
    }
    expect(h.lark.calls.filter((c) => /\/ou_x(\/|$)/.test(c.path))).toEqual([]);
    const ownFile = attachButton(card, own.number);
    const noCase = { ...ownFile, number: `${own.number}-`.repeat(100) };
    expect(await dmAfter(openIds.chenJing, card, noCase)).toContain('找不到信访件');
    expect(await filesOf(own.number)).toHaveLength(0);
    expect(await filesOf(victim.number)).toHaveLength(0);
    expect(h.lark.patched.find((p) => p.id === card.id)).toBeUndefined();
  });

  test.each([
    ['with its length stated', false],
    ['sent in chunks of no stated length', true],
  ])(
    'R30 a file over ATTACHMENT_MAX_BYTES %s is refused naming the limit, and not downloaded whole',
    async (_how, chunked) => {
      h.lark.chunkedDownloads = chunked;
      try {
        const { number } = await fileAs('hu.bin');
        const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(limit * 32, 0x20)]);
        const { card } = await send(openIds.huBin, 'file', big, '扫描件.pdf');
        expect(await dmAfter(openIds.huBin, card, attachButton(card, number))).toContain(
          '文件超过 0.5 MB 的上限',
        );
        await expect(h.lark.downloads.at(-1)).resolves.toBe('cut');
        expect(await filesOf(number)).toHaveLength(0);
      } finally {
        h.lark.chunkedDownloads = false;
      }
    },
  );

  test('R30 a file of a kind not kept is refused by its bytes, whatever its name says', async () => {
    const { number } = await fileAs('hu.bin');
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const { card } = await send(openIds.huBin, 'file', program, '证据.pdf');
    expect(await dmAfter(openIds.huBin, card, attachButton(card, number))).toContain(
      '不支持这种文件',
    );
    expect(await filesOf(number)).toHaveLength(0);
  });

  test('R26 R30 a second click on the same file keeps it once', async () => {
    const { number } = await fileAs('hu.bin');
    const { card } = await send(
      openIds.huBin,
      'file',
      Buffer.from('加班记录：十月共 36 小时'),
      '记录.txt',
    );
    const value = attachButton(card, number);
    await click(openIds.huBin, card, value);
    const before = h.lark.to(openIds.huBin).length;
    await click(openIds.huBin, card, value);
    expect(await filesOf(number)).toHaveLength(1);
    const twice = h.lark.patched.filter((p) => p.id === card.id).map(cardText);
    expect(twice).toEqual([
      expect.stringContaining(`已把 记录.txt 添加到 ${number}`),
      expect.stringContaining(`已经添加到 ${number}`),
    ]);
    expect(since(openIds.huBin, before)).toHaveLength(0);
  });

  test('R30 someone with no open case is told so, with no button to click', async () => {
    const newcomer = 'ou_77aa0000000000000000000000000002';
    const { card } = await send(newcomer, 'image', await photoWithExif());
    expect(cardText(card)).toContain('您没有可以添加附件的在办信访件');
    expect(buttonsOf(card)).toEqual([]);
  });

  test('R30 R6 a confidential filer’s photo sent as a named file is kept without its EXIF, under a neutral name', async () => {
    const huBin = await actorByKeyOrName(core(), 'hu.bin');
    const { number } = await file(core(), huBin, {
      categoryId: 'labour.salary',
      content: '班组长私扣加班费，希望为我保密。',
      contact: '13800000000',
      mode: 'confidential',
      commitment: true,
    });
    const photo = await photoWithExif();
    const { card } = await send(openIds.huBin, 'file', photo, '张三-工资条.jpg');
    await click(openIds.huBin, card, attachButton(card, number));
    const done = cardText(h.lark.patched.find((p) => p.id === card.id)!);
    expect(done).toContain(`已把 附件-1.jpg 添加到 ${number}`);
    const [kept] = await attachmentsOf(core(), huBin, number);
    const opened = await openAttachment(core(), huBin, number, kept.id);
    expect(opened.name).toBe('附件-1.jpg');
    expect((await sharp(opened.bytes).metadata()).exif).toBeUndefined();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
  });

  test('R30 a file recalled from Lark before the click is refused as gone, and nothing is kept', async () => {
    const { number } = await fileAs('hu.bin');
    const { sent, card } = await send(openIds.huBin, 'file', Buffer.from('撤回的文件'), '草稿.txt');
    sent.recalled = true;
    expect(await dmAfter(openIds.huBin, card, attachButton(card, number))).toContain(
      '找不到这个文件了，请重新发送',
    );
    expect(await filesOf(number)).toHaveLength(0);
  });

  test('R30 a download Lark never answers fails with an apology naming its id, keeps nothing, and may be clicked again', async () => {
    const { number } = await fileAs('hu.bin');
    const { sent, card } = await send(openIds.huBin, 'file', Buffer.from('考勤表'), '考勤.txt');
    h.lark.stallNext(`/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}`);
    expect(await dmAfter(openIds.huBin, card, attachButton(card, number))).toMatch(
      /出了问题.*编号 [0-9a-f]{8}/s,
    );
    expect(await filesOf(number)).toHaveLength(0);
    await click(openIds.huBin, card, attachButton(card, number));
    expect(await filesOf(number)).toHaveLength(1);
  });

  test('R30 `附件 XF-… 1` sends the case’s first file to the DM at once; a number with no file is refused', async () => {
    const huBin = await actorByKeyOrName(core(), 'hu.bin');
    const { number } = await fileAs('hu.bin');
    const notes = Buffer.from('十月考勤：加班 36 小时');
    await attach(core(), huBin, number, { name: '考勤.txt', bytes: notes });
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, `附件 ${number} 1`);
    await h.idle();
    const [delivered, said] = since(openIds.huBin, before);
    expect(delivered.type).toBe('file');
    expect(h.lark.uploads.get(String(delivered.content.file_key))?.raw.includes(notes)).toBe(true);
    expect(cardText(said)).toContain('已把 考勤.txt 发到您的私信');
    const missing = await listAs(openIds.huBin, `${number} 2`);
    expect(cardText(missing)).toContain(`${number} 没有第 2 个附件（共 1 个）`);
  });

  test('R30 a download Lark refuses for its rate is a failure to try again, not a file gone', async () => {
    const { number } = await fileAs('hu.bin');
    const { sent, card } = await send(openIds.huBin, 'file', Buffer.from('排班表'), '排班.txt');
    const path = `/open-apis/im/v1/messages/${sent.messageId}/resources/${sent.key}`;
    h.lark.failNext(path, { status: 429, code: 99991400 });
    const said = await dmAfter(openIds.huBin, card, attachButton(card, number));
    expect(said).toMatch(/出了问题.*编号 [0-9a-f]{8}/s);
    expect(said).not.toContain('找不到这个文件');
    await click(openIds.huBin, card, attachButton(card, number));
    expect(await filesOf(number)).toHaveLength(1);
  });

  test('R30 a "send me" Lark will not take the upload for leaves the asker an apology, not silence', async () => {
    const huBin = await actorByKeyOrName(core(), 'hu.bin');
    const { number } = await fileAs('hu.bin');
    await attach(core(), huBin, number, { name: '说明.txt', bytes: Buffer.from('情况说明') });
    const list = await listAs(openIds.huBin, number);
    h.lark.failNext('/open-apis/im/v1/files', { status: 500, code: 0 });
    const said = await dmAfter(openIds.huBin, list, buttonsOf(list)[0]);
    expect(said).toMatch(/出了问题.*编号 [0-9a-f]{8}/s);
    expect(h.lark.unusedFailures('/open-apis/im/v1/files')).toBe(0);
  });
});
