import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import type { Engine } from '../../bot/engine.js';
import { RICH, type InboundMessage, type Lang, type OutboundMessage } from '../../domain/message.js';
import type { HandoffRequest, StaffDesk } from '../../domain/ports.js';
import type { Channel } from '../../adapters/channel.js';
import { PgBookingService } from '../../knowledge/bookings/pg-booking-service.js';
import { PgAddressBook } from '../../knowledge/channels/pg-address-book.js';
import { PgDeliveryLedger } from '../../knowledge/channels/pg-delivery-ledger.js';
import { PgHandoffQueue } from '../../knowledge/conversations/pg-handoff-queue.js';
import { PgSessionStore } from '../../knowledge/conversations/pg-session-store.js';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { addTestSlots, TEST_SLOTS } from '../../test/support/booking-fixtures.js';
import { heldEngine } from '../../test/support/held-engine.js';
import { engineOver } from '../../test/support/sample-engine.js';
import { kitOver } from '../../test/support/sample-kit.js';
import { openSampleStore, REFERENCE_NOW } from '../../test/support/sample-store.js';
import { ChannelMessenger } from './channel-messenger.js';
import { EngineChannelKit } from './engine-channel-kit.js';
import { FanOutNotifier } from './fan-out-notifier.js';
import { PromotionNotifier } from './promotion-notifier.js';

const silent = { info() {}, warn() {}, error() {} };

/** A channel that keeps what it was asked to send. */
class RecordingChannel implements Channel {
  readonly sent: { address: unknown; messages: OutboundMessage[]; lang: Lang }[] = [];
  constructor(readonly name: string) {}
  async send(address: unknown, messages: OutboundMessage[], lang: Lang) {
    this.sent.push({ address, messages, lang });
  }
}

class RecordingDesk implements StaffDesk {
  readonly opened: (HandoffRequest & { id: string })[] = [];
  readonly relayed: { ref: string; text: string }[] = [];
  failing = false;
  async open(h: HandoffRequest & { id: string }) {
    this.opened.push(h);
    return `thread-${h.id}`;
  }
  async relay(ref: string, text: string) {
    if (this.failing) throw new Error('desk down');
    this.relayed.push({ ref, text });
  }
}

let db: PgliteDatabase;
let engine: Engine;
let kit: EngineChannelKit;
let messenger: ChannelMessenger;
let handoffs: PgHandoffQueue;
let bookings: PgBookingService;
const telegram = new RecordingChannel('telegram');
const desk = new RecordingDesk();

beforeAll(async () => {
  ({ db } = await openSampleStore().then(async (s) => ({ db: s.db, vector: s.vector, e: (engine = await build(s.db, s.vector)) })));
  await addTestSlots(db);
});
afterAll(() => db?.close());

async function build(database: PgliteDatabase, vector: Parameters<typeof engineOver>[1]): Promise<Engine> {
  const addresses = new PgAddressBook(database);
  messenger = new ChannelMessenger(addresses, silent);
  messenger.register(telegram);
  bookings = new PgBookingService({ db: database, clock: fixedClock(REFERENCE_NOW), notifier: new FanOutNotifier([new PromotionNotifier(messenger)], silent) });
  handoffs = new PgHandoffQueue(database, silent);
  handoffs.useDesk(desk);
  const e = await engineOver(database, vector, { bookings, handoff: handoffs });
  kit = new EngineChannelKit(() => e, new PgDeliveryLedger(database), addresses, silent);
  return e;
}

const from = (userId: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({ userId, conversationId: userId, channel: 'telegram', capabilities: RICH, text, ...extra });

describe('the channels’ kit', () => {
  it('answers a delivery once, even when its copies arrive together', async () => {
    const inbound = from('telegram:1001', 'corsi di stampa 3d a viadana');
    const replies = await Promise.all([kit.turn(inbound, { id: 'u-1', address: { chat: 1001 } }), kit.turn(inbound, { id: 'u-1', address: { chat: 1001 } })]);
    expect(replies.filter(Boolean)).toHaveLength(1);
    expect(await kit.turn(inbound, { id: 'u-1', address: { chat: 1001 } })).toBeNull();
    const turns = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM turns WHERE conversation_id = 'telegram:1001'");
    expect(turns[0]!.n).toBe(1);
  });

  it('remembers where a person wrote from, and reaches them there in their language', async () => {
    await kit.turn(from('telegram:1002', 'hello, are there any free coding courses?'), { id: 'u-2', address: { chat: 1002 } });
    const before = telegram.sent.length;
    expect(await messenger.send('telegram:1002', (lang) => [{ type: 'text', text: lang === 'en' ? 'hi' : 'ciao' }])).toBe(true);
    expect(telegram.sent.slice(before)).toEqual([{ address: { chat: 1002 }, messages: [{ type: 'text', text: 'hi' }], lang: 'en' }]);
    expect(await messenger.send('telegram:nobody', () => [{ type: 'text', text: 'x' }])).toBe(false);
  });

  it('forgets the address with the rest of a person’s data', async () => {
    await kit.turn(from('telegram:1003', 'ciao'), { id: 'u-3', address: { chat: 1003 } });
    await new PgSessionStore(db).eraseUser('telegram:1003');
    expect(await messenger.send('telegram:1003', () => [{ type: 'text', text: 'x' }])).toBe(false);
  });

  it('tells a person promoted from the waitlist, on their channel', async () => {
    const slot = TEST_SLOTS.small;
    const first = await bookings.book({ slotId: slot.id, userId: 'telegram:2001', channel: 'telegram', name: 'Primo' });
    if (!first.ok) throw new Error(first.reason);
    await bookings.book({ slotId: slot.id, userId: 'telegram:2002', channel: 'telegram', name: 'Seconda' });
    await kit.turn(from('telegram:2003', 'ciao'), { id: 'u-4', address: { chat: 2003 } });
    const waiting = await bookings.book({ slotId: slot.id, userId: 'telegram:2003', channel: 'telegram', name: 'Terza', waitlist: true });
    if (!waiting.ok) throw new Error(waiting.reason);
    expect(waiting.booking.status).toBe('waitlisted');
    const before = telegram.sent.length;
    await bookings.cancel(first.booking.code, 'telegram:2001');
    const told = telegram.sent.slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]!.address).toEqual({ chat: 2003 });
    expect(JSON.stringify(told[0]!.messages)).toContain(waiting.booking.code);
    expect(JSON.stringify(told[0]!.messages)).toMatch(/si è liberato un posto/);
  });
});

