import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's rule: a request older (or newer) than five minutes may be a replay. */
export const MAX_SKEW_SECONDS = 5 * 60;

export type Verdict = { ok: true } | { ok: false; reason: 'missing headers' | 'malformed timestamp' | 'stale timestamp' | 'bad signature' };

/**
 * Checks `X-Slack-Signature` against HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>") and
 * `X-Slack-Request-Timestamp` against our own clock (never the assistant's business clock, which
 * ORIENTA_NOW may pin to another day). The comparison takes the same time whatever the input.
 */
export function verifySlackSignature(input: { signingSecret: string; rawBody: string; signature: string | undefined; timestamp: string | undefined; nowMs: number }): Verdict {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale timestamp' };
  const expected = Buffer.from(`v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:${input.rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same.
  const same = given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
  return same ? { ok: true } : { ok: false, reason: 'bad signature' };
}
