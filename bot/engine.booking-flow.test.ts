import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { PgBookingService } from '../knowledge/bookings/pg-booking-service.js';
import { fold } from '../text/normalize.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT, type Reply } from '../domain/message.js';
import { engineOver, openSampleEngine, readable, talker } from '../test/support/sample-engine.js';
import type { VectorCapability } from '../knowledge/db/vector.js';

// The booking flow says what matters before it asks anything: enrolment already closed, which job
// centre each date is at, the one date at the place asked for; and a yes is no name.

let db: PgliteDatabase;
let vector: VectorCapability;
let engine: Engine;
beforeAll(async () => {
  ({ db, vector, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const says = (r: Reply, phrase: string) => fold(readable(r)).includes(fold(phrase));
const labels = (r: Reply) => r.messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.label) : []));
const pendingOf = async (conversationId: string | undefined) =>
  (await db.query<{ state: { pending?: { type: string; step?: string } } }>('SELECT state FROM conversations WHERE id = $1', [conversationId]))[0]?.state.pending;

describe('enrolment already closed', () => {
  it('is said at once, with no name asked and no waitlist offered', async () => {
    // 28 December: C001's enrolment closed on 20 December; it starts on 12 January.
    const clock = fixedClock(new Date('2026-12-28T10:00:00+01:00'));
    const later = await engineOver(db, vector, { clock, bookings: new PgBookingService({ db, clock, notifier: { notify: async () => {} } }) });
    const u = talker(later, undefined, PLAIN_TEXT);
    const reply = await u.say('iscrivimi a C001');
    expect(reply.intent).toBe('book');
    expect(reply.citations.map((c) => c.id)).toContain('C001');
    expect(says(reply, 'chiuse il 20 dicembre 2026'), readable(reply)).toBe(true);
    expect(says(reply, 'Come ti chiami')).toBe(false);
    expect(says(reply, 'lista d’attesa')).toBe(false);
    expect(await pendingOf(u.conversationId)).toBeUndefined();
  });
});

describe('the dates of a service at several job centres', () => {
  it('each date says where', async () => {
    const reply = await talker(engine, undefined, PLAIN_TEXT).say('vorrei prenotare la DID');
    const list = labels(reply);
    expect(list.some((l) => l.includes('Suzzara'))).toBe(true);
    expect(list.some((l) => l.includes('Viadana'))).toBe(true);
    expect(new Set(list).size).toBe(list.length);
  });

  it('the place asked for chooses the date, said with its address before the name is asked', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const reply = await u.say("prenota un appuntamento per la DID al centro per l'impiego di Suzzara");
    expect(reply.citations.map((c) => c.id)).toContain('SV01');
    expect(says(reply, 'giovedì 3 dicembre 2026'), readable(reply)).toBe(true);
    expect(says(reply, 'Centro per l’Impiego di Suzzara'.replace('’', "'"))).toBe(true);
    expect(await pendingOf(u.conversationId)).toMatchObject({ type: 'booking', step: 'name' });
  });

  it('a place with no date says so and offers the others', async () => {
    const reply = await talker(engine, undefined, PLAIN_TEXT).say('prenota la DID a Goito');
    expect(says(reply, 'A Goito non ci sono date libere'), readable(reply)).toBe(true);
    expect(labels(reply).length).toBeGreaterThan(1);
  });
});

describe('the name asked for', () => {
  it('a "sì" is no name: it is asked again', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('prenota il FabLab di Viadana per la 5B, 14 ragazzi');
    let reply = await u.say('1');
    for (let i = 0; i < 3 && !says(reply, 'Come ti chiami'); i++) reply = await u.say('1');
    expect(says(reply, 'Come ti chiami'), readable(reply)).toBe(true);
    const yes = await u.say('sì');
    expect(says(yes, 'nome e cognome'), readable(yes)).toBe(true);
    expect(says(yes, 'Riepilogo')).toBe(false);
    expect(await pendingOf(u.conversationId)).toMatchObject({ type: 'booking', step: 'name' });
  });
});
