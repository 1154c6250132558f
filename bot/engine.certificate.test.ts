import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { fold } from '../text/normalize.js';
import type { Engine } from './engine.js';
import { PLAIN_TEXT } from '../domain/message.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// What a course gives at the end, asked of a course named by its title, is that fact ("Open
// badge…"), in both languages: a certificate asked about is never taken for a filter, and "at
// the end of the course" asks it too.

let db: PgliteDatabase;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

describe('the certificate of a named course', () => {
  it.each([
    ['Che attestato si ottiene con il corso «Sviluppo web avanzato (HTML, CSS, JavaScript e API)»?', 'it'],
    ['sviluppo web avanzato rilascia un attestato?', 'it'],
    ['What do I receive at the end of the course «Sviluppo web avanzato (HTML, CSS, JavaScript e API)»?', 'en'],
  ] as const)('%s', async (question, locale) => {
    const reply = await talker(engine, undefined, PLAIN_TEXT, locale).say(question);
    expect(reply.citations.map((c) => c.id), readable(reply)).toContain('C003');
    expect(fold(readable(reply)), readable(reply)).toContain('open badge del politecnico');
    // The fact, not the whole card.
    expect(readable(reply).length, readable(reply)).toBeLessThan(400);
  });
});
