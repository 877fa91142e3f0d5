import { createHash } from 'node:crypto';
import {
  attachIncoming,
  answerAttachments,
  isAttachmentAction,
  sendAttachment,
  whichCase,
  type AttachIncoming,
  type FetchUpload,
} from '../../adapters/shared/attachments';
import { TextRenderer } from '../../adapters/shared/text-render';
import type { Actor } from '../../src/domain/people';
import { Refusal } from '../../src/domain/refusal';
import { Translator } from '../../src/i18n/translator';
import { caseDocument } from '../../src/presenters/case-document';
import { attach, attachmentsOf } from '../../src/services/attachments';
import { caseFile } from '../../src/services/read-models';
import { pdf } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const t = new Translator(patientOrg);
const render = new TextRenderer(t, 'Asia/Shanghai');
const speaker = { t, render, locale: 'zh-CN' as const };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

eachDatabase('R30 attachments as the chats and the case file show them', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R30 R23 the case file and the case document list each file with its size and SHA-256', async () => {
    const { number } = await world.file('hu.bin');
    await attach(world.core, await world.as('hu.bin'), number, { name: '记录.pdf', bytes: pdf });
    const reader = await world.as('zhao.min');
    const text = render.caseFile('zh-CN', await caseFile(world.core, reader, number));
    expect(text).toContain(
      `附件 1：记录.pdf（${pdf.length} B，SHA-256 ${sha256(pdf).slice(0, 12)}…）`,
    );
    const document = await caseDocument(world.core, t, reader, number, 'zh-CN');
    expect(document).toContain(`记录.pdf（${pdf.length} B，SHA-256 ${sha256(pdf)}）`);
  });

  test('R30 the list has a "send me" button per file, and the button gives the file for the DM', async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    await attach(world.core, hu, number, { name: '记录.pdf', bytes: pdf });
    const listed = await answerAttachments(world.core, speaker, hu, number);
    expect(listed.text).toContain('1. 记录.pdf');
    expect(listed.buttons.map((b) => b.label)).toEqual(['发给我：记录.pdf']);
    const [{ action }] = listed.buttons;
    expect(isAttachmentAction(JSON.parse(JSON.stringify(action)))).toBe(true);
    if (action.name !== 'send_attachment') throw new Error('not a send button');
    const sent = await sendAttachment(world.core, speaker, hu, action);
    expect(sent.files?.map((f) => [f.name, f.mime, sha256(f.data)])).toEqual([
      ['记录.pdf', 'application/pdf', sha256(pdf)],
    ]);
    await expect(
      sendAttachment(world.core, speaker, await world.as('guo.hong'), action),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
  });

  test('R30 a file sent to the bot is answered with a button per case of the sender, carrying the reference', async () => {
    const first = await world.file('guo.hong');
    const second = await world.file('guo.hong');
    const answer = await whichCase(world.core, speaker, await world.as('guo.hong'), {
      name: '照片.jpg',
      ref: 'F0001',
    });
    expect(answer.text).toContain('照片.jpg');
    const actions = answer.buttons.map((b) => b.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        { name: 'attach', number: first.number, ref: 'F0001' },
        { name: 'attach', number: second.number, ref: 'F0001' },
      ]),
    );
    const none = await whichCase(world.core, speaker, await world.as('liu.yang'), {
      name: '照片.jpg',
      ref: 'F0002',
    });
    expect(none).toMatchObject({ buttons: [], text: expect.stringContaining('没有可以添加附件') });
  });

  test('R30 the click hands the clicker to the adapter, whose refusal of a file not theirs keeps nothing', async () => {
    const { number } = await world.file('guo.hong');
    const sentBy = new Map<string, string>([
      ['F-guo', 'guo.hong'],
      ['F-hu', 'hu.bin'],
    ]);
    const asked: string[] = [];
    const fetch: FetchUpload = async (ref, clicker: Actor) => {
      asked.push(`${ref}:${clicker.person.orgKey}`);
      if (sentBy.get(ref) !== clicker.person.orgKey)
        throw new Refusal('refusal.attachment_not_yours');
      return { name: '证明.pdf', bytes: pdf };
    };
    const guo = await world.as('guo.hong');
    const click = (ref: string): AttachIncoming => ({ name: 'attach', number, ref });
    await expect(
      attachIncoming(world.core, speaker, guo, click('F-hu'), fetch, 'slack'),
    ).rejects.toMatchObject({
      key: 'refusal.attachment_not_yours',
    });
    const done = await attachIncoming(world.core, speaker, guo, click('F-guo'), fetch, 'slack');
    expect(done.text).toContain(`已把 证明.pdf 添加到 ${number}`);
    expect(asked).toEqual(['F-hu:guo.hong', 'F-guo:guo.hong']);
    expect((await attachmentsOf(world.core, guo, number)).map((f) => f.name)).toEqual(['证明.pdf']);
  });

  test('R30 a button value is read as an attachment action only with every field it needs', () => {
    expect(isAttachmentAction({ name: 'attach', number: 'XF-2026-000001', ref: 'F1' })).toBe(true);
    expect(isAttachmentAction({ name: 'attach', number: 'XF-2026-000001', ref: '' })).toBe(false);
    expect(isAttachmentAction({ name: 'send_attachment', number: 'XF-2026-000001', id: '3' })).toBe(
      false,
    );
    expect(isAttachmentAction({ name: 'show', number: 'XF-2026-000001' })).toBe(false);
  });
});
