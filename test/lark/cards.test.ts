import { noticeCard } from '../../adapters/lark/cards';
import { answered, formCard } from '../../adapters/lark/form-cards';
import {
  interactionNames,
  interactions,
  type InteractionName,
} from '../../adapters/shared/interactions';
import type { OpenForm } from '../../adapters/shared/model';
import { loadOrganisation } from '../../src/config/org';
import type { Actor } from '../../src/domain/people';
import { Translator } from '../../src/i18n/translator';
import type { OutgoingNotice } from '../../src/notices/notice';

const t = new Translator(loadOrganisation('org.example.yaml'));
const liaison: Actor = {
  person: { id: 1, orgKey: 'li', name: '李', departmentId: 'hr', locale: null, active: true },
  roles: [{ role: 'liaison', scope: 'team1' }],
} as unknown as Actor;
const fieldsOf = (name: InteractionName) =>
  interactions[name].fields({ actor: liaison, t, locale: 'zh-CN', today: '2026-11-27' });
const formOf = (name: InteractionName, values = {}): OpenForm => ({
  name,
  number: 'XF-2026-000001',
  title: t.t('zh-CN', `form.${name}_title`),
  fields: fieldsOf(name),
  values,
  origin: { request: 3 },
});

type Node = Record<string, unknown>;
const elementsOf = (card: { body: { elements: object[] } }) => card.body.elements as Node[];

describe('Lark cards', () => {
  test.each(interactionNames)(
    'R25 R32 the %s form is a Card 2.0 form container with a component per field and one submit button naming the form',
    (form) => {
      const card = formCard(t, 'zh-CN', formOf(form));
      expect(card).toMatchObject({ schema: '2.0', config: { update_multi: true } });
      const [container] = elementsOf(card);
      expect(container.tag).toBe('form');
      const parts = container.elements as Node[];
      const named = parts
        .filter((p) => p.tag !== 'markdown' && p.tag !== 'button')
        .map((p) => p.name);
      expect(named).toEqual(fieldsOf(form).map((f) => f.id));
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
    const card = formCard(t, 'en', formOf('file', { content: '长'.repeat(1200) }));
    const content = (elementsOf(card)[0].elements as Node[]).find((p) => p.name === 'content')!;
    expect(content.max_length).toBe(1000);
    expect(String(content.default_value)).toHaveLength(1000);
    expect(JSON.stringify(card)).not.toContain('"content":"长长');
    expect(JSON.stringify(card)).toContain('the rest of your text was left out');
  });

  test('a date picker answer becomes its day, a ticked checker "yes", an unticked one empty; text is kept whole', () => {
    const reply = fieldsOf('reply');
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
    const filing = fieldsOf('file');
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
    const [text] = elementsOf(noticeCard(t, 'zh-CN', notice, []));
    expect(text).toEqual({
      tag: 'div',
      text: { tag: 'plain_text', content: expect.stringContaining('<at id=all></at> **加急**') },
    });
  });
});
