import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { createHttpApp } from '../../app/http-app.js';
import { FakeBotFramework } from '../support/fake-botframework.js';
import { FakeSlack, SlackSender } from '../support/fake-slack.js';
import { malformedBody, mutate, prng, randomJson, randomString, storeFingerprint, type Prng } from '../support/fuzz.js';

/**
 * Hostile input everywhere: thousands of random and malformed payloads at every public endpoint.
 * Only 4xx answers come back, the process stays up, and nothing stored changes.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

let dir: string;
let orienta: Orienta;
let app: Hono;
let slack: FakeSlack;
let botFramework: FakeBotFramework;
const TEAMS_APP_ID = '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42';
const SLACK_SECRET = 'fuzz-signing-secret-0123';
const TELEGRAM_SECRET = 'fuzz-telegram-secret-0123456789';
const TELEGRAM_PATH = '/telegram/webhook';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orienta-fuzz-'));
  slack = await FakeSlack.start();
  botFramework = await FakeBotFramework.start({ appId: TEAMS_APP_ID, appPassword: 'fuzz-password' });
  // Every channel on, each pointed at its local fake (Telegram's Bot API at a closed port: no turn may reach it).
  const config = loadConfig({
    ORIENTA_DATA_DIR: dir, ORIENTA_NOW: '2026-11-25T10:00:00+01:00', WEB_RATE_PER_MINUTE: '10000', LOG_LEVEL: 'silent', PURGE_INTERVAL_MINUTES: '0',
    TELEGRAM_BOT_TOKEN: '123456789:AAFuzzFuzzFuzzFuzzFuzzFuzzFuzz', TELEGRAM_WEBHOOK_URL: `https://orienta.example.it${TELEGRAM_PATH}`, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    SLACK_BOT_TOKEN: 'xoxb-fuzz', SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`, SLACK_STAFF_CHANNEL: 'C0STAFF',
    MICROSOFT_APP_ID: TEAMS_APP_ID, MICROSOFT_APP_PASSWORD: 'fuzz-password', TEAMS_OPENID_METADATA_URL: botFramework.openIdMetadataUrl, TEAMS_LOGIN_URL: botFramework.loginUrl,
  });
  orienta = await startOrienta(config, createLogger('silent'), { command: 'serve', serve: true });
  app = createHttpApp(orienta);
  await orienta.engine().warmUp();
}, 120_000);

afterAll(async () => {
  await orienta?.kit.drain();
  await orienta?.close();
  await slack?.close();
  await botFramework?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CHAT = { text: 'corsi di stampa 3d', conversationId: 'abcdefghijklmnopqrstuvwx', action: 'details:course:C001', messageId: 'm-1', locale: 'it' };
const FIELDS = Object.keys(CHAT) as (keyof typeof CHAT)[];

/** A chat request the API must refuse: every one breaks the contract somewhere. */
function badChatBody(r: Prng): string | Uint8Array {
  if (r.next() < 0.5) {
    const body = malformedBody(r, CHAT);
    // A mutation may by chance still be a valid request; force a field of the wrong type.
    if (typeof body === 'string' && body.startsWith('{')) {
      try {
        const parsed = JSON.parse(body) as Record<string, unknown>;
        parsed[r.pick(FIELDS)] = r.pick([42, null, true, [], {}, [randomString(r)], { $gt: '' }]);
        return JSON.stringify(parsed);
      } catch {
        return body;
      }
    }
    return body;
  }
  const wrong: Record<string, unknown> = { text: randomString(r) };
  switch (r.int(5)) {
    case 0: wrong.conversationId = r.pick(['../etc', 'short', "x' OR 1=1 --", 'a'.repeat(65), '<b>', '\u0000'.repeat(24)]); break;
    case 1: wrong.locale = r.pick(['de', 'IT', '', 'it-IT', 1]); break;
    case 2: wrong.action = r.pick(['', 'x'.repeat(201)]); break;
    case 3: wrong.text = 'x'.repeat(4001 + r.int(3000)); break;
    default: wrong[randomString(r, 8) || 'extra'] = randomJson(r); delete wrong.text; wrong.action = randomString(r, 10) || 'help';
  }
  return JSON.stringify(wrong);
}

/** Lone surrogates cannot be percent-encoded; the wire carries their replacement. */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1'];

async function hammer(label: string, make: (r: Prng) => { path: string; method?: string; body?: string | Uint8Array; headers?: Record<string, string> }) {
  const r = prng(SEED + label.length);
  const statuses = new Map<number, number>();
  const bad: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const req = make(r);
    const headers: Record<string, string> = { 'content-type': r.pick(CONTENT_TYPES), ...req.headers };
    const res = await app.fetch(new Request(`http://127.0.0.1${req.path}`, { method: req.method ?? 'POST', headers, ...(req.body !== undefined ? { body: req.body as BodyInit } : {}) }));
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if ((res.status < 400 || res.status >= 500) && bad.length < 5) bad.push(`#${i} (seed ${SEED}) ${res.status} ${req.path} ${String(req.body).slice(0, 200)}`);
  }
  return { statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), bad };
}

