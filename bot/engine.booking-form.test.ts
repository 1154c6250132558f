import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { Engine } from './engine.js';
import { RICH, type Reply } from '../domain/message.js';
import type { BookingService } from '../domain/ports.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// A channel's booking form (a Teams card) sends every answer in one Book action; the flow takes the
// valid ones, asks for the rest, and still waits for a yes in a turn of its own.

let db: PgliteDatabase;
let engine: Engine;
let bookings: BookingService;
beforeAll(async () => {
  ({ db, engine, bookings } = await openSampleEngine());
});
afterAll(() => db?.close());

const choiceActions = (r: Reply) => r.messages.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.action) : []));
const form = (fields: Record<string, string>, site = 'S02') => `book:site:${site}?${new URLSearchParams(fields)}`;

describe('a booking form sent as one action', () => {
  it('goes straight to the summary with every answer, and books only after the yes', async () => {
    const u = talker(engine, 'test:form-1', RICH);
    const summary = await u.press(form({ slot: 'SL068', class: '4b', group: '15', name: 'Maria Bianchi' }));
    expect(summary.intent).toBe('book');
    expect(readable(summary)).toContain('Maria Bianchi');
    expect(readable(summary)).toContain('4B');
    expect(readable(summary)).toContain('28 gennaio 2027');
    expect(choiceActions(summary)).toEqual(['confirm', 'deny']);
    expect(await bookings.listForUser(u.userId)).toHaveLength(0);
    const done = await u.say('sì');
    expect(readable(done)).toMatch(/LTO-[A-Z0-9]{4}/);
    const [booking] = await bookings.listForUser(u.userId);
    expect(booking).toMatchObject({ slotId: 'SL068', className: '4B', groupSize: 15, name: 'Maria Bianchi', status: 'confirmed' });
  });

  it('asks again for what the form got wrong, and says when the class is bigger than the lab', async () => {
    const u = talker(engine, 'test:form-2', RICH);
    const asked = await u.press(form({ slot: 'SL066', class: 'quarta', group: '12', name: 'Maria Bianchi' }));
    expect(readable(asked)).toMatch(/Per quale classe/);
    const tooMany = await talker(engine, 'test:form-3', RICH).press(form({ slot: 'SL066', class: '4B', group: '24', name: 'Maria Bianchi' }));
    expect(readable(tooMany)).toMatch(/al massimo 16 persone/);
  });

  it('offers the dates when the one sent is not a session of that site', async () => {
    const u = talker(engine, 'test:form-4', RICH);
    // SL066 is the Fermi's FabLab, not a session in Viadana.
    const offered = await u.press(form({ slot: 'SL066', class: '4B', group: '12', name: 'Maria Bianchi' }, 'S03'));
    expect(choiceActions(offered)).toEqual(['slot:SL069', 'slot:SL070']);
  });
});
