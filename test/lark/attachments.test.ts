import { theBot } from '../../src/domain/people';
import { actorByKeyOrName } from '../../src/services/actors';
import { archive, destroy } from '../../src/services/archive';
import { withdraw } from '../../src/services/closure';
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
});
