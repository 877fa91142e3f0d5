import { AESCipher, type EventDispatcher } from '@larksuiteoapi/node-sdk';
import express, { type Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Env } from '../../src/config/env';
import type { Logger } from '../../src/logger';

interface Envelope {
  type?: string;
  token?: string;
  challenge?: string;
  header?: { token?: string };
}

/**
 * How far a signed request's `X-Lark-Request-Timestamp` may lie behind our clock. Feishu does not
 * say whether its redeliveries (15 s, 5 min, 1 h and 6 h after a failed push) are signed afresh,
 * and the node-sdk checks no timestamp, so the window spans the whole schedule (about 7 h 5 min)
 * with room to spare. Inside it a replayed event is harmless: each event_id is acted on once
 * (inbound_events, kept a week); outside it the request is refused before it is dispatched.
 */
const signedRequestWindowSeconds = 8 * 60 * 60;
/** A timestamp this far ahead of our clock is clock skew at most; further is not Lark's. */
const clockSkewSeconds = 5 * 60;

function withinWindow(header: string | string[] | undefined, nowMs: number): boolean {
  const signedAt = Number(header);
  if (typeof header !== 'string' || !Number.isFinite(signedAt)) return false;
  const age = nowMs / 1000 - signedAt;
  return age <= signedRequestWindowSeconds && age >= -clockSkewSeconds;
}

/** Compares a token in constant time, so its value cannot be guessed from response times. */
function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST /lark/events: Lark's event and card callbacks. The node-sdk decrypts and checks the
 * signature (when an Encrypt Key is set) but does not compare the verification token of v2
 * events, and a card action's own `token` hides it once flattened; so the token is compared here,
 * on the envelope, before anything is dispatched. The URL challenge is answered after that check
 * (Lark does not sign it); every other request must be signed within the window.
 */
export function larkWebhook(dispatcher: EventDispatcher, env: Env, log: Logger): Router {
  const cipher = env.LARK_ENCRYPT_KEY ? new AESCipher(env.LARK_ENCRYPT_KEY) : null;
  const router = express.Router();
  router.post('/lark/events', express.json({ limit: '1mb' }), async (req, res) => {
    const body = (req.body ?? {}) as { encrypt?: string };
    let envelope: Envelope;
    try {
      envelope = body.encrypt
        ? (JSON.parse((cipher as AESCipher).decrypt(body.encrypt)) as Envelope)
        : (body as Envelope);
    } catch {
      log.warn({ component: 'lark' }, 'an event that could not be decrypted was refused');
      res.status(400).end();
      return;
    }
    if (!sameSecret(envelope.header?.token ?? envelope.token, env.LARK_VERIFICATION_TOKEN)) {
      log.warn({ component: 'lark' }, 'an event with a wrong verification token was refused');
      res.status(401).end();
      return;
    }
    if (envelope.type === 'url_verification') {
      res.json({ challenge: envelope.challenge });
      return;
    }
    // The signature covers the timestamp, so a fresh one cannot be put on an old request.
    if (!withinWindow(req.headers['x-lark-request-timestamp'], Date.now())) {
      log.warn({ component: 'lark' }, 'an event signed outside the accepted window was refused');
      res.status(401).end();
      return;
    }
    try {
      // Headers sit on the prototype, where the SDK reads them but its signature check
      // (JSON.stringify of the body) does not.
      const answer: unknown = await dispatcher.invoke(
        Object.assign(Object.create({ headers: req.headers }) as object, body),
      );
      // Our handlers always answer with an object; nothing means the signature was wrong.
      if (answer === undefined) {
        log.warn({ component: 'lark' }, 'an event with a wrong signature was refused');
        res.status(401).end();
        return;
      }
      res.json(typeof answer === 'object' ? answer : {});
    } catch (e) {
      log.error({ component: 'lark', error: String(e) }, 'a Lark event failed');
      res.status(500).end();
    }
  });
  return router;
}
