import { createHmac } from 'node:crypto';

/** Signed Slack requests as the benches send them to the bot's /slack/events. */
export const secret = 'bench-signing-secret';
/** R6: the key the benches' bots keep identities in custody under (IDENTITY_KEY). */
export const identityKey = 'the benches identity key, kept outside their databases';
const huBin = 'U0B7HUBIN0';

/** A signed Slack request, valid for the five minutes Bolt allows (long enough for a run). */
export function signed(body: string, type: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    method: 'POST' as const,
    headers: {
      'content-type': type,
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
    body,
  };
}

/** Bench employees: each files once, as most people do (a repeat filer's cases turn major). */
export const employee = (i: number) => `U0BENCH${String(i).padStart(5, '0')}`;

export function command(responseUrl: string, user = huBin) {
  const body = new URLSearchParams({
    command: '/petition',
    text: 'mine',
    user_id: user,
    team_id: 'T1',
    channel_id: 'D1',
    response_url: responseUrl,
    trigger_id: 'trigger',
  }).toString();
  return signed(body, 'application/x-www-form-urlencoded');
}

export function filingSubmission(user: string) {
  const value = (v: object) => ({ value: v });
  const payload = {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: user, team_id: 'T1' },
    api_app_id: 'A1',
    trigger_id: 'trigger',
    view: {
      // Each submission is a view of its own: a replayed view files once.
      id: `V${user}`,
      type: 'modal',
      callback_id: 'file',
      private_metadata: '{}',
      blocks: [],
      state: {
        values: {
          category: value({
            type: 'static_select',
            selected_option: { value: 'management.rules' },
          }),
          content: value({ type: 'plain_text_input', value: '建议食堂增加夜班热饭供应' }),
          people: value({ type: 'number_input', value: '1' }),
          mode: value({ type: 'static_select', selected_option: { value: 'named' } }),
          commitment: value({ type: 'checkboxes', selected_options: [{ value: 'yes' }] }),
        },
      },
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signed(body, 'application/x-www-form-urlencoded');
}
