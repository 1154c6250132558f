import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../app/logger.js';
import { startOrienta, type Orienta } from '../app/orienta.js';
import { FAKE_TOKEN } from '../test/support/fake-telegram.js';
import { HTTP_ERRORS } from './http-errors.js';
import { createHttpApp } from '../app/http-app.js';

// Every adapter refuses in the same JSON shape, through one helper: the web chat, the platforms'
// webhooks, the operators' routes and the server itself.

const SECRET = 'telegram-webhook-secret-0123456789';
let dir: string;
let orienta: Orienta;
let app: Hono;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orienta-errors-'));
  const config = loadConfig({
    ORIENTA_DATA_DIR: dir,
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_WEBHOOK_URL: 'https://orienta.example.it/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    MICROSOFT_APP_ID: '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42',
    MICROSOFT_APP_PASSWORD: 'teams-client-secret',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'slack-signing-secret-for-tests',
    METRICS_TOKEN: 'metrics-token-for-the-test-0123',
  });
  // Channels are built but not started: every refusal below happens before a platform is called.
  orienta = await startOrienta(config, createLogger('silent'), { command: 'test', create: true });
  app = createHttpApp(orienta);
});
afterAll(async () => {
  await orienta?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const activity = { type: 'message', id: '1', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' }, from: { id: '29:1' }, text: 'ciao' };
const refusals: [string, string, RequestInit, number, string][] = [
  ['Telegram, no secret', '/telegram/webhook', { method: 'POST', headers: json, body: '{"update_id":1}' }, 401, 'UNAUTHENTICATED'],
  ['Telegram, a wrong secret', '/telegram/webhook', { method: 'POST', headers: { ...json, 'x-telegram-bot-api-secret-token': `${SECRET}x` }, body: '{"update_id":1}' }, 403, 'FORBIDDEN'],
  ['Telegram, not an update', '/telegram/webhook', { method: 'POST', headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: '{"update_id":' }, 400, 'INPUT_INVALID'],
  ['Telegram, too large', '/telegram/webhook', { method: 'POST', headers: { ...json, 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify({ update_id: 1, padding: 'x'.repeat(300 * 1024) }) }, 413, 'TOO_LARGE'],
  ['Slack, not signed', '/slack/events', { method: 'POST', headers: json, body: '{"type":"event_callback"}' }, 401, 'UNAUTHENTICATED'],
  ['Teams, no token', '/api/messages', { method: 'POST', headers: json, body: JSON.stringify(activity) }, 401, 'UNAUTHENTICATED'],
  ['Teams, not an activity', '/api/messages', { method: 'POST', headers: { ...json, authorization: 'Bearer x.y.z' }, body: '{"type":' }, 400, 'INPUT_INVALID'],
  ['the web chat, a foreign page', '/api/chat', { method: 'POST', headers: { ...json, origin: 'https://evil.example' }, body: '{"text":"ciao"}' }, 403, 'FOREIGN_SITE'],
  ['the web chat, not JSON', '/api/chat', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"text":"ciao"}' }, 415, 'JSON_ONLY'],
  ['the web chat, an unknown conversation', '/api/chat/abcdefghijklmnopqrstuvwx', {}, 404, 'NOT_FOUND'],
  ['/metrics without its token', '/metrics', {}, 401, 'UNAUTHENTICATED'],
  ['a path nobody serves', '/nowhere', {}, 404, 'NOT_FOUND'],
];

describe('HTTP errors', () => {
  for (const [what, path, init, status, code] of refusals) {
    it(`${what}: ${status} ${code}, in the reader's language`, async () => {
      const res = await app.request(path, init);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body).toEqual({ error: { code, message: expect.any(String) } });
      const en = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), 'accept-language': 'en-GB,en;q=0.9' } });
      const english = await en.json();
      expect(english.error.code).toBe(code);
      expect(english.error.message).not.toBe(body.error.message);
    });
  }

  it('say the same thing for the same code, whichever adapter refuses', async () => {
    const messages = new Map<string, Set<string>>();
    for (const [, path, init, , code] of refusals) {
      const { error } = await (await app.request(path, init)).json();
      messages.set(code, (messages.get(code) ?? new Set()).add(error.message));
    }
    for (const [code, said] of messages) expect([...said], code).toHaveLength(1);
  });

  it('a request that fails inside answers 500 INTERNAL in the same shape, and leaks nothing', async () => {
    const first = await app.request('/api/chat/abcdefghijklmnopqrstuvwx');
    const token = first.headers.get('orienta-visitor') ?? 'a-visitor-token-of-some-length-0123';
    await orienta.store.close();
    const res = await app.request('/api/chat/abcdefghijklmnopqrstuvwx', { headers: { 'orienta-visitor': token } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Qualcosa non ha funzionato da parte nostra. Riprova tra poco.' } });
  });
});

describe('the error table in docs/operations.md', () => {
  it('lists every code with its status, and nothing else', () => {
    const page = readFileSync(join(import.meta.dirname, '..', 'docs', 'operations.md'), 'utf8');
    const rows = page.split('\n').flatMap((l) => l.match(/^\| (\d{3}) \| `([A-Z_]+)` \|/)?.slice(1) ?? []);
    const documented = Object.fromEntries(Array.from({ length: rows.length / 2 }, (_, i) => [rows[2 * i + 1]!, Number(rows[2 * i])]));
    expect(documented).toEqual(Object.fromEntries(Object.entries(HTTP_ERRORS).map(([code, e]) => [code, e.status])));
  });
});
