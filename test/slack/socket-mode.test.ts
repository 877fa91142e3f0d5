import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { startBot, type RunningBot } from '../../adapters/start';
import { loadEnv } from '../../src/config/env';
import { AdjustableClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { eventually, FakeSlack } from './fake-slack';
import { secret, users } from './harness';

/**
 * Slack's Socket Mode on 127.0.0.1: apps.connections.open on the fake Web API hands out this
 * WebSocket server, which greets the client with `hello` and then delivers envelopes as Slack does.
 */
describe('R25 Slack over Socket Mode (SLACK_APP_TOKEN)', () => {
  const slack = new FakeSlack();
  let sockets: WebSocketServer;
  let link: WebSocket | undefined;
  const received: { envelope_id?: string }[] = [];
  let bot: RunningBot;

  beforeAll(async () => {
    await slack.start();
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => sockets.once('listening', resolve));
    slack.socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/link`;
    sockets.on('connection', (socket) => {
      link = socket;
      socket.on('message', (data) => received.push(JSON.parse(String(data)) as object));
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A1' },
        }),
      );
    });
    bot = await startBot(
      loadEnv({
        DATABASE_URL: 'sqlite::memory:',
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: secret,
        SLACK_APP_TOKEN: 'xapp-test',
        SLACK_API_URL: `${slack.url}/api/`,
        ORG_CONFIG: 'org.example.yaml',
      }),
      new AdjustableClock(),
      createLogger('silent'),
      { host: '127.0.0.1', schedule: false, dispatchEveryMs: 3_600_000 },
    );
  });

  afterAll(async () => {
    await bot.stop();
    await new Promise((resolve) => sockets.close(resolve));
    await slack.stop();
  });

  const deliver = (envelope: object) => link?.send(JSON.stringify(envelope));

  test('a slash command envelope is acknowledged on the socket and answered like one over HTTP', async () => {
    expect(slack.of('apps.connections.open')).toHaveLength(1);
    deliver({
      envelope_id: 'env-command-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/petition',
        text: 'mine',
        user_id: users.huBin,
        team_id: 'T1',
        channel_id: 'D1',
        response_url: `${slack.url}/respond`,
        trigger_id: 'trigger-1',
      },
    });
    await eventually(() => received.find((m) => m.envelope_id === 'env-command-1'));
    const answer = await eventually(() => slack.responses[0]);
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: '没有信访件。' });
  });

  test('R1 an events_api envelope (a direct message) is acted on once, however often it is delivered', async () => {
    const envelope = {
      envelope_id: 'env-event-1',
      type: 'events_api',
      accepts_response_payload: false,
      payload: {
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: 'EvSocket1',
        event_time: 1,
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D2',
          user: users.huBin,
          text: '宿舍热水器坏了一周',
          ts: '3.0',
          event_ts: '3.0',
        },
      },
    };
    deliver(envelope);
    deliver({ ...envelope, envelope_id: 'env-event-2', retry_attempt: 1 });
    await eventually(() => received.find((m) => m.envelope_id === 'env-event-2'));
    const offer = await eventually(() =>
      slack.of('chat.postMessage').find((m) => String(m.text).includes('作为信访提交')),
    );
    expect(JSON.stringify(offer.blocks)).toContain('petition_file');
    await new Promise((r) => setTimeout(r, 200));
    expect(
      slack.of('chat.postMessage').filter((m) => String(m.text).includes('作为信访提交')),
    ).toHaveLength(1);
  });
});
