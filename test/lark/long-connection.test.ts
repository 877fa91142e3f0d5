import { PetitionEntity } from '../../src/store/entities';
import { eventually } from '../slack/fake-slack';
import { LarkHarness, openIds } from './harness';
import { FakeLongConnection } from './long-connection';

/** A v2 envelope as Lark puts it in a long-connection frame: plain, neither signed nor encrypted. */
const envelope = (eventType: string, event: object, id: string) => ({
  schema: '2.0',
  header: {
    event_id: id,
    token: '',
    create_time: String(Date.now()),
    event_type: eventType,
    tenant_key: 'tenant_shuchuan',
    app_id: 'cli_a1b2c3d4e5f60718',
  },
  event,
});

describe('R25 Lark over the long connection (LARK_MODE=ws)', () => {
  const h = new LarkHarness();
  const link = new FakeLongConnection();

  beforeAll(async () => {
    await link.start();
    h.lark.wsUrl = link.url;
    await h.start('sqlite::memory:', { LARK_MODE: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' });
    await eventually(() => link.connected());
  });

  afterAll(async () => {
    await h.stop();
    await link.stop();
  });

  test('a message event in a frame is answered at once and acted on by the same handlers', async () => {
    const answer = await link.send(
      envelope(
        'im.message.receive_v1',
        {
          sender: { sender_id: { open_id: openIds.huBin }, sender_type: 'user' },
          message: {
            message_id: 'om_ws_1',
            create_time: String(Date.now()),
            chat_id: 'oc_dm',
            chat_type: 'p2p',
            message_type: 'text',
            content: JSON.stringify({ text: '提交 食堂夜班没有热饭' }),
          },
        },
        'ev_ws_message_1',
      ),
    );
    expect(answer).toEqual({ code: 200, data: {} });
    await h.idle();
    const form = h.lark.to(openIds.huBin).pop()!;
    expect(JSON.stringify(form.content)).toContain('"default_value":"食堂夜班没有热饭"');
  });

  test('R1 a card action arrives as an event frame, and its answer (toast and card) goes back in the frame', async () => {
    const answer = await link.send(
      envelope(
        'card.action.trigger',
        {
          operator: { open_id: openIds.huBin },
          token: 'c-card-token',
          action: {
            value: { form: 'file', nonce: 'ws-card-1' },
            tag: 'button',
            name: 'submit',
            form_value: {
              category: 'management.rules',
              content: '建议食堂增加夜班热饭供应',
              people: '1',
              mode: 'named',
              commitment: true,
            },
          },
          context: { open_message_id: 'om_form_ws', open_chat_id: 'oc_dm' },
        },
        'ev_ws_card_1',
      ),
    );
    expect(answer.code).toBe(200);
    expect(answer.data).toMatchObject({
      toast: { type: 'success' },
      card: { type: 'raw', data: { schema: '2.0' } },
    });
    const number = /XF-\d{4}-\d{6}/.exec(JSON.stringify(answer.data))?.[0] ?? '';
    expect(number).toMatch(/^XF-\d{4}-\d{6}$/);
    expect(await h.bot.app.store.manager.countBy(PetitionEntity, { number })).toBe(1);
  });
});
