import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../domain/message.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { openSampleEngine } from '../../test/support/sample-engine.js';
import { kitOver } from '../../test/support/sample-kit.js';
import { listen, type RunningServer } from '../server.js';
import { chatApi } from './chat-api.js';

// The web chat API over real HTTP, on the real engine and store.
let db: PgliteDatabase;
let server: RunningServer;
let base: string;
const silent = { warn() {} };
const KEY = Buffer.from('chat-api-test-key-0123456789abcdef');
const visitorKey = async () => KEY;
const PARTNER = 'https://www.provincia.mantova.it';

beforeAll(async () => {
  const opened = await openSampleEngine();
  db = opened.db;
  // A copy whose reply was never kept is not waited for long here.
  const kit = kitOver(db, opened.engine, { replyWaitMs: 300 });
  const app = new Hono();
  app.use('*', secureHeaders());
  app.route('/api/chat', chatApi({ kit, allowedOrigins: ['https://www.provincia.mantova.it'], ratePerMinute: 600, visitorKey, logger: silent }));
  const strict = new Hono();
  strict.route('/api/chat', chatApi({ kit, allowedOrigins: [], ratePerMinute: 6, visitorKey, logger: silent }));
  app.route('/strict', strict);
  // Two servers with a small limit: one that trusts nobody's X-Forwarded-*, one behind a proxy on 127.0.0.1.
  const untrusted = new Hono();
  untrusted.route('/api/chat', chatApi({ kit, allowedOrigins: [PARTNER], ratePerMinute: 6, visitorKey, logger: silent }));
  app.route('/untrusted', untrusted);
  const proxied = new Hono();
  proxied.route('/api/chat', chatApi({ kit, allowedOrigins: [PARTNER], ratePerMinute: 6, visitorKey, trustProxy: ['127.0.0.1/32'], logger: silent }));
  app.route('/proxied', proxied);
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
    expect(Object.keys(reply).sort()).toEqual(['citations', 'conversationId', 'intent', 'lang', 'messages']);
    expect(reply.lang).toBe('it');
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
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Orienta-Visitor/i);
    const partner = await post('/api/chat', { text: 'ciao' }, { origin: PARTNER, 'sec-fetch-site': 'cross-site' });
    expect(partner.status).toBe(200);
    expect(partner.headers.get('access-control-expose-headers')).toMatch(/Orienta-Visitor/i);
    const other = await post('/api/chat', { text: 'ciao' }, { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
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

const turnCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns'))[0]!.n;
const userOf = async (conversationId: string) => (await db.query<{ user_id: string }>('SELECT user_id FROM conversations WHERE id = $1', [conversationId]))[0]?.user_id;

describe('requests from pages of other sites', () => {
  it('takes only JSON: text/plain, form and multipart posts get 415 and are not processed', async () => {
    const before = await turnCount();
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': type, 'accept-language': 'en' }, body: JSON.stringify({ text: 'corsi di coding' }) });
      expect(r.status, type).toBe(415);
      expect(await r.json()).toEqual({ error: { code: 'JSON_ONLY', message: 'The chat only accepts JSON requests.' } });
    }
    expect(await turnCount()).toBe(before);
  });

  it('refuses a page of a site not listed (Origin, Sec-Fetch-Site) with 403, and lets in the partners and Orienta’s own pages', async () => {
    const before = await turnCount();
    for (const headers of <Record<string, string>[]>[{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }]) {
      const r = await post('/api/chat', { text: 'corsi di coding' }, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('FOREIGN_SITE');
      expect((await fetch(`${base}/api/chat/abcdefghijklmnopqrstuvwx`, { headers })).status, `GET ${JSON.stringify(headers)}`).toBe(403);
    }
    expect(await turnCount()).toBe(before);
    for (const headers of <Record<string, string>[]>[{ origin: PARTNER, 'sec-fetch-site': 'cross-site' }, { origin: base, 'sec-fetch-site': 'same-origin' }, { origin: base }, { 'sec-fetch-site': 'same-origin' }, {}]) {
      expect((await post('/api/chat', { text: 'ciao' }, headers)).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('cannot be made to erase a visitor’s data by forged posts that carry their cookie', async () => {
    const victim = await post('/api/chat', { text: 'corsi di stampa 3d a viadana' }, { origin: PARTNER, 'sec-fetch-site': 'cross-site' });
    const cookie = cookieOf(victim);
    const { conversationId } = (await victim.json()) as Reply;
    const forge = (text: string, type: string, headers: Record<string, string>) =>
      fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': type, cookie, ...headers }, body: JSON.stringify({ conversationId, text }) });
    for (const text of ['cancella i miei dati', 'sì']) {
      // What a form or a no-cors fetch on another site sends, and what a page could try with JSON.
      expect((await forge(text, 'text/plain', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await forge(text, 'text/plain', {})).status).toBe(415);
      expect((await forge(text, 'application/json', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await forge(text, 'application/json', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    }
    const history = await fetch(`${base}/api/chat/${conversationId}`, { headers: { cookie } });
    expect(history.status).toBe(200);
    expect(((await history.json()) as { turns: { inbound: { text: string } }[] }).turns.map((t) => t.inbound.text)).toEqual(['corsi di stampa 3d a viadana']);
  });
});

describe('the visitor', () => {
  it('is stored as a keyed hash of its token, never the token, the same on every turn and whether the token comes as cookie or header', async () => {
    const first = await post('/api/chat', { text: 'ciao' });
    const token = first.headers.get('orienta-visitor')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieOf(first)).toBe(`orienta_visitor=${token}`);
    const { conversationId } = (await first.json()) as Reply;
    const stored = await userOf(conversationId);
    expect(stored).toBe(`web:${createHmac('sha256', KEY).update(token).digest('base64url')}`);
    expect(stored).not.toContain(token);
    const exported = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM conversations WHERE user_id LIKE '%' || $1 || '%'", [token]);
    expect(exported[0]!.n).toBe(0);

    // A new conversation of the same browser, by cookie; the same one continued by the widget's header alone.
    const again = (await (await post('/api/chat', { text: 'corsi di coding' }, { cookie: cookieOf(first) })).json()) as Reply;
    expect(again.conversationId).not.toBe(conversationId);
    expect(await userOf(again.conversationId)).toBe(stored);
    const byHeader = await post('/api/chat', { conversationId, text: 'corsi di coding' }, { 'orienta-visitor': token });
    expect(((await byHeader.json()) as Reply).conversationId).toBe(conversationId);
    expect(cookieOf(byHeader)).toBe(`orienta_visitor=${token}`);
    expect((await fetch(`${base}/api/chat/${conversationId}`, { headers: { 'orienta-visitor': token } })).status).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const burst = async (path: string, forwardedFor: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(path, { text: 'ciao' }, { 'x-forwarded-for': forwardedFor(i) })).status);
    return statuses;
  };

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy: the socket address is the key', async () => {
    expect(await burst('/untrusted/api/chat', (i) => `198.51.100.${i}`)).toContain(429);
  });

  it('keys the rate limit by the client a trusted proxy names', async () => {
    expect(await burst('/proxied/api/chat', (i) => `198.51.100.${i}`)).not.toContain(429);
    // A client forging its own X-Forwarded-For still gets one bucket: the proxy appends the address it saw.
    expect(await burst('/proxied/api/chat', (i) => `10.9.9.${i}, 203.0.113.5`)).toContain(429);
  });

  it('sets a Secure, SameSite=None, Partitioned cookie for a partner page over HTTPS, when a trusted proxy says HTTPS', async () => {
    const headers = { origin: PARTNER, 'sec-fetch-site': 'cross-site', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.77' };
    const proxied = (await post('/proxied/api/chat', { text: 'ciao' }, headers)).headers.get('set-cookie')!;
    expect(proxied).toMatch(/; Secure/);
    expect(proxied).toMatch(/; SameSite=None/);
    expect(proxied).toMatch(/; Partitioned/);
    expect(proxied).toMatch(/; HttpOnly/);
    // The same headers from a peer that is no proxy of ours: plain HTTP as far as we know.
    const direct = (await post('/api/chat', { text: 'ciao' }, headers)).headers.get('set-cookie')!;
    expect(direct).not.toMatch(/Secure|Partitioned/);
    expect(direct).toMatch(/SameSite=Lax/);
    // Orienta's own page over HTTPS: Secure, and Lax is enough.
    const own = (await post('/proxied/api/chat', { text: 'ciao' }, { 'sec-fetch-site': 'same-origin', 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.79' })).headers.get('set-cookie')!;
    expect(own).toMatch(/; Secure/);
    expect(own).toMatch(/SameSite=Lax/);
    expect(own).not.toMatch(/Partitioned/);
  });
});

describe('a message sent more than once (a browser retrying, a double submit)', () => {
  const turnsOfMessage = async (messageId: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns WHERE message_id = $1', [messageId]))[0]!.n;
  const conversationsOf = async (userId: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations WHERE user_id = $1', [userId]))[0]!.n;

  it('runs once: the copies, racing or late, get the first one’s reply, on the JSON and the stream routes', async () => {
    const first = await post('/api/chat', { text: 'ciao' });
    const token = first.headers.get('orienta-visitor')!;
    const userId = await userOf(((await first.json()) as Reply).conversationId);
    // A new conversation's first message: without the ledger each copy would open a conversation of its own.
    const message = { text: 'corsi di stampa 3d a viadana', messageId: 'w-twice-1' };
    const copies = await Promise.all([post('/api/chat', message, { 'orienta-visitor': token }), post('/api/chat', message, { 'orienta-visitor': token })]);
    const late = await post('/api/chat', message, { 'orienta-visitor': token });
    const replies = (await Promise.all([...copies, late].map((r) => r.json()))) as Reply[];
    expect([...copies, late].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toEqual(replies[0]);
    expect(replies[0]!.citations.map((c) => c.id)).toContain('C008');
    expect(await turnsOfMessage('w-twice-1')).toBe(1);
    expect(await conversationsOf(userId!)).toBe(2);

    const streamed = await post('/api/chat/stream', { ...message, conversationId: replies[0]!.conversationId }, { 'orienta-visitor': token });
    const done = (await streamed.text()).split('\n\n').find((block) => block.startsWith('event: done'))!;
    expect(JSON.parse(done.match(/^data: (.*)$/m)![1]!)).toEqual(replies[0]);
    expect(await turnsOfMessage('w-twice-1')).toBe(1);
  });

  it('is the same message only for the same visitor: another visitor’s message with that id is theirs', async () => {
    const a = (await (await post('/api/chat', { text: 'corsi di coding', messageId: 'w-shared-id' })).json()) as Reply;
    const b = (await (await post('/api/chat', { text: 'corsi di saldatura', messageId: 'w-shared-id' })).json()) as Reply;
    expect(b.conversationId).not.toBe(a.conversationId);
    expect(await turnsOfMessage('w-shared-id')).toBe(2);
  });

  it('answers 409 ALREADY_RECEIVED, in the visitor’s language, to a copy whose reply was not kept (the data was erased)', async () => {
    const first = await post('/api/chat', { text: 'cancella i miei dati' }, { 'accept-language': 'en' });
    const token = first.headers.get('orienta-visitor')!;
    const { conversationId } = (await first.json()) as Reply;
    const yes = { conversationId, text: 'sì', messageId: 'w-erase-yes' };
    const erased = await post('/api/chat', yes, { 'orienta-visitor': token, 'accept-language': 'en' });
    expect(erased.status).toBe(200);
    expect(await userOf(conversationId)).toBeUndefined();
    const copy = await post('/api/chat', yes, { 'orienta-visitor': token, 'accept-language': 'en' });
    expect(copy.status).toBe(409);
    expect(await copy.json()).toEqual({ error: { code: 'ALREADY_RECEIVED', message: 'I already have this message: if you don’t see the answer, reopen the chat.' } });
  });
});

describe('a delivery ledger out of reach', () => {
  it('does not keep a visitor from an answer: the turn runs unchecked, as it did before the ledger', async () => {
    await db.exec('ALTER TABLE channel_deliveries RENAME TO channel_deliveries_away');
    try {
      const res = await post('/api/chat', { text: 'corsi di stampa 3d a viadana', messageId: 'w-no-ledger' });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Reply).citations.map((c) => c.id)).toContain('C008');
    } finally {
      await db.exec('ALTER TABLE channel_deliveries_away RENAME TO channel_deliveries');
    }
  });
});
