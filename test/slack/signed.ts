import { createHmac } from 'node:crypto';

/** Each opened modal has its own view id, as on Slack. */
let views = 0;
/** Each message sent has its own ts. */
let messages = 0;

/** Requests shaped and signed like Slack's (v0 HMAC-SHA256 over `v0:ts:body`). */
export class SlackClient {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly responseUrl: string,
  ) {}

  async post(
    body: string,
    type: string,
    options: { age?: number; secret?: string; headers?: Record<string, string> } = {},
  ) {
    const ts = String(Math.floor(Date.now() / 1000) - (options.age ?? 0));
    const signature = `v0=${createHmac('sha256', options.secret ?? this.secret)
      .update(`v0:${ts}:${body}`)
      .digest('hex')}`;
    return fetch(`${this.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': type,
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signature,
        ...options.headers,
      },
      body,
    });
  }

  command(user: string, text: string) {
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'shuchuan',
      channel_id: `D${user}`,
      channel_name: 'directmessage',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/petition',
      text,
      api_app_id: 'A1',
      response_url: this.responseUrl,
      trigger_id: `trigger-${user}-${Date.now()}`,
    });
    return this.post(body.toString(), 'application/x-www-form-urlencoded');
  }

  interaction(payload: object) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.post(body.toString(), 'application/x-www-form-urlencoded');
  }

  click(user: string, actionId: string, value: string, message: { channel: string; ts: string }) {
    return this.interaction({
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'shuchuan' },
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: `trigger-${user}-${Date.now()}`,
      channel: { id: message.channel, name: 'directmessage' },
      message: { type: 'message', ts: message.ts, text: 'notice' },
      response_url: this.responseUrl,
      actions: [
        {
          type: 'button',
          block_id: 'notice',
          action_id: actionId,
          value,
          action_ts: String(Date.now() / 1000),
        },
      ],
    });
  }

  /** Submits a modal; the same `viewId` again is the same modal submitted again. */
  submit(
    user: string,
    view: { callback_id: string; private_metadata: string; blocks: { block_id: string }[] },
    values: Record<string, object>,
    viewId = `V${Date.now()}${(views += 1)}`,
  ) {
    return this.interaction({
      type: 'view_submission',
      team: { id: 'T1', domain: 'shuchuan' },
      user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trigger-${user}-${Date.now()}`,
      view: {
        id: viewId,
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: {
          values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])),
        },
        hash: 'h',
        team_id: 'T1',
        app_id: 'A1',
      },
    });
  }

  /** A direct message to the app with files and perhaps text, as the Events API sends it. */
  fileShare(eventId: string, user: string, files: object[], text = '') {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++messages).padStart(6, '0')}`;
    return this.event(eventId, {
      type: 'message',
      subtype: 'file_share',
      text,
      files,
      upload: true,
      user,
      display_as_bot: false,
      ts,
      channel: `D${user}`,
      channel_type: 'im',
      event_ts: ts,
    });
  }

  /** The user opening the app's Home tab. */
  homeOpened(eventId: string, user: string) {
    return this.event(eventId, {
      type: 'app_home_opened',
      user,
      channel: 'D0',
      tab: 'home',
      event_ts: '1.0',
    });
  }

  event(eventId: string, event: object, retry?: number) {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    const headers: Record<string, string> = retry
      ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    return this.post(body, 'application/json', { headers });
  }
}

/** Values as Slack puts them in view.state: one per block, under our action_id `value`. */
export const text = (value: string) => ({ type: 'plain_text_input', value });
export const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
export const date = (value: string) => ({ type: 'datepicker', selected_date: value });
export const number = (value: number) => ({ type: 'number_input', value: String(value) });
/** A `file_input`'s state: the files the person uploaded in the modal. */
export const uploaded = (...files: object[]) => ({ type: 'file_input', files });
export const ticked = (yes: boolean) => ({
  type: 'checkboxes',
  selected_options: yes ? [{ value: 'yes' }] : [],
});
