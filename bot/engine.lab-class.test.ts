import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { fold } from '../text/normalize.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT, type Reply } from '../domain/message.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// A teacher says the class, its size, the town and the month in one question, then books in the
// next message: the lab is found (not refused, not a course), and nothing said is asked again.

let db: PgliteDatabase;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const says = (r: Reply, phrase: string) => fold(readable(r)).includes(fold(phrase));

describe('a lab for a class asked in one message', () => {
  it('finds the lab of the town named, however sure the classifier is that it is out of scope', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const reply = await u.say("c'è un laboratorio a viadana dove portare la mia 2D? sono 12 alunni, prima di natale");
    expect(reply.intent, readable(reply)).toBe('site_info');
    expect(reply.citations.map((c) => c.id)).toContain('S03');
  });

  it('books it with the class and head count said before, asking only the name', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say("c'è un laboratorio a viadana dove portare la mia 2D? sono 12 alunni, prima di natale");
    const asked = await u.say('prenotalo per il 9 dicembre');
    expect(says(asked, 'Come ti chiami'), readable(asked)).toBe(true);
    const summary = await u.say('Luca Rossi');
    expect(says(summary, 'Classe: 2D'), readable(summary)).toBe(true);
    expect(says(summary, '12'), readable(summary)).toBe(true);
    expect(says(summary, '9 dicembre'), readable(summary)).toBe(true);
    expect(says(summary, 'Viadana'), readable(summary)).toBe(true);
  });
});

describe('words naming what the catalogue is made of', () => {
  it('make a question about an evening diploma a catalogue question', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const reply = await u.say('Ho 35 anni e non ho il diploma. Posso prenderlo frequentando la sera?');
    expect(reply.intent, readable(reply)).not.toBe('out_of_scope');
  });

  it('leave the weather out of scope', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    expect((await u.say('che tempo fa domani a Mantova?')).intent).toBe('out_of_scope');
  });
});