describe(`${RUNS} hostile requests per endpoint`, () => {
  it('the chat API answers each with a 4xx and stores nothing', async () => {
    const before = await storeFingerprint(orienta.store.db);
    const post = await hammer('chat', (r) => ({ path: r.pick(['/api/chat', '/api/chat/stream']), body: badChatBody(r) }));
    const get = await hammer('chat-history', (r) => ({ path: `/api/chat/${encode(randomString(r, 70) || 'x')}`, method: 'GET', headers: r.next() < 0.5 ? { cookie: `orienta_visitor=${encode(randomString(r, 30))}` } : ({} as Record<string, string>) }));
    expect(post.bad, JSON.stringify(post.statuses)).toEqual([]);
    expect(get.bad, JSON.stringify(get.statuses)).toEqual([]);
    // The parser, not only the limiter, was exercised (past its burst the limiter answers 429 too);
    // the bodies sent as anything but JSON are refused before they are read (415).
    expect((post.statuses[400] ?? 0) + (post.statuses[413] ?? 0)).toBeGreaterThan(RUNS * 0.3);
    expect(post.statuses[415] ?? 0).toBeGreaterThan(RUNS * 0.3);
    expect(await storeFingerprint(orienta.store.db)).toEqual(before);
  }, 600_000);

  it('the Telegram webhook answers each with a 4xx and stores nothing', async () => {
    const before = await storeFingerprint(orienta.store.db);
    const update = { update_id: 1, message: { message_id: 1, date: 1764064800, chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'A' }, text: 'corsi' } };
    const result = await hammer('telegram', (r) => {
      const signed = r.next() < 0.6;
      let body = malformedBody(r, update);
      // With the right secret, only what is not an update at all (no numeric update_id).
      if (signed && typeof body === 'string' && body.startsWith('{')) {
        try {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          parsed.update_id = r.pick([null, '1', -1, 1.5, [], {}, undefined]);
          body = JSON.stringify(parsed);
        } catch {
          // broken JSON stays broken
        }
      }
      const secret = signed ? TELEGRAM_SECRET : r.pick(['', 'wrong', TELEGRAM_SECRET.slice(1), `${TELEGRAM_SECRET}x`, randomString(r, 30)]);
      const headers: Record<string, string> = secret ? { 'x-telegram-bot-api-secret-token': secret.replace(/[^\x20-\x7e]/g, '') || 'x' } : {};
      return { path: TELEGRAM_PATH, body, headers };
    });
    expect(result.bad, JSON.stringify(result.statuses)).toEqual([]);
    expect(await storeFingerprint(orienta.store.db)).toEqual(before);
  }, 600_000);

  it('the Slack endpoint answers each with a 4xx and stores nothing', async () => {
    const before = await storeFingerprint(orienta.store.db);
    const sender = new SlackSender('http://127.0.0.1/slack/events', SLACK_SECRET);
    const envelope = { type: 'event_callback', team_id: 'T0TEAM', event_id: 'Ev1', event: { type: 'message', channel: 'DU1', channel_type: 'im', user: 'U1', text: 'corsi', ts: '1.000001' } };
    const result = await hammer('slack', (r) => {
      const body = malformedBody(r, envelope);
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('latin1');
      const now = Math.floor(Date.now() / 1000);
      const mode = r.int(4);
      // Signed right but not a Slack request; or signed wrong, stale, or not at all.
      const ts = mode === 2 ? now - 301 - r.int(10_000) : now;
      const headers: Record<string, string> = mode === 3 ? {} : { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': mode === 1 ? sender.sign(text, ts, 'another-secret') : sender.sign(text, ts) };
      let signedBody: string | Uint8Array = body;
      if (mode === 0 && typeof body === 'string' && body.startsWith('{')) {
        try {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          parsed.type = r.pick([null, 1, 'event_callback', 'url_verification', '', randomString(r, 12)]);
          if (parsed.type === 'event_callback') parsed.event = r.pick([null, 'x', [], 42]);
          if (parsed.type === 'url_verification') parsed.challenge = r.pick([undefined, 42, {}, '']);
          signedBody = JSON.stringify(parsed);
          headers['x-slack-signature'] = sender.sign(signedBody, ts);
        } catch {
          // broken JSON stays broken
        }
      }
      return { path: '/slack/events', body: signedBody, headers };
    });
    expect(result.bad, JSON.stringify(result.statuses)).toEqual([]);
    expect(await storeFingerprint(orienta.store.db)).toEqual(before);
  }, 600_000);

  it('the Teams endpoint answers each with a 4xx and stores nothing', async () => {
    const before = await storeFingerprint(orienta.store.db);
    const token = botFramework.channelToken();
    const activity = { type: 'message', id: 'a1', text: 'corsi', serviceUrl: botFramework.serviceUrl, channelId: 'msteams', from: { id: 'u1', aadObjectId: 'aad-1' }, conversation: { id: 'c1' }, recipient: { id: `28:${TEAMS_APP_ID}` }, locale: 'it-IT' };
    const result = await hammer('teams', (r) => {
      const mode = r.int(3);
      let body = mode === 0 ? malformedBody(r, activity) : JSON.stringify(mutate(r, activity));
      // With a valid token, only activities that are not activities (no type, no conversation, no sender).
      if (mode !== 2 && typeof body === 'string' && body.startsWith('{')) {
        try {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          parsed[r.pick(['type', 'conversation', 'from', 'serviceUrl'])] = r.pick([null, 42, [], '', { id: 7 }]);
          body = JSON.stringify(parsed);
        } catch {
          // broken JSON stays broken
        }
      }
      const auth = mode === 2 ? r.pick(['', 'Bearer', `Bearer ${randomString(r, 40).replace(/[^\x20-\x7e]/g, '')}`, `Bearer ${token.slice(0, -5)}abcde`, `Basic ${token}`]) : `Bearer ${token}`;
      const headers: Record<string, string> = auth ? { authorization: auth } : {};
      return { path: '/api/messages', body, headers };
    });
    expect(result.bad, JSON.stringify(result.statuses)).toEqual([]);
    expect(await storeFingerprint(orienta.store.db)).toEqual(before);
  }, 900_000);
});
