import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT, type Reply } from '../domain/message.js';
import { fixedClock } from '../domain/clock.js';
import type { BookingService } from '../domain/ports.js';
import { PgBookingService } from '../knowledge/bookings/pg-booking-service.js';
import { engineOver, openSampleEngine, readable, talker } from '../test/support/sample-engine.js';
import { openSampleStore, REFERENCE_NOW } from '../test/support/sample-store.js';

// One visitor, however they word it, takes one seat of a course or an event: only a teacher booking
// a lab session books for a group. Real engine, real booking service, real store.

let db: PgliteDatabase;
let engine: Engine;
let bookings: BookingService;
beforeAll(async () => {
  ({ db, engine, bookings } = await openSampleEngine());
});
afterAll(() => db?.close());

const taken = async (slot: string) => (await db.query<{ taken: number }>('SELECT taken FROM slots WHERE id = $1', [slot]))[0]!.taken;
const codeIn = (r: Reply) => readable(r).match(/LTO-[A-Z0-9]{4}/)?.[0];

describe('a booking is for one person, except a class in a lab', () => {
  it('"mi iscrivo a C001, siamo 7" books one seat, and says kindly why', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const before = await taken('SL001');
    const first = await u.say('mi iscrivo a C001, siamo 7');
    expect(first.intent).toBe('book');
    expect(readable(first)).toContain('Le iscrizioni sono personali: ognuno si iscrive per sé');
    expect(readable(first)).toMatch(/Come ti chiami/);
    await u.say('Giulia Rossi');
    const summary = await u.say('16');
    expect(readable(summary)).not.toMatch(/Persone: 7/);
    const done = await u.say('sì');
    expect(codeIn(done)).toBeDefined();
    expect(await taken('SL001')).toBe(before + 1);
    expect((await bookings.listForUser(u.userId)).map((b) => b.groupSize)).toEqual([1]);
  });

  it('in English too', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT, 'en');
    const first = await u.say('I want to enrol in C009, there are 5 of us');
    expect(readable(first)).toContain('Enrolment is personal: everyone enrols for themselves');
    await u.say('John Smith');
    await u.say('20');
    expect(codeIn(await u.say('yes'))).toBeDefined();
    expect((await bookings.listForUser(u.userId)).map((b) => b.groupSize)).toEqual([1]);
  });

  it('two requests cannot take a job fair’s seats: one seat each time, then “already booked”', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const before = await taken('SL082');
    const first = await u.say('prenota IN06 per 294 persone');
    expect(readable(first)).toContain('Le iscrizioni sono personali');
    await u.say('Mario Rossi');
    expect(codeIn(await u.say('sì'))).toBeDefined();
    const again = await u.say('prenota IN06, siamo 294');
    await u.say('Mario Rossi');
    const refused = await u.say('sì');
    expect(readable(refused)).not.toMatch(/Fatto/);
    expect(readable(refused)).toMatch(/Hai già una prenotazione/);
    expect(readable(again)).toContain('Le iscrizioni sono personali');
    expect(await taken('SL082')).toBe(before + 1);
  });

  it('a teacher still books a whole class for a lab session', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const first = await u.say('prenota il FabLab del Fermi per la mia 3C, 14 studenti, a gennaio');
    expect(readable(first)).not.toContain('personali');
    const summary = await u.say('Prof. Carlo Neri');
    expect(readable(summary)).toContain('Persone: 14');
    expect(codeIn(await u.say('sì'))).toBeDefined();
    expect((await bookings.listForUser(u.userId)).map((b) => [b.slotId, b.groupSize])).toEqual([['SL068', 14]]);
  });
});

describe('a class larger than one booking may hold', () => {
  let store: PgliteDatabase;
  let strict: Engine;
  let service: BookingService;
  beforeAll(async () => {
    const opened = await openSampleStore();
    store = opened.db;
    service = new PgBookingService({ db: store, clock: fixedClock(REFERENCE_NOW), notifier: { notify: async () => {} }, limits: { maxGroup: 10 } });
    strict = await engineOver(store, opened.vector, { bookings: service });
  });
  afterAll(() => store?.close());

  it('is told the limit kindly and asked again, then booked', async () => {
    const u = talker(strict, undefined, PLAIN_TEXT);
    await u.say('prenota il FabLab del Fermi per la mia 3C, 14 studenti, a gennaio');
    await u.say('Prof. Carlo Neri');
    const refused = await u.say('sì');
    expect(readable(refused)).toContain('Una prenotazione può comprendere al massimo 10 persone');
    expect(readable(refused)).toMatch(/Quanti studenti verranno\? Il laboratorio ne accoglie al massimo 10/);
    expect(await service.listForUser(u.userId)).toEqual([]);
    const summary = await u.say('10');
    expect(readable(summary)).toContain('Persone: 10');
    expect(codeIn(await u.say('sì'))).toBeDefined();
    expect((await service.listForUser(u.userId)).map((b) => b.groupSize)).toEqual([10]);
  });
});
