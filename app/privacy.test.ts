import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import type { Engine } from '../bot/engine.js';
import { RICH, type InboundMessage, type Reply } from '../domain/message.js';
import { PgBookingService } from '../knowledge/bookings/pg-booking-service.js';
import { PgAddressBook } from '../knowledge/channels/pg-address-book.js';
import { PgDeliveryLedger } from '../knowledge/channels/pg-delivery-ledger.js';
import { PgSessionStore } from '../knowledge/conversations/pg-session-store.js';
import type { Database } from '../knowledge/db/database.js';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { Slot } from '../domain/model/index.js';
import { applyInTransaction } from '../ingest/apply.js';
import { addTestSlots, MovableClock, TEST_SLOTS } from '../test/support/booking-fixtures.js';
import { openSampleEngine, readable } from '../test/support/sample-engine.js';
import { REFERENCE_NOW } from '../test/support/sample-store.js';
import { EngineChannelKit } from './channels/engine-channel-kit.js';
import { PrivacyService, schedulePurge } from './privacy.js';

// Export, erasure and the retention purge on a real store, through the same kit every channel
// uses: what is exported is what is held, and an erasure leaves the person in no table at all.

const silent = { info() {}, warn() {}, error() {} };
const POLICY = { conversationDays: 180, bookingDays: 90, deliveryDays: 7 };

let db: PgliteDatabase;
let engine: Engine;
let kit: EngineChannelKit;
let bookings: PgBookingService;
let privacy: PrivacyService;

beforeAll(async () => {
  const opened = await openSampleEngine();
  ({ db, engine } = opened);
  bookings = opened.bookings as PgBookingService;
  await addTestSlots(db);
  kit = new EngineChannelKit(() => engine, new PgDeliveryLedger(db), new PgAddressBook(db), silent);
  privacy = new PrivacyService({ db, sessions: new PgSessionStore(db), bookings, clock: fixedClock(REFERENCE_NOW), policy: POLICY });
});
afterAll(() => db?.close());

/** A student on Telegram: every call is a delivery of the platform. */
function student(chat: number) {
  const userId = `telegram:${chat}`;
  let n = 0;
  return {
    userId,
    async say(text: string): Promise<Reply> {
      const inbound: InboundMessage = { userId, conversationId: userId, channel: 'telegram', capabilities: RICH, text };
      return (await kit.turn(inbound, { id: `${chat}-${++n}`, address: { chat } }))!;
    },
  };
}

/** A person who searched, enrolled in C001, asked for a human leaving a phone, and waits for a seat. */
async function personWithData(chat: number, name: string, phone: string) {
  const s = student(chat);
  await s.say('corsi di coding a Mantova');
  const asked = await s.say('voglio iscrivermi a C001');
  // C001 has two editions here: the first date is picked by its number, as on a plain-text channel.
  if (/Scegli una data/.test(readable(asked))) await s.say('1');
  await s.say(name);
  await s.say('16');
  const done = await s.say('sì');
  const code = readable(done).match(/LTO-[A-Z0-9]{4}/)?.[0];
  expect(code, readable(done)).toBeDefined();
  const handoff = await s.say(`voglio parlare con una persona, ${phone}`);
  expect(handoff.intent).toBe('handoff');
  // The small appointment slot filled by others, then this person on its waitlist.
  for (const other of ['a', 'b']) await bookings.book({ slotId: TEST_SLOTS.small.id, userId: `telegram:filler-${chat}-${other}`, channel: 'telegram', name: 'Filler' });
  const waiting = await bookings.book({ slotId: TEST_SLOTS.small.id, userId: s.userId, channel: 'telegram', name, contact: phone, waitlist: true });
  expect(waiting.ok && waiting.booking.status).toBe('waitlisted');
  return { ...s, code: code! };
}

/** Every row of every table, as text, that mentions any of these. */
async function traces(sql: Database, needles: string[]): Promise<string[]> {
  const tables = await sql.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  expect(tables.map((t) => t.t)).toEqual(expect.arrayContaining(['conversations', 'turns', 'handoffs', 'bookings', 'channel_addresses', 'channel_deliveries']));
  const found: string[] = [];
  for (const { t } of tables) {
    const rows = await sql.query<{ row: string }>(`SELECT x::text AS row FROM "${t}" x WHERE x::text ILIKE ANY($1)`, [needles.map((n) => `%${n}%`)]);
    found.push(...rows.map((r) => `${t}: ${r.row.slice(0, 200)}`));
  }
  return found;
}

const slotCounts = (sql: Database) => sql.query<{ id: string; taken: number; booked: number }>('SELECT id, taken, booked FROM slots ORDER BY id');

