import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT, RICH } from '../domain/message.js';
import { fixedClock } from '../domain/clock.js';
import type { BookingService, StaffDesk } from '../domain/ports.js';
import { MAX_TEXT } from './understanding/index.js';
import { PgBookingService } from '../knowledge/bookings/pg-booking-service.js';
import { PgHandoffQueue } from '../knowledge/conversations/pg-handoff-queue.js';
import { engineOver, readable, talker } from '../test/support/sample-engine.js';
import { openSampleStore, REFERENCE_NOW } from '../test/support/sample-store.js';

// What a person sends is stored as PostgreSQL takes it: half an emoji at the length limit, a lone
// surrogate, a NUL in any field must not fail the turn (the error quoted the text into the log,
// after a handoff the turn asked for had been opened). Real engine, real store.

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const failures: unknown[] = [];
const logger = {
  info() {},
  warn() {},
  error(obj: unknown, msg: string) {
    failures.push({ obj, msg });
  },
};

/** The staff desk, as Slack would be: a thread per handoff, the person's words relayed into it. */
const relayedToStaff: string[] = [];
const desk: StaffDesk = {
  open: async (h) => `desk:${h.id}`,
  relay: async (_ref, text) => void relayedToStaff.push(text),
};

let db: PgliteDatabase;
let engine: Engine;
let bookings: BookingService;
beforeAll(async () => {
  const store = await openSampleStore();
  db = store.db;
  const handoff = new PgHandoffQueue(db);
  handoff.useDesk(desk);
  bookings = new PgBookingService({ db, clock: fixedClock(REFERENCE_NOW), notifier: { notify: async () => {} } });
  engine = await engineOver(db, store.vector, { logger, handoff, bookings });
});
afterAll(() => db?.close());
beforeEach(() => {
  failures.length = 0;
});

const storedTurns = (conversationId: string) =>
  db.query<{ inbound: { text?: string; action?: string }; intent: string }>('SELECT inbound, intent FROM turns WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
const handoffsOf = (conversationId: string) => db.query<{ summary: string }>('SELECT summary FROM handoffs WHERE conversation_id = $1', [conversationId]);

describe('text cut and cleaned before it is stored', () => {
  it('a message whose cut at the limit falls inside an emoji is answered and stored, the emoji dropped whole', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const text = `${'a'.repeat(MAX_TEXT - 1)}😀 e poi altro`;
    const reply = await u.say(text);
    expect(reply.intent).toBe('too_long');
    expect(failures).toEqual([]);
    const [turn] = await storedTurns(u.conversationId!);
    expect(turn!.inbound.text).toBe('a'.repeat(MAX_TEXT - 1));
  });

  it('a lone surrogate in a request for a person: one handoff, the turn stored, nothing failed', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('corsi di robotica');
    const reply = await u.say('voglio parlare con un operatore \uD83D per favore \uDE00');
    expect(reply.intent).toBe('handoff');
    expect(failures).toEqual([]);
    const handoffs = await handoffsOf(u.conversationId!);
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]!.summary).not.toMatch(LONE);
    expect(handoffs[0]!.summary).not.toContain('\uFFFD');
    const turns = await storedTurns(u.conversationId!);
    expect(turns.map((t) => t.intent)).toEqual(['find_course', 'handoff']);
    expect(turns[1]!.inbound.text).toBe('voglio parlare con un operatore  per favore');
  });

  it('a long message relayed to staff is cut on a character too', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('corsi di robotica');
    await u.say('voglio parlare con un operatore');
    // A person on the staff takes it: what the user writes now goes to them.
    expect(await db.query("UPDATE handoffs SET status = 'taken', claimed_by = 'staff' WHERE conversation_id = $1 RETURNING id", [u.conversationId])).toHaveLength(1);
    const relayed = await u.say(`${'b'.repeat(MAX_TEXT - 1)}😀`);
    expect(relayed.intent).toBe('relayed');
    expect(failures).toEqual([]);
    expect(relayedToStaff.at(-1)).toBe('b'.repeat(MAX_TEXT - 1));
    expect((await storedTurns(u.conversationId!)).at(-1)!.inbound.text).toBe('b'.repeat(MAX_TEXT - 1));
  });
});

describe('a NUL in any field a channel hands over', () => {
  it('in an action, a text, a message id or a conversation id: answered, stored, nothing failed', async () => {
    const u = talker(engine, undefined, RICH);
    const details = await u.say('', { action: 'details:course:C001\u0000', text: undefined });
    expect(details.intent).not.toBe('error');
    expect(readable(details)).toMatch(/Coding/);
    const texted = await u.say('corsi di\u0000 robotica', { messageId: 'msg\u00001' });
    expect(texted.intent).toBe('find_course');
    // The same delivery again is answered once, from the store.
    expect(await u.say('corsi di\u0000 robotica', { messageId: 'msg\u00001' })).toEqual(texted);
    const other = await engine.handle({ userId: 'test:nul-conversation', channel: 'test', capabilities: RICH, text: 'ciao', conversationId: `${u.conversationId}\u0000` });
    expect(other.intent).not.toBe('error');
    expect(failures).toEqual([]);
    const turns = await storedTurns(u.conversationId!);
    expect(turns.map((t) => t.inbound)).toEqual([{ action: 'details:course:C001' }, { text: 'corsi di robotica' }]);
  });

  it('in the names of a booking form: the booking is made without it', async () => {
    const u = talker(engine, undefined, RICH);
    const form = 'book:site:S02?slot=SL068&class=4%00B&group=15&name=Maria%00+Bianchi';
    const summary = await u.say('', { action: form, text: undefined });
    expect(summary.intent).toBe('book');
    expect(failures).toEqual([]);
    const asked = readable(summary);
    // A name or class with a NUL in it is no name: asked again, never stored with the NUL.
    expect(asked).not.toContain('\u0000');
    const steps = [asked];
    let reply = summary;
    for (const answer of ['4B', 'Maria Bianchi', 'sì']) {
      if (/LTO-/.test(readable(reply))) break;
      reply = await u.say(answer);
      steps.push(readable(reply));
    }
    expect(failures).toEqual([]);
    const [booking] = await bookings.listForUser(u.userId);
    expect(booking).toMatchObject({ slotId: 'SL068', className: '4B', name: 'Maria Bianchi', groupSize: 15 });
  });
});
