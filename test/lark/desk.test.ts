import { PNG } from 'pngjs';
import type { AdjustableClock } from '../../src/domain/clock';
import { DatabaseRunCoordinator } from '../../src/jobs/coordinator';
import { runJobNow } from '../../src/jobs/scheduler';
import { eachDatabase } from '../support/databases';
import { fileSuggestions } from '../support/pages';
import { buttonsOf, cardText } from './fake-lark';
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

  test('R29 R19 the weekly summary card carries its charts, uploaded to im/v1/images first', async () => {
    const core = h.bot.core;
    // A week on, the three suggestions filed are last week's: the breakdown has them.
    (core.clock as AdjustableClock).advance(7 * 86_400_000);
    const coordinator = new DatabaseRunCoordinator(core.store, 'test', () => core.clock.now());
    expect(await runJobNow(core, coordinator, 'weekly-summary')).toBeGreaterThan(0);
    const summaryChat = 'oc_8a4c3d4e5f6a7b8c9d0e1f2a3b4c5d6e';
    for (let run = 0; run < 20 && h.lark.to(summaryChat).length === 0; run++) await h.settle();
    const [card] = h.lark.to(summaryChat);
    const elements = (card.content.body as { elements: { tag: string; img_key?: string }[] })
      .elements;
    expect(JSON.stringify(elements[0])).toContain('矛盾分析周报');
    const images = elements.filter((e) => e.tag === 'img');
    expect(images).toHaveLength(2);
    for (const image of images) {
      const upload = h.lark.uploads.get(String(image.img_key));
      expect(upload?.fields.image_type).toBe('message');
      const start = upload?.raw.indexOf(Buffer.from('\x89PNG', 'latin1')) ?? -1;
      const end = (upload?.raw.indexOf(Buffer.from('IEND', 'latin1')) ?? -1) + 8;
      const png = PNG.sync.read(upload?.raw.subarray(start, end) as Buffer);
      expect([png.width, png.height]).toEqual([960, 540]);
    }
  });

  test('R29 the welcome card shows the office what needs action, with buttons into the lists', async () => {
    const office = 'ou_d4e5f60718293a4b5c6d7e8f90a1b2c3';
    const before = h.lark.to(office).length;
    await h.events.entered(office);
    await h.idle();
    const welcome = h.lark.to(office)[before];
    expect(cardText(welcome)).toMatch(/已超期 \d+ 件 · 本周到期 \d+ 件/);
    expect(buttonsOf(welcome).filter((v) => v.name === 'open')).toHaveLength(2);
  });
});