describe('a person’s data', () => {
  it('is all in the export: conversations with their turns, handoffs, channel address, bookings', async () => {
    const p = await personWithData(7001, 'Giulia Bianchi', '333 7654321');
    const data = await privacy.export(p.userId);
    expect(data.userId).toBe(p.userId);
    expect(data.exportedAt).toBe(REFERENCE_NOW.toISOString());
    expect(data.conversations).toHaveLength(1);
    expect(data.conversations[0]!.history.map((h) => h.inbound.text)).toEqual(expect.arrayContaining(['corsi di coding a Mantova', 'Giulia Bianchi', 'voglio parlare con una persona, 333 7654321']));
    expect(data.handoffs).toHaveLength(1);
    expect(JSON.stringify(data.handoffs)).toContain('7654321');
    expect(data.addresses).toEqual([expect.objectContaining({ channel: 'telegram', address: { chat: 7001 } })]);
    expect(data.bookings.map((b) => [b.code === p.code || b.slotId === TEST_SLOTS.small.id, b.name, b.status]).sort()).toEqual([
      [true, 'Giulia Bianchi', 'confirmed'],
      [true, 'Giulia Bianchi', 'waitlisted'],
    ]);
    // Nobody else's data comes with it.
    expect(JSON.stringify(data)).not.toContain('filler');
  });

  it('is erased everywhere; the seats stay, so every slot keeps its counts', async () => {
    const p = await personWithData(7003, 'Marta Zanoni', '347 1112223');
    const before = await slotCounts(db);
    expect(await traces(db, [p.userId, 'Zanoni', '1112223'])).not.toEqual([]);

    expect(await privacy.erase(p.userId)).toEqual({ conversations: 1, handoffs: 1, bookings: 2 });

    expect(await traces(db, [p.userId, 'Zanoni', 'Marta', '1112223'])).toEqual([]);
    expect(await slotCounts(db)).toEqual(before);
    const kept = await bookings.get(p.code);
    expect(kept).toMatchObject({ status: 'confirmed', name: 'erased', groupSize: 1 });
    expect(kept!.contact).toBeUndefined();
    // The waitlist place is given up: nobody could be told of the seat.
    const waitlist = await bookings.listForSlot(TEST_SLOTS.small.id);
    expect(waitlist.filter((b) => b.status === 'waitlisted').map((b) => b.name)).not.toContain('erased');
    const exported = await privacy.export(p.userId);
    expect([exported.conversations, exported.handoffs, exported.addresses, exported.bookings]).toEqual([[], [], [], []]);
  });

  it('is erased the same way from the chat, after a yes in a turn of its own', async () => {
    const p = await personWithData(7005, 'Elena Ferrari', '328 9998887');
    const before = await slotCounts(db);
    const ask = await p.say('cancella i miei dati');
    expect(ask.intent).toBe('privacy');
    expect(await traces(db, [p.userId])).not.toEqual([]);
    const done = await p.say('sì');
    expect(readable(done)).toMatch(/cancellato i tuoi dati/);
    expect(await traces(db, [p.userId, 'Ferrari', 'Elena', '9998887'])).toEqual([]);
    expect(await slotCounts(db)).toEqual(before);
    expect(await bookings.get(p.code)).toMatchObject({ status: 'confirmed', name: 'erased' });
  });

  it('keeps a shared location only to about a kilometre', async () => {
    const userId = 'telegram:7007';
    await kit.turn({ userId, conversationId: userId, channel: 'telegram', capabilities: RICH, location: { lat: 45.156789, lon: 10.791234 } }, { id: 'loc-1', address: { chat: 7007 } });
    const [turn] = await db.query<{ inbound: { location: { lat: number; lon: number } } }>('SELECT inbound FROM turns WHERE conversation_id = $1', [userId]);
    expect(turn!.inbound.location).toEqual({ lat: 45.16, lon: 10.79 });
  });
});

