import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT, RICH, type Reply } from '../domain/message.js';
import type { BookingService } from '../domain/ports.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// Booking conversations through the real engine and the real booking service on a real store:
// nothing is booked before an explicit yes in a turn of its own.

let db: PgliteDatabase;
let engine: Engine;
let bookings: BookingService;
beforeAll(async () => {
  ({ db, engine, bookings } = await openSampleEngine());
});
afterAll(() => db?.close());

const taken = async (slot: string) => (await db.query<{ taken: number }>('SELECT taken FROM slots WHERE id = $1', [slot]))[0]!.taken;
const codeIn = (r: Reply) => readable(r).match(/LTO-[A-Z0-9]{4}/)?.[0];
const choiceActions = (r: Reply) => r.messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.action) : []));

describe('booking in conversation', () => {
  it('a student enrols in a course: name, age, summary, yes, then the code and the .ics', async () => {
    const u = talker(engine, undefined, RICH);
    const before = await taken('SL001');
    const name = await u.say('voglio iscrivermi a C001');
    expect(name.intent).toBe('book');
    expect(readable(name)).toMatch(/Come ti chiami/);
    const age = await u.say('Giulia Rossi');
    expect(readable(age)).toMatch(/14 anni/);
    const summary = await u.say('16');
    expect(readable(summary)).toContain('Giulia Rossi');
    expect(readable(summary)).toContain('12 gennaio 2027');
    expect(choiceActions(summary)).toContain('confirm');
    // Nothing is taken until the yes.
    expect(await taken('SL001')).toBe(before);
    expect(await bookings.listForUser(u.userId)).toHaveLength(0);
    const done = await u.say('sì');
    const code = codeIn(done);
    expect(code).toMatch(/^LTO-[A-HJ-KM-NP-Z2-9]{4}$/);
    expect(await taken('SL001')).toBe(before + 1);
    const ics = done.messages.find((m) => m.type === 'file');
    expect(ics?.type === 'file' && ics.mediaType).toBe('text/calendar');
    expect(ics?.type === 'file' && ics.content).toContain('BEGIN:VEVENT');
    // A second yes books nothing more.
    const again = await u.say('sì');
    expect(codeIn(again)).toBeUndefined();
    expect(await taken('SL001')).toBe(before + 1);
  });

  it('refuses someone under the course’s minimum age, and takes no seat', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const before = await taken('SL009');
    await u.say('iscrivimi a C009');
    await u.say('Luca Verdi');
    const refused = await u.say('12');
    expect(readable(refused)).toMatch(/almeno 13 anni/);
    expect(await u.say('sì').then(readable)).not.toMatch(/LTO-/);
    expect(await taken('SL009')).toBe(before);
  });

  it('"no" at the summary books nothing', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('iscrivimi a C009');
    await u.say('Anna Neri');
    await u.say('15');
    const no = await u.say('no');
    expect(no.intent).toBe('deny');
    expect(await bookings.listForUser(u.userId)).toHaveLength(0);
  });

  it('a citizen books a job-centre appointment: picks the date, leaves a contact', async () => {
    const u = talker(engine, undefined, RICH);
    const dates = await u.press('book:service:SV01');
    const slots = choiceActions(dates).filter((a) => a.startsWith('slot:'));
    expect(slots.length).toBeGreaterThan(1);
    const name = await u.press(slots[0]!);
    expect(readable(name)).toMatch(/Come ti chiami/);
    const contact = await u.say('Marco Bianchi');
    expect(readable(contact)).toMatch(/email o un numero/);
    const summary = await u.say('marco.bianchi@example.com');
    expect(readable(summary)).toContain('marco.bianchi@example.com');
    const done = await u.say('confermo');
    expect(codeIn(done)).toBeDefined();
    const mine = await bookings.listForUser(u.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.contact).toBe('marco.bianchi@example.com');
  });

  it('a teacher books a lab for a class bigger than the lab: told how many sessions, books the first', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const first = await u.say('prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio');
    expect(first.intent).toBe('book');
    expect(readable(first)).toMatch(/2 sessioni/);
    await u.say('12');
    const summary = await u.say('Prof. Anna Bianchi');
    expect(readable(summary)).toContain('4B');
    expect(readable(summary)).toContain('28 gennaio 2027');
    const done = await u.say('sì');
    expect(codeIn(done)).toBeDefined();
    expect(await taken('SL068')).toBe(12);
  });

  it('a full course offers the waitlist, and joining it takes no seat', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('mi iscrivo al corso C014');
    await u.say('Paolo Gialli');
    const summary = await u.say('30');
    expect(readable(summary)).toMatch(/lista d.attesa/);
    const joined = await u.say('sì');
    expect(readable(joined)).toMatch(/posizione 1/);
    expect(await taken('SL014')).toBe(12);
    expect((await bookings.listForUser(u.userId))[0]?.status).toBe('waitlisted');
  });

  it('lists my bookings and cancels one after a yes; the seat is free again', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('iscrivimi a C009');
    await u.say('Sara Blu');
    await u.say('17');
    const booked = await u.say('sì');
    const code = codeIn(booked)!;
    const before = await taken('SL009');
    const mine = await u.say('le mie prenotazioni');
    expect(mine.intent).toBe('my_bookings');
    expect(readable(mine)).toContain(code);
    const ask = await u.say(`annulla ${code}`);
    expect(ask.intent).toBe('cancel');
    expect(await taken('SL009')).toBe(before);
    const done = await u.say('sì');
    expect(readable(done)).toContain('annullata');
    expect(await taken('SL009')).toBe(before - 1);
    const twice = await u.say(`annulla ${code}`);
    expect(readable(twice)).toMatch(/già annullata/);
  });

  it('someone else’s code is answered like an unknown one', async () => {
    const owner = talker(engine, undefined, PLAIN_TEXT);
    await owner.say('iscrivimi a C009');
    await owner.say('Elena Viola');
    await owner.say('18');
    const code = codeIn(await owner.say('sì'))!;
    const other = talker(engine, undefined, PLAIN_TEXT);
    const reply = await other.say(`annulla ${code}`);
    expect(readable(reply)).toMatch(/Non trovo/);
    expect((await bookings.get(code))?.status).toBe('confirmed');
  });

  it('a retried confirmation (same message id) books once', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('iscrivimi a C009');
    await u.say('Ugo Rosa');
    await u.say('19');
    const a = await u.say('sì', { messageId: 'tg-1001' });
    const b = await u.say('sì', { messageId: 'tg-1001' });
    expect(b).toEqual(a);
    expect(await bookings.listForUser(u.userId)).toHaveLength(1);
  });

  it('asks again, kindly, when an answer does not fit the question', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const dates = await u.press('book:service:SV01');
    await u.press(choiceActions(dates).find((a) => a.startsWith('slot:'))!);
    const badName = await u.say('12345');
    expect(readable(badName)).toMatch(/nome e cognome/);
    await u.say('Rita Marrone');
    const badContact = await u.say('boh');
    expect(readable(badContact)).toMatch(/Non riesco a leggere/);
    expect(await bookings.listForUser(u.userId)).toHaveLength(0);
  });

  it('erasing my data anonymises my bookings but keeps the seats they hold', async () => {
    const u = talker(engine, undefined, RICH);
    await u.say('iscrivimi a C009');
    await u.say('Carla Ocra');
    await u.say('20');
    await u.say('sì');
    const seats = await taken('SL009');
    const exported = await u.press('privacy:export');
    const file = exported.messages.find((m) => m.type === 'file');
    expect(file?.type === 'file' && JSON.parse(file.content).bookings[0].name).toBe('Carla Ocra');
    await u.say('cancella i miei dati');
    await u.say('sì');
    expect(await bookings.listForUser(u.userId)).toHaveLength(0);
    expect(await db.query("SELECT 1 FROM bookings WHERE name = 'Carla Ocra'")).toHaveLength(0);
    expect(await taken('SL009')).toBe(seats);
  });
});
