import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/message.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { openSampleEngine } from '../../test/support/sample-engine.js';
import { listen, type RunningServer } from '../server.js';
import { chatApi } from './chat-api.js';

// The web chat API over real HTTP, on the real engine and store.
let db: PgliteDatabase;
let server: RunningServer;
let base: string;
const silent = { warn() {} };

beforeAll(async () => {
  const opened = await openSampleEngine();
  db = opened.db;
  const app = new Hono();
  app.use('*', secureHeaders());
  app.route('/api/chat', chatApi({ engine: () => opened.engine, allowedOrigins: ['https://www.provincia.mantova.it'], ratePerMinute: 600, logger: silent }));
  const strict = new Hono();
  strict.route('/api/chat', chatApi({ engine: () => opened.engine, allowedOrigins: [], ratePerMinute: 6, logger: silent }));
  app.route('/strict', strict);
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const cookieOf = (r: Response) => r.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('POST /api/chat', () => {
  it('answers with the Reply contract and binds the conversation to the browser', async () => {
    const first = await post('/api/chat', { text: 'corsi di stampa 3d a viadana' });
    expect(first.status).toBe(200);
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^orienta_visitor=[A-Za-z0-9_-]{22,}$/);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const reply = (await first.json()) as Reply;
    expect(Object.keys(reply).sort()).toEqual(['citations', 'conversationId', 'intent', 'messages']);
    expect(reply.conversationId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(reply.citations.map((c) => c.id)).toContain('C008');

    const next = (await (await post('/api/chat', { conversationId: reply.conversationId, text: 'e online?' }, { cookie })).json()) as Reply;
    expect(next.conversationId).toBe(reply.conversationId);
    expect(next.citations.map((c) => c.id)).toContain('C046');

    const history = await fetch(`${base}/api/chat/${reply.conversationId}`, { headers: { cookie } });
    expect(history.status).toBe(200);
    const body = (await history.json()) as { turns: { inbound: { text: string } }[] };
    expect(body.turns.map((t) => t.inbound.text)).toEqual(['corsi di stampa 3d a viadana', 'e online?']);

    // Another browser holding the id learns nothing and does not continue it.
    expect((await fetch(`${base}/api/chat/${reply.conversationId}`)).status).toBe(404);
    const stranger = await post('/api/chat', { conversationId: reply.conversationId, text: 'quando inizia?' });
    const strangerReply = (await stranger.json()) as Reply;
    expect(strangerReply.conversationId).not.toBe(reply.conversationId);
    expect((await fetch(`${base}/api/chat/${reply.conversationId}`, { headers: { cookie: cookieOf(stranger) } })).status).toBe(404);
  });

  it('presses a button through "action"', async () => {
    const reply = (await (await post('/api/chat', { action: 'details:course:C001' })).json()) as Reply;
    expect(reply.intent).toBe('details');
    expect(reply.messages.some((m) => m.type === 'card')).toBe(true);
  });

  it('refuses malformed requests with 400 and oversized ones with 413, in the visitor’s language', async () => {
    for (const bad of ['{not json', { text: 42 }, {}, { text: 'ciao', admin: true }, { conversationId: '../etc', text: 'x' }]) {
      const r = await post('/api/chat', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('INPUT_INVALID');
    }
    const big = await post('/api/chat', { text: 'x'.repeat(20_000) }, { 'accept-language': 'en-GB' });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toBe('That message is too long.');
  });

  it('rate-limits per IP with a polite 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post('/strict/api/chat', { text: 'ciao' })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const r = await post('/strict/api/chat', { text: 'ciao' });
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/aspetta qualche secondo/);
  });

  it('allows only the listed origins (CORS) and sends security headers', async () => {
    const allowed = await fetch(`${base}/api/chat`, { method: 'OPTIONS', headers: { origin: 'https://www.provincia.mantova.it', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.provincia.mantova.it');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await post('/api/chat', { text: 'ciao' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('POST /api/chat/stream', () => {
  it('sends each message as an event, then the whole Reply', async () => {
    const r = await post('/api/chat/stream', { text: 'come faccio la DID?' });
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = (await r.text()).split('\n\n').filter(Boolean).map((block) => ({
      event: block.match(/^event: (.*)$/m)?.[1],
      data: JSON.parse(block.match(/^data: (.*)$/m)?.[1] ?? 'null'),
    }));
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(events.filter((e) => e.event === 'message').map((e) => e.data)).toEqual(done.data.messages);
    expect(done.data.citations.map((c: { id: string }) => c.id)).toContain('SV01');
  });
});
