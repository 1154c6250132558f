import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../domain/message.js';
import type { EngineChannelKit } from '../../app/channels/engine-channel-kit.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { heldEngine } from '../../test/support/held-engine.js';
import { openSampleEngine } from '../../test/support/sample-engine.js';
import { kitOver } from '../../test/support/sample-kit.js';
import { listen, type RunningServer } from '../server.js';
import { WebChannel } from './web-channel.js';

// The web chat as a channel: its turns go through the kit, so a shutdown drains them like any other.
let db: PgliteDatabase;
let server: RunningServer;
let base: string;
let channel: WebChannel;
let kit: EngineChannelKit;
let held: ReturnType<typeof heldEngine>;

beforeAll(async () => {
  const opened = await openSampleEngine();
  db = opened.db;
  held = heldEngine(opened.engine);
  kit = kitOver(db, held.engine);
  channel = new WebChannel({ allowedOrigins: [], ratePerMinute: 600 }, { kit, visitorKey: async () => Buffer.from('web-channel-test-key-0123456789ab'), logger: { warn() {} } });
  const app = new Hono();
  channel.routes(app);
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  held?.release();
  await server?.close();
  await db?.close();
});

const post = (body: unknown, headers: Record<string, string> = {}) => fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the web chat shutting down', () => {
  it('answers the turn in flight, which the kit drains, and refuses new ones with 503 in one error shape', async () => {
    const pending = post({ text: 'corsi di stampa 3d a viadana', messageId: 'w-shutdown-1' });
    await held.arrived;
    await channel.stop();

    const refused = await post({ text: 'ciao' }, { 'accept-language': 'en' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: { code: 'SHUTTING_DOWN', message: 'Orienta is restarting: please try again in a few seconds.' } });

    const order: string[] = [];
    const drained = kit.drain().then(() => order.push('drained'));
    // Give a drain that does not know of the turn every chance to end first.
    await new Promise((resolve) => setImmediate(resolve));
    order.push('released');
    held.release();
    await drained;
    expect(order).toEqual(['released', 'drained']);
    const answered = await pending;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as Reply).citations.map((c) => c.id)).toContain('C008');

    await channel.start();
    expect((await post({ text: 'ciao' })).status).toBe(200);
  });
});
