import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { fold } from '../text/normalize.js';
import { PLAIN_TEXT, type Reply } from '../domain/message.js';
import type { Engine } from './engine.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// When the catalogue has something and when it has nothing: an answer is given only from records
// that hold what was asked, otherwise the person hears "nothing found" and is offered a person.

let db: PgliteDatabase;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const ids = (r: Reply) => r.citations.map((c) => c.id);
const says = (r: Reply, phrase: string) => fold(readable(r)).includes(fold(phrase));
const ask = (text: string, locale?: 'it' | 'en') => talker(engine, undefined, PLAIN_TEXT, locale).say(text);
const offersPerson = (r: Reply) => r.messages.some((m) => m.type === 'choices' && m.choices.some((c) => c.action === 'handoff'));

describe('nothing that matches: it says so and offers a person', () => {
  it.each([
    ['corso per diventare infermiere', 'a course whose text says "per diventare tecnico"'],
    ['inventa un corso di yoga gratuito a Suzzara', 'a free course in Suzzara about something else'],
    ['liceo scientifico a Mantova', 'a lab whose description mentions a liceo'],
  ])('%s: not %s', async (text) => {
    const reply = await ask(text);
    expect(reply.citations, readable(reply)).toEqual([]);
    expect(says(reply, 'Non ho trovato nulla'), readable(reply)).toBe(true);
    expect(offersPerson(reply)).toBe(true);
  });

  it('a question it did not understand gets no record that holds only some of its words', async () => {
    const reply = await ask('who will win the next election?', 'en');
    expect(ids(reply)).not.toContain('C042');
    expect(reply.citations).toEqual([]);
  });
});

describe('something that matches is found', () => {
  it('a typo with two letters swapped', async () => {
    const reply = await ask('corso di saldatrua');
    expect(ids(reply)).toContain('C012');
  });

  it('a call named in full gets its deadline, not a question back', async () => {
    const reply = await ask('quando scade Mantova Innova Giovani?');
    expect(reply.intent).toBe('initiatives');
    expect(ids(reply)[0]).toBe('IN01');
    expect(says(reply, '28 febbraio 2027'), readable(reply)).toBe(true);
    expect(says(reply, 'Quale intendi')).toBe(false);
  });

  it('the records that hold more of the words, not one that holds only "lavoro"', async () => {
    const reply = await ask('come mi preparo a un colloquio di lavoro?');
    expect(ids(reply)).toEqual(expect.arrayContaining(['C032', 'SV04']));
    expect(ids(reply)).not.toContain('SV11');
  });

  it('filters with no topic list what passes them ("people" is no topic)', async () => {
    const reply = await ask('which courses are free for unemployed people?', 'en');
    const passing = await db.query<{ id: string }>("SELECT id FROM courses WHERE cost = 0 AND 'unemployed' = ANY(audience)");
    const courses = reply.citations.filter((c) => c.kind === 'course').map((c) => c.id);
    expect(courses.length).toBeGreaterThanOrEqual(3);
    expect(passing.map((r) => r.id)).toEqual(expect.arrayContaining(courses));
  });

  it('the name of a kind with a place lists that kind there', async () => {
    const reply = await ask('sedi vicino a Ostiglia');
    expect(ids(reply)).toEqual(expect.arrayContaining(['S05', 'S15']));
    expect(reply.citations.every((c) => c.kind === 'site')).toBe(true);
  });

  it('an ended course is not listed among the current ones, but is said as ended when alone', async () => {
    const alone = await ask('corso di cucina');
    expect(ids(alone)).toContain('C030');
    expect(says(alone, 'terminato')).toBe(true);
  });
});
