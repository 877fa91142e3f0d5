import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const manifest = parse(readFileSync('manifest/slack.yaml', 'utf8'));

describe('the Slack app manifest', () => {
  test('declares what the adapter listens to: /petition, the shortcut, App Home, DMs, interactivity', () => {
    expect(manifest.features.slash_commands[0].command).toBe('/petition');
    expect(manifest.features.shortcuts[0].callback_id).toBe('petition_new');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  test('asks for the scopes the calls the adapter makes need', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'im:history',
        'users:read',
        'users:read.email',
        'files:write',
        'files:read',
      ]),
    );
  });

  test('sends every request to the one endpoint the bot serves', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    expect(urls.every((u: string) => u.endsWith('/slack/events'))).toBe(true);
  });
});
