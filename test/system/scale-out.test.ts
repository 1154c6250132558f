import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/answer/texts.js';
import type { Reply } from '../../domain/message.js';
import { countersConsistent } from '../support/booking-fixtures.js';
import { readable } from '../support/sample-engine.js';
import { serve, type Served } from '../support/serve.js';
import { freshPostgres, inCi } from '../support/stores.js';
import { webVisitor } from '../support/web-visitor.js';

/**
 * Replicas are stateless: two `orienta serve` processes on one PostgreSQL server share every
 * conversation and every seat, so a load balancer may send any request to either.
 */
const url = process.env.TEST_DATABASE_URL;
if (!url && !inCi) console.warn('skipping the scale-out test: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');

const T = t('it').booking;
const CODE = /LTO-[A-Z0-9]{4}/;

/** Goes through the booking flow for one slot, answering what it asks; the confirmed code or null. */
async function bookThrough(send: (body: { text?: string; action?: string }) => Promise<Reply>, slotId: string, who: number): Promise<string | null> {
  await send({ action: 'book:service:SV01' });
  let reply = await send({ action: `slot:${slotId}` });
  for (let step = 0; step < 6; step++) {
    const said = readable(reply);
    if (said.includes(T.askName)) reply = await send({ text: `Giulia Rossi${'i'.repeat(who % 3)}` });
    else if (said.includes(T.askContact)) reply = await send({ text: `giulia${who}@example.com` });
    else if (said.includes(T.confirm)) reply = await send({ text: 'sì' });
    else return CODE.test(said) && said.includes(T.booked('').split(' ')[0]!) ? said.match(CODE)![0] : null;
  }
  return null;
}

describe.skipIf(!url && !inCi)('two replicas on one PostgreSQL server', () => {
  let store: Awaited<ReturnType<typeof freshPostgres>>;
  let a: Served;
  let b: Served;
  const base = (s: Served) => `http://127.0.0.1:${s.port}`;

  beforeAll(async () => {
    if (!url) throw new Error('TEST_DATABASE_URL is required in CI for the scale-out test');
    store = await freshPostgres(url);
    const env = { DATABASE_URL: store.url, ORIENTA_NOW: '2026-11-25T10:00:00+01:00', WEB_RATE_PER_MINUTE: '10000' };
    // The first replica migrates and loads the sample; the second finds them done.
    a = await serve(env);
    b = await serve(env);
  }, 180_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s) s.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await store?.cleanup();
  });

  it('continues a conversation on the other replica', async () => {
    const visitor = webVisitor(() => base(a));
    const first = await visitor.send({ text: 'corsi di stampa 3d a viadana' });
    expect(first.citations.map((c) => c.id)).toContain('C008');
    // "e online?" refines the search the other process answered: the state lives in the store.
    const refined = await visitor.send({ text: 'e solo gratuiti?' }, base(b));
    expect(refined.conversationId).toBe(first.conversationId);
    expect(refined.intent).toBe('find_course');
    const history = await visitor.history(base(a));
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('e solo gratuiti?');
  });

  it('books the last seat through both replicas at once without overbooking', async () => {
    // SL045: a job-centre appointment with one place.
    const visitors = Array.from({ length: 8 }, (_, i) => ({ i, v: webVisitor(() => base(i % 2 ? b : a)) }));
    const codes = await Promise.all(visitors.map(({ i, v }) => bookThrough((body) => v.send(body), 'SL045', i)));
    const confirmed = codes.filter(Boolean);
    expect(confirmed).toHaveLength(1);
    const [slot] = await store.db.query<{ taken: number; capacity: number; booked: number }>("SELECT taken, capacity, booked FROM slots WHERE id = 'SL045'");
    expect(slot).toEqual({ taken: 1, capacity: 1, booked: 1 });
    const held = await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookings WHERE slot_id = 'SL045' AND status = 'confirmed'");
    expect(held[0]!.n).toBe(1);
    expect(await countersConsistent(store.db)).toEqual([]);
  });
});
