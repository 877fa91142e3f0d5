import { EventDispatcher, LoggerLevel } from '@larksuiteoapi/node-sdk';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { menuCommands, registerEvents } from '../../adapters/lark/events';
import type { LarkContext } from '../../adapters/lark/context';

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const manifest = parse(readFileSync('manifest/lark.yaml', 'utf8'));

describe('the Lark app manifest', () => {
  test('subscribes to exactly the events and callbacks the adapter handles', () => {
    const dispatcher = new EventDispatcher({ logger: quiet, loggerLevel: LoggerLevel.fatal });
    registerEvents(dispatcher, {} as LarkContext);
    const handled = [...dispatcher.handles.keys()].filter((k) => k !== 'app_ticket').sort();
    expect([...manifest.events.subscriptions, ...manifest.callbacks.subscriptions].sort()).toEqual(
      handled,
    );
  });

  test('offers a bot menu item for each menu command, and no other', () => {
    const keys = manifest.bot_menu.map((item: { event_key: string }) => item.event_key);
    expect(keys.sort()).toEqual(Object.keys(menuCommands).sort());
  });

  test('asks for the scopes the calls the adapter makes need, and sends everything to /lark/events', () => {
    expect(manifest.scopes.tenant).toEqual(
      expect.arrayContaining([
        'im:message.p2p_msg:readonly',
        'im:message.group_at_msg:readonly',
        'im:message:send_as_bot',
        'im:message',
        'contact:user.base:readonly',
        'im:resource',
        'im:resource:upload',
      ]),
    );
    expect(manifest.events.request_url).toMatch(/\/lark\/events$/);
    expect(manifest.callbacks.request_url).toMatch(/\/lark\/events$/);
  });
});