describe('a web message sent again', () => {
  const web = (messageId: string, text: string): InboundMessage => ({ userId: 'web:visitor-4001', channel: 'web', capabilities: RICH, text, messageId });
  const turnsOf = async (messageId: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns WHERE message_id = $1', [messageId]))[0]!.n;

  it('gets the reply another process gave it, from the store, and is counted as a repeat', async () => {
    const repeats: string[] = [];
    const replica = kitOver(db, engine, { onRepeat: (channel) => repeats.push(channel) });
    const first = await kit.exchange(web('w-4001', 'corsi di stampa 3d a viadana'));
    const copy = await replica.exchange(web('w-4001', 'corsi di stampa 3d a viadana'));
    expect(copy).toEqual(first);
    expect(first!.citations.map((c) => c.id)).toContain('C008');
    expect(await turnsOf('w-4001')).toBe(1);
    expect(repeats).toEqual(['web']);
  });

  it('waits for the reply while another process is still running the first copy', async () => {
    const held = heldEngine(engine);
    const busy = kitOver(db, held.engine);
    const replica = kitOver(db, engine);
    const first = busy.exchange(web('w-4002', 'corsi di robotica'));
    await held.arrived;
    const copy = replica.exchange(web('w-4002', 'corsi di robotica'));
    held.release();
    expect(await copy).toEqual(await first);
    expect(await turnsOf('w-4002')).toBe(1);
  });
});

describe('a handoff carried on by staff', () => {
  it('posts the request to the desk, relays the user once claimed, and hands back on close', async () => {
    const user = 'telegram:3001';
    await kit.turn(from(user, 'corsi di robotica'), { id: 'h-1', address: { chat: 3001 } });
    const asked = await kit.turn(from(user, 'voglio parlare con una persona, 333 1234567'), { id: 'h-2', address: { chat: 3001 } });
    expect(asked!.intent).toBe('handoff');
    const opened = desk.opened.at(-1)!;
    expect(opened.conversationId).toBe(user);
    expect(opened.summary).toContain('corsi di robotica');

    // Not claimed yet: the assistant still answers.
    expect((await kit.turn(from(user, 'corsi di coding'), { id: 'h-3', address: { chat: 3001 } }))!.intent).not.toBe('relayed');

    const ref = `thread-${opened.id}`;
    expect((await handoffs.claim(ref, 'U-STAFF'))?.userId).toBe(user);
    expect(await handoffs.claim(ref, 'U-OTHER')).toBeNull();
    const relayed = await kit.turn(from(user, 'grazie, ho una domanda sul corso'), { id: 'h-4', address: { chat: 3001 } });
    expect(relayed).toMatchObject({ intent: 'relayed', messages: [] });
    expect(desk.relayed.at(-1)).toEqual({ ref, text: 'grazie, ho una domanda sul corso' });

    desk.failing = true;
    const failed = await kit.turn(from(user, 'ci sei?'), { id: 'h-5', address: { chat: 3001 } });
    expect(failed!.messages[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/operatore/) });
    desk.failing = false;

    expect((await handoffs.close(ref))?.status).toBe('closed');
    const back = await kit.turn(from(user, 'corsi di stampa 3d'), { id: 'h-6', address: { chat: 3001 } });
    expect(back!.intent).toBe('find_course');
  });

  it('keeps the request in the store when the desk cannot be reached', async () => {
    desk.failing = true;
    const open = desk.open.bind(desk);
    desk.open = async () => {
      throw new Error('slack down');
    };
    try {
      const reply = await kit.turn(from('telegram:3002', 'voglio parlare con un operatore'), { id: 'h-7', address: { chat: 3002 } });
      expect(reply!.intent).toBe('handoff');
      const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM handoffs WHERE user_id = 'telegram:3002' AND desk_ref IS NULL");
      expect(rows[0]!.n).toBe(1);
    } finally {
      desk.open = open;
      desk.failing = false;
    }
  });
});