describe('the retention purge', () => {
  const OLD_SLOT = Slot.parse({ id: 'TP-OLD', kind: 'appointment', ref: 'SV01', site: 'S02', start: '2026-06-10T09:00:00+02:00', end: '2026-06-10T09:30:00+02:00', capacity: 5, taken: 0 });

  it('removes only what is older than its retention', async () => {
    // What a spring of use left behind: a conversation silent for 200 days, an old turn in a live one…
    const old = student(8001);
    await old.say('corsi di saldatura');
    const live = student(8002);
    await live.say('corsi di inglese');
    await live.say('e online?');
    await db.exec(`
      UPDATE turns SET at = now() - interval '200 days' WHERE conversation_id = 'telegram:8001';
      UPDATE conversations SET updated_at = now() - interval '200 days' WHERE id = 'telegram:8001';
      UPDATE channel_addresses SET updated_at = now() - interval '200 days' WHERE user_id IN ('telegram:8001', 'telegram:8002');
      UPDATE turns SET at = now() - interval '181 days' WHERE conversation_id = 'telegram:8002' AND seq = 1;`);
    // …handoffs old and new, deliveries of 8 and 6 days, and bookings of a slot over since June.
    await db.query(`INSERT INTO handoffs (conversation_id, user_id, channel, reason, contact, summary, updated_at) VALUES
      ('telegram:8001', 'telegram:8001', 'telegram', 'user asked for a person', '333 0000001', '> corsi', now() - interval '190 days'),
      ('telegram:8002', 'telegram:8002', 'telegram', 'user asked for a person', '333 0000002', '> corsi', now() - interval '10 days')`);
    await db.query(`INSERT INTO channel_deliveries (channel, delivery_id, at) VALUES ('telegram', 'old-d', now() - interval '8 days'), ('telegram', 'new-d', now() - interval '6 days')`);
    await applyInTransaction(db, { slots: [OLD_SLOT] }, 'purge-test');
    const june = new MovableClock();
    june.at = new Date('2026-06-01T10:00:00+02:00');
    const then = new PgBookingService({ db, clock: june, notifier: { notify: async () => {} } });
    const past = await then.book({ slotId: OLD_SLOT.id, userId: 'telegram:8003', channel: 'telegram', name: 'Paolo Zanfretti', contact: '333 0000003' });
    const recent = await then.book({ slotId: TEST_SLOTS.past.id, userId: 'telegram:8004', channel: 'telegram', name: 'Rita Recenti', contact: '333 0000004' });
    if (!past.ok || !recent.ok) throw new Error('setup bookings refused');
    // An address silent for long, but its person holds a live booking: a promotion must still reach them.
    await new PgAddressBook(db).remember('telegram:8005', 'telegram', { chat: 8005 });
    await bookings.book({ slotId: TEST_SLOTS.lab.id, userId: 'telegram:8005', channel: 'telegram', name: 'Classe 4B', groupSize: 2, className: '4B' });
    await db.exec("UPDATE channel_addresses SET updated_at = now() - interval '300 days' WHERE user_id = 'telegram:8005'");
    const before = await slotCounts(db);

    const removed = await privacy.purge();

    expect(removed).toEqual({ turns: 2, conversations: 1, handoffs: 1, addresses: 1, deliveries: 1, bookings: 1 });
    const left = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;
    expect(await left("SELECT count(*)::int AS n FROM conversations WHERE id = 'telegram:8001'")).toBe(0);
    expect(await left("SELECT count(*)::int AS n FROM turns WHERE conversation_id = 'telegram:8002'")).toBe(1);
    expect(await left("SELECT count(*)::int AS n FROM handoffs WHERE user_id = 'telegram:8002'")).toBe(1);
    expect((await db.query<{ user_id: string }>('SELECT user_id FROM channel_addresses WHERE user_id IN ($1, $2, $3) ORDER BY 1', ['telegram:8001', 'telegram:8002', 'telegram:8005'])).map((r) => r.user_id)).toEqual(['telegram:8002', 'telegram:8005']);
    expect((await db.query<{ delivery_id: string }>("SELECT delivery_id FROM channel_deliveries WHERE delivery_id IN ('old-d', 'new-d')")).map((r) => r.delivery_id)).toEqual(['new-d']);
    expect(await bookings.get(past.booking.code)).toMatchObject({ name: 'erased', status: 'confirmed' });
    expect(await bookings.get(recent.booking.code)).toMatchObject({ name: 'Rita Recenti', contact: '333 0000004' });
    expect(await traces(db, ['Zanfretti', '0000003', '0000001', 'telegram:8001'])).toEqual([]);
    expect(await slotCounts(db)).toEqual(before);

    // Nothing is left to purge a second time.
    expect(Object.values(await privacy.purge()).every((n) => n === 0)).toBe(true);
  });

  it('runs by itself in serve: once at start, then on its interval, and stops cleanly', async () => {
    const s = student(8101);
    await s.say('corsi di cucina');
    await db.exec("UPDATE conversations SET updated_at = now() - interval '400 days' WHERE id = 'telegram:8101'; UPDATE turns SET at = now() - interval '400 days' WHERE conversation_id = 'telegram:8101'");
    const logged: { obj: object; msg: string }[] = [];
    let told!: () => void;
    const saidSo = new Promise<void>((r) => (told = r));
    const log = (obj: object, msg: string) => (logged.push({ obj, msg }), told());
    const purge = schedulePurge(privacy, 60, { info: log, error: log });
    try {
      await saidSo;
    } finally {
      await purge.stop();
    }
    expect(logged).toEqual([{ msg: 'retention purge', obj: { removed: expect.objectContaining({ conversations: 1, turns: 1 }), retention: POLICY } }]);
    expect(await db.query("SELECT 1 FROM conversations WHERE id = 'telegram:8101'")).toEqual([]);
  });

  it('purges on its interval on a clock the test turns, never after stop, and never with 0 minutes', async () => {
    // The real purge, counted; the timers are the test's, the store's promises are real.
    let runs = 0;
    let last: Promise<unknown> = Promise.resolve();
    const counted = Object.create(privacy, { purge: { value: () => (runs++, (last = privacy.purge())) } }) as PrivacyService;
    const turn = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await last;
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const hourly = schedulePurge(counted, 60, silent);
      await turn(0);
      expect(runs).toBe(1);
      await turn(59 * 60_000);
      expect(runs).toBe(1);
      await turn(60_000);
      expect(runs).toBe(2);
      await turn(60 * 60_000);
      expect(runs).toBe(3);
      await hourly.stop();
      await turn(3 * 60 * 60_000);
      expect(runs).toBe(3);
      // 0 minutes: the server never purges; staff run `orienta privacy purge` instead.
      const off = schedulePurge(counted, 0, silent);
      await turn(48 * 60 * 60_000);
      expect(runs).toBe(3);
      await off.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
