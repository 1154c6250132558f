import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { createHttpApp } from '../../adapters/server.js';
import { malformedBody, prng, randomJson, randomString, storeFingerprint, type Prng } from '../support/fuzz.js';

/**
 * Hostile input everywhere: thousands of random and malformed payloads at every public endpoint.
 * Only 4xx answers come back, the process stays up, and nothing stored changes.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

let dir: string;
let orienta: Orienta;
let app: Hono;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orienta-fuzz-'));
  const config = loadConfig({ ORIENTA_DATA_DIR: dir, ORIENTA_NOW: '2026-11-25T10:00:00+01:00', WEB_RATE_PER_MINUTE: '10000', LOG_LEVEL: 'silent' });
  orienta = await startOrienta(config, createLogger('silent'), { command: 'serve', serve: true });
  app = createHttpApp(orienta);
  await orienta.engine().warmUp();
}, 120_000);

afterAll(async () => {
  await orienta?.close();
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
    // The parser, not only the limiter, was exercised.
    expect((post.statuses[400] ?? 0) + (post.statuses[413] ?? 0)).toBeGreaterThan(RUNS * 0.8);
    expect(await storeFingerprint(orienta.store.db)).toEqual(before);
  }, 600_000);
});
