import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';

export interface PostOptions {
  /** The verification token in the envelope (the right one unless given). */
  token?: string;
  /** The key the signature is made with (the right one unless given). */
  signingKey?: string;
  /** The same event id, to play a redelivery. */
  eventId?: string;
  /** When the request says it was signed (now unless given). */
  signedAt?: Date;
  /** The sender's (or card operator's) tenant, when not the app's own. */
  tenant?: string;
}

/**
 * Requests shaped like Feishu's: v2 envelopes, AES-256-CBC encrypted with sha256(Encrypt Key),
 * signed with sha256(timestamp + nonce + Encrypt Key + body).
 */
export class LarkEvents {
  constructor(
    readonly url: string,
    private readonly encryptKey: string,
    private readonly token: string,
  ) {}

  private encrypt(plain: string): string {
    const key = createHash('sha256').update(this.encryptKey).digest();
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
  }

  async postRaw(inner: object, options: PostOptions = {}) {
    const body = JSON.stringify({ encrypt: this.encrypt(JSON.stringify(inner)) });
    const timestamp = String(Math.floor((options.signedAt ?? new Date()).getTime() / 1000));
    const nonce = randomUUID();
    const signature = createHash('sha256')
      .update(timestamp + nonce + (options.signingKey ?? this.encryptKey) + body)
      .digest('hex');
    return fetch(`${this.url}/lark/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signature,
      },
      body,
    });
  }

  /** Posts one v2 event; resolves to the HTTP response. */
  post(eventType: string, event: object, options: PostOptions = {}) {
    return this.postRaw(
      {
        schema: '2.0',
        header: {
          event_id: options.eventId ?? randomUUID().replace(/-/g, ''),
          token: options.token ?? this.token,
          create_time: String(Date.now()),
          event_type: eventType,
          tenant_key: 'tenant_shuchuan',
          app_id: 'cli_test',
        },
        event,
      },
      options,
    );
  }

  challenge(challenge: string, options: PostOptions = {}) {
    return this.postRaw(
      { challenge, token: options.token ?? this.token, type: 'url_verification' },
      options,
    );
  }

  /** A message of another kind (rich text, a sticker) in the bot's direct chat. */
  other(openId: string, type: string, content: object, options: PostOptions = {}) {
    return this.post(
      'im.message.receive_v1',
      {
        sender: {
          sender_id: { open_id: openId },
          sender_type: 'user',
          tenant_key: 'tenant_shuchuan',
        },
        message: {
          message_id: `om_in_${randomUUID()}`,
          create_time: String(Date.now()),
          chat_id: `oc_dm_${openId}`,
          chat_type: 'p2p',
          message_type: type,
          content: JSON.stringify(content),
        },
      },
      options,
    );
  }

  /**
   * A picture (`{image_key}`) or file (`{file_key, file_name}`) message in the bot's direct chat,
   * one the fake Lark keeps (`FakeLark.receive`), so the bot can fetch it.
   */
  file(
    sent: { messageId: string; from: string; type: 'image' | 'file'; key: string; name?: string },
    options: PostOptions = {},
  ) {
    const content =
      sent.type === 'image'
        ? { image_key: sent.key }
        : { file_key: sent.key, file_name: sent.name };
    return this.post(
      'im.message.receive_v1',
      {
        sender: {
          sender_id: { open_id: sent.from },
          sender_type: 'user',
          tenant_key: options.tenant ?? 'tenant_shuchuan',
        },
        message: {
          message_id: sent.messageId,
          create_time: String(Date.now()),
          chat_id: `oc_dm_${sent.from}`,
          chat_type: 'p2p',
          message_type: sent.type,
          content: JSON.stringify(content),
        },
      },
      options,
    );
  }

  /**
   * A text message: in the bot's direct chat, or in a group with an @-mention first (of the bot,
   * unless `mentioning` names someone else).
   */
  message(
    openId: string,
    text: string,
    options: PostOptions & { group?: boolean; mentioning?: string } = {},
  ) {
    const content = options.group ? `@_user_1 ${text}` : text;
    return this.post(
      'im.message.receive_v1',
      {
        sender: {
          sender_id: { open_id: openId, union_id: `on_${openId.slice(3)}`, user_id: 'u1' },
          sender_type: 'user',
          tenant_key: options.tenant ?? 'tenant_shuchuan',
        },
        message: {
          message_id: `om_in_${randomUUID()}`,
          create_time: String(Date.now()),
          chat_id: options.group ? 'oc_group' : `oc_dm_${openId}`,
          chat_type: options.group ? 'group' : 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text: content }),
          mentions: options.group
            ? [{ key: '@_user_1', id: { open_id: options.mentioning ?? 'ou_bot' }, name: '某人' }]
            : [],
        },
      },
      options,
    );
  }

  menu(openId: string, eventKey: string, options: PostOptions = {}) {
    return this.post(
      'application.bot.menu_v6',
      {
        operator: { operator_name: 'x', operator_id: { open_id: openId } },
        event_key: eventKey,
        timestamp: Date.now(),
      },
      options,
    );
  }

  entered(openId: string, options: PostOptions = {}) {
    return this.post(
      'im.chat.access_event.bot_p2p_chat_entered_v1',
      { chat_id: `oc_dm_${openId}`, operator_id: { open_id: openId } },
      options,
    );
  }

  /** A click on a card button, or a submitted form (`formValue`), on the card `messageId`. */
  cardAction(
    openId: string,
    value: object,
    messageId: string,
    formValue?: Record<string, unknown>,
    options: PostOptions = {},
  ) {
    return this.post(
      'card.action.trigger',
      {
        operator: { open_id: openId, tenant_key: options.tenant ?? 'tenant_shuchuan' },
        // The card's own update token: it must not be taken for the verification token.
        token: `c-${randomUUID()}`,
        action: {
          value,
          tag: 'button',
          ...(formValue ? { name: 'submit', form_value: formValue } : {}),
        },
        host: 'im_message',
        context: { open_message_id: messageId, open_chat_id: 'oc_dm' },
      },
      options,
    );
  }
}
