import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { fold } from '../text/normalize.js';
import { PLAIN_TEXT, RICH, type Reply } from '../domain/message.js';
import type { Engine } from './engine.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// Where a turn goes: a question about how booking works is answered, not started as a booking;
// "il secondo" after a list opens the second result.

let db: PgliteDatabase;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const ids = (r: Reply) => r.citations.map((c) => c.id);
const says = (r: Reply, phrase: string) => fold(readable(r)).includes(fold(phrase));
const pendingOf = async (conversationId: string | undefined) =>
  (await db.query<{ state: { pending?: unknown } }>('SELECT state FROM conversations WHERE id = $1', [conversationId]))[0]?.state.pending;

describe('how booking works is a question, not a booking', () => {
  it.each([
    ['come prenoto un laboratorio per la mia classe?', ['D007', 'SV14'], 'sessione libera'],
    ['se arrivo in ritardo all’appuntamento?', ['D008'], '15 minuti'],
    ['posso iscrivermi al corso di italiano se ho solo la ricevuta del permesso di soggiorno?', ['D010'], 'ricevuta'],
  ])('%s', async (text, cited, phrase) => {
    const u = talker(engine, undefined, RICH);
    const reply = await u.say(text);
    expect(reply.intent).toBe('services');
    expect(ids(reply), readable(reply)).toEqual(expect.arrayContaining(cited));
    expect(says(reply, phrase), readable(reply)).toBe(true);
    expect(says(reply, 'Come ti chiami')).toBe(false);
    expect(await pendingOf(u.conversationId)).toBeUndefined();
  });

  it('"come mi iscrivo?" about the course just shown is answered about it, with booking one press away', async () => {
    // A question is not an action: the person is told how (here the deadline) and offered the Book
    // button, and nothing is held for them until they press it.
    const u = talker(engine, undefined, PLAIN_TEXT);
    await u.say('C012');
    const reply = await u.say('come mi iscrivo?');
    expect(reply.intent).toBe('find_course');
    expect(ids(reply)).toEqual(['C012']);
    expect(says(reply, '15 gennaio 2027'), readable(reply)).toBe(true);
    const choices = reply.messages.flatMap((m) => (m.type === 'choices' ? m.choices : []));
    expect(choices.some((c) => /prenota/i.test(c.label)), readable(reply)).toBe(true);
    expect(await pendingOf(u.conversationId)).toBeUndefined();
  });

  it('a request that starts with its verb stays a booking, even with an "if"', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const reply = await u.say('prenota il corso C012 se ci sono posti');
    expect(reply.intent).toBe('book');
    expect(await pendingOf(u.conversationId)).toMatchObject({ type: 'booking' });
  });
});

describe('an ordinal after a list', () => {
  it('"il secondo" opens the second result shown', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT);
    const list = await u.say('corsi di robotica');
    const second = ids(list).filter((id) => id.startsWith('C'))[1];
    const reply = await u.say('il secondo');
    expect(reply.intent).toBe('details');
    expect(ids(reply)[0]).toBe(second);
  });

  it('"the last one" opens the last result shown', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT, 'en');
    const list = await u.say('robotics courses');
    const shown = ids(list).filter((id) => id.startsWith('C'));
    const reply = await u.say('the last one');
    expect(ids(reply)[0]).toBe(shown.at(-1));
  });

  it('with nothing shown it is read like any other words', async () => {
    const reply = await talker(engine, undefined, PLAIN_TEXT).say('il secondo');
    expect(reply.intent).not.toBe('details');
  });
});
