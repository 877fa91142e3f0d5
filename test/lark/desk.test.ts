import { eachDatabase } from '../support/databases';
import { fileSuggestions } from '../support/pages';
import { LarkHarness, openIds } from './harness';

eachDatabase('R29 the office desk in Lark', (db) => {
  const h = new LarkHarness();
  beforeAll(async () => {
    await h.start(db().url);
    await fileSuggestions(h.bot.core, 3);
  });
  afterAll(() => h.stop());

  test('R29 "搜索 食堂" answers in the DM with the cases found', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, '搜索 食堂');
    await h.idle();
    const [answer] = h.lark.to(openIds.huBin).slice(before);
    expect(String(answer.content.text)).toContain('共 3 件符合条件');
  });

  test('R29 an export is uploaded to im/v1/files and sent to the asker as a file message', async () => {
    const before = h.lark.to(openIds.huBin).length;
    await h.events.message(openIds.huBin, '导出 名册 本月');
    await h.idle();
    const sent = h.lark.to(openIds.huBin).slice(before);
    expect(String(sent[0].content.text)).toContain('register-');
    const file = sent.find((m) => m.type === 'file');
    const key = String(file?.content.file_key);
    const upload = h.lark.uploads.get(key);
    expect(upload?.fields).toMatchObject({ file_type: 'xls' });
    expect(upload?.fields.file_name).toMatch(/^register-\d{4}-\d{2}-01\.xlsx$/);
    // An XLSX is a zip: its bytes begin PK.
    expect(upload?.raw.includes(Buffer.from('PK\u0003\u0004', 'latin1'))).toBe(true);
  });
});
