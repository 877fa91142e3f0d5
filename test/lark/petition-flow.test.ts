import { eachDatabase } from '../support/databases';
import { buttonsOf, cardText, type SentMessage } from './fake-lark';
import { hrChat, LarkHarness, openIds } from './harness';

interface Answer {
  toast?: { type: string; content: string };
  card?: { type: string; data: { body: unknown } };
}

eachDatabase('R25 Lark end to end', (db) => {
  const h = new LarkHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  let number = '';
  const answerOf = async (response: Response) => {
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  /** The last card sent to someone whose text includes the words. */
  const lastTo = (id: string, words: string) => {
    const found = h.lark
      .to(id)
      .filter((m) => cardText(m).includes(words))
      .pop();
    if (!found) throw new Error(`nothing with "${words}" was sent to ${id}`);
    return found;
  };
  const button = (message: SentMessage, name: string) => {
    const value = buttonsOf(message).find((v) => v.name === name || v.form === name);
    if (!value) throw new Error(`no ${name} button on ${cardText(message)}`);
    return value;
  };
  const caseButton = (message: SentMessage, name: string) => {
    const value = buttonsOf(message).find((v) => v.name === name && v.number === number);
    if (!value) throw new Error(`no ${name} button for ${number} on ${cardText(message)}`);
    return value;
  };
  const today = () => `${h.today()} +0800`;

  /** Clicks a button that opens a form and returns the form card that arrives by DM. */
  async function openForm(openId: string, message: SentMessage, value: object) {
    const before = h.lark.to(openId).length;
    const answer = await answerOf(await h.events.cardAction(openId, value, message.id));
    expect(answer.toast?.type).toBe('info');
    await h.idle();
    const form = h.lark.to(openId).slice(before)[0];
    expect(form.content).toMatchObject({ schema: '2.0' });
    return form;
  }

  const submit = async (openId: string, form: SentMessage, values: Record<string, unknown>) =>
    answerOf(
      await h.events.cardAction(
        openId,
        buttonsOf(form).find((v) => v.form)!,
        form.id,
        values,
      ),
    );

  test('R1 R5 "提交" in the bot chat brings the filing form; without the commitment the toast names it and the card stays', async () => {
    await h.events.message(openIds.huBin, '提交 十月加班费少发，冲压车间五人。');
    await h.settle();
    const form = lastTo(openIds.huBin, '提交信访');
    expect(JSON.stringify(form.content)).toContain('十月加班费少发，冲压车间五人。');
    const values = {
      category: 'labour.salary',
      content: '十月加班费少发，冲压车间五人。',
      contact: '13800000000',
      people: '5',
      mode: 'named',
      commitment: false,
    };
    const refused = await submit(openIds.huBin, form, values);
    expect(refused.toast).toEqual({
      type: 'error',
      content: expect.stringContaining('提交前请确认承诺'),
    });
    expect(refused.card).toBeUndefined();
    const filed = await submit(openIds.huBin, form, { ...values, commitment: true });
    expect(filed.toast?.type).toBe('success');
    number = /XF-\d{4}-\d{6}/.exec(JSON.stringify(filed.card))?.[0] ?? '';
    expect(number).toMatch(/^XF-\d{4}-\d{6}$/);
  });

  test('R2 the filing reaches the department group chat and the handler as cards with buttons', async () => {
    await h.settle();
    const group = lastTo(hrChat, number);
    expect(cardText(group)).not.toContain('胡斌');
    expect(buttonsOf(group).map((v) => v.name)).toEqual(['show', 'accept', 'decline']);
    const toHandler = lastTo(openIds.zhaoMin, number);
    expect(button(toHandler, 'accept')).toEqual({ name: 'accept', number });
  });

  test('R8 R5 a handler accepts from the card with a committed date, once however often submitted; the notice card shows who acted', async () => {
    const notice = lastTo(openIds.zhaoMin, number);
    const form = await openForm(openIds.zhaoMin, notice, button(notice, 'accept'));
    const answer = await submit(openIds.zhaoMin, form, { replyBy: today() });
    expect(answer.toast?.content).toContain(`赵敏：受理（${number}）`);
    const twice = await submit(openIds.zhaoMin, form, { replyBy: today() });
    expect(twice).toEqual({ toast: { type: 'info', content: '这张表单已经提交过了。' } });
    await h.settle();
    const patch = h.lark.patched.find((p) => p.id === notice.id);
    expect(cardText(patch!)).toContain(`赵敏：受理（${number}）`);
    expect(cardText(lastTo(openIds.huBin, '承诺于'))).toContain(`承诺于 ${h.today()} 前答复`);
    expect(h.lark.to(openIds.huBin).filter((m) => cardText(m).includes('承诺于'))).toHaveLength(1);
  });

  test('R8 a click on the stale accept button in the group is refused politely and sends no form', async () => {
    const group = lastTo(hrChat, number);
    const before = h.lark.sent.length;
    const answer = await answerOf(
      await h.events.cardAction(openIds.zhaoMin, button(group, 'accept'), group.id),
    );
    expect(answer.toast).toEqual({ type: 'error', content: expect.stringContaining('不能执行') });
    await h.settle();
    expect(h.lark.sent).toHaveLength(before);
  });

  test('R10 the owner asks for an extension from the welcome card and the department head approves it', async () => {
    await h.events.entered(openIds.zhaoMin);
    await h.settle();
    const welcome = lastTo(openIds.zhaoMin, '我的待办');
    const form = await openForm(openIds.zhaoMin, welcome, caseButton(welcome, 'extend'));
    expect(
      (await submit(openIds.zhaoMin, form, { days: '5', reason: '需要财务数据' })).toast?.type,
    ).toBe('success');
    await h.settle();
    const ask = lastTo(openIds.yangLei, '申请将');
    const approved = await answerOf(
      await h.events.cardAction(openIds.yangLei, button(ask, 'approve'), ask.id),
    );
    expect(JSON.stringify(approved.card)).toContain('杨磊');
    await h.settle();
    expect(cardText(lastTo(openIds.huBin, '延期申请已批准'))).toContain(number);
  });

  test('R11 R12 R13 reply, an unsatisfied rating, and an appeal to the review board', async () => {
    // The welcome card stays in the chat; its buttons still act on the case as it is now.
    const welcome = lastTo(openIds.zhaoMin, '我的待办');
    const form = await openForm(openIds.zhaoMin, welcome, caseButton(welcome, 'reply'));
    const parts = {
      investigation: '核查考勤',
      facts: '少计系数',
      basis: '',
      conclusion: '补发',
      method: 'in_system',
      deliveredOn: today(),
    };
    const missing = await submit(openIds.zhaoMin, form, parts);
    expect(missing.toast).toEqual({ type: 'error', content: expect.stringContaining('处理依据') });
    const done = await submit(openIds.zhaoMin, form, { ...parts, basis: '薪酬管理办法' });
    expect(done.toast?.type).toBe('success');
    await h.settle();
    const ask = lastTo(openIds.huBin, '请对');
    const rated = await answerOf(
      await h.events.cardAction(
        openIds.huBin,
        buttonsOf(ask).find((v) => (v.values as { rating?: string })?.rating === 'unsatisfied')!,
        ask.id,
      ),
    );
    expect(JSON.stringify(rated.card)).toContain('胡斌');
    const replied = lastTo(openIds.huBin, '已书面答复');
    const appeal = await openForm(openIds.huBin, replied, button(replied, 'appeal'));
    expect((await submit(openIds.huBin, appeal, { reason: '九月也少发' })).toast?.type).toBe(
      'success',
    );
    await h.settle();
    const board = lastTo(openIds.chenJing, '申请复查');
    expect(button(board, 'review')).toEqual({ name: 'review', number });
  });
});
