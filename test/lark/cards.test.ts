import { noticeCard } from '../../adapters/lark/cards';
import { answered, formCard } from '../../adapters/lark/form-cards';
import { formFields, formNames } from '../../adapters/shared/forms';
import { loadOrganisation } from '../../src/config/org';
import { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';

const t = new Translator(loadOrganisation('org.example.yaml'));

type Node = Record<string, unknown>;
const elementsOf = (card: { body: { elements: object[] } }) => card.body.elements as Node[];

describe('Lark cards', () => {
  test.each(formNames)(
    'R25 the %s form is a Card 2.0 form container with a component per field and one submit button naming the form',
    (form) => {
      const card = formCard(
        t,
        'zh-CN',
        form,
        { number: 'XF-2026-000001', request: 3 },
        '2026-11-27',
      );
      expect(card).toMatchObject({ schema: '2.0', config: { update_multi: true } });
      const [container] = elementsOf(card);
      expect(container.tag).toBe('form');
      const parts = container.elements as Node[];
      const named = parts
        .filter((p) => p.tag !== 'markdown' && p.tag !== 'button')
        .map((p) => p.name);
      expect(named).toEqual(formFields(t, 'zh-CN', form, {}, '2026-11-27').map((f) => f.id));
      // Lark wants every name on a card to be unique.
      const names = [container.name, ...parts.map((p) => p.name).filter(Boolean)];
      expect(new Set(names).size).toBe(names.length);
      const buttons = parts.filter((p) => p.tag === 'button');
      expect(buttons).toHaveLength(1);
      expect(buttons[0]).toMatchObject({
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { form, number: 'XF-2026-000001', request: 3 } }],
      });
    },
  );

  test('R1 the filing form starts from the text already written, within the 1,000 characters a Lark input takes, and says what was left out', () => {
    const card = formCard(t, 'en', 'file', { content: '长'.repeat(1200) }, '2026-11-27');
    const content = (elementsOf(card)[0].elements as Node[]).find((p) => p.name === 'content')!;
    expect(content.max_length).toBe(1000);
    expect(String(content.default_value)).toHaveLength(1000);
    expect(JSON.stringify(card)).not.toContain('"content":"长长');
    expect(JSON.stringify(card)).toContain('the rest of your text was left out');
  });

  test('a date picker answer becomes its day, a ticked checker "yes", an unticked one empty; text is kept whole', () => {
    const reply = formFields(t, 'zh-CN', 'reply', {}, '2026-11-27');
    expect(
      answered(reply, {
        facts: '2026-11-01 考勤记录显示少计',
        deliveredOn: '2026-12-01 +0800',
        method: 'in_system',
      }),
    ).toEqual({
      facts: '2026-11-01 考勤记录显示少计',
      deliveredOn: '2026-12-01',
      method: 'in_system',
    });
    const filing = formFields(t, 'zh-CN', 'file', {}, '2026-11-27');
    expect(answered(filing, { commitment: true, people: '5' })).toEqual({
      commitment: 'yes',
      people: '5',
    });
    expect(answered(filing, { commitment: false })).toEqual({ commitment: '' });
    expect(answered(filing, undefined)).toEqual({});
  });

  test('R6 what people wrote is shown as plain text: a petition cannot format a card or @-mention a group', () => {
    const notice: OutgoingNotice = {
      id: 1,
      kind: 'message_to_petitioner',
      to: { kind: 'person', id: '1' },
      params: { number: 'XF-2026-000001', text: '<at id=all></at> **加急**' },
    };
    const [text] = elementsOf(noticeCard(t, 'zh-CN', notice));
    expect(text).toEqual({
      tag: 'div',
      text: { tag: 'plain_text', content: expect.stringContaining('<at id=all></at> **加急**') },
    });
  });
});
