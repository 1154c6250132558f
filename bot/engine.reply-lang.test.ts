import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../domain/action.js';
import { PLAIN_TEXT, type Reply } from '../domain/message.js';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { Engine } from './engine.js';
import { openSampleEngine, readable, talker } from '../test/support/sample-engine.js';

// Channels render their own words in the language a reply says it is written in; no channel keeps a
// language of its own, so the engine must say it on every reply and remember a choice itself.

let db: PgliteDatabase;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const choicesOf = (r: Reply) => r.messages.flatMap((m) => (m.type === 'choices' ? m.choices : []));

describe('the language of a reply', () => {
  it('is Italian for an Italian question and English for an English one, whatever the platform says', async () => {
    expect((await talker(engine, undefined, undefined, 'en').say('corsi di stampa 3D a Viadana?')).lang).toBe('it');
    expect((await talker(engine, undefined, undefined, 'it').say('where can I learn welding?')).lang).toBe('en');
    expect((await talker(engine).say('quando inizia il corso di robotica educativa?')).lang).toBe('it');
    expect((await talker(engine).say('is there a free coding course for beginners?')).lang).toBe('en');
  });

  it('is the language switched to, and then kept for short messages', async () => {
    const u = talker(engine, undefined, undefined, 'it');
    expect((await u.say('ciao')).lang).toBe('it');
    const switched = await u.say('in inglese per favore');
    expect([switched.intent, switched.lang]).toEqual(['switch_language', 'en']);
    expect((await u.say('C001')).lang).toBe('en');
  });
});

describe('choosing the language with the picker', () => {
  it('offers both languages in the conversation’s language, and the one pressed stays with the conversation', async () => {
    const u = talker(engine, undefined, undefined, 'it');
    await u.say('corsi di coding');
    const picker = await u.press(encodeAction({ type: 'lang' }));
    expect([picker.intent, picker.lang]).toEqual(['switch_language', 'it']);
    expect(readable(picker)).toMatch(/In che lingua/);
    expect(choicesOf(picker).map((c) => c.label)).toEqual(['Italiano', 'English']);

    const english = choicesOf(picker).find((c) => c.label === 'English')!;
    const set = await u.press(english.action);
    expect(set.lang).toBe('en');
    expect(readable(set)).toMatch(/English/);
    // The next turn may come to another replica, or after a restart: only the store remembers.
    const later = talker(engine, u.userId, undefined, 'it');
    const next = await later.say('prenotazioni', { conversationId: u.conversationId! });
    expect(next.conversationId).toBe(u.conversationId);
    expect(next.lang).toBe('en');
    expect(readable(next)).toMatch(/no active bookings/);
  });

  it('works without buttons: the number of the language picks it', async () => {
    const u = talker(engine, undefined, PLAIN_TEXT, 'it');
    await u.press(encodeAction({ type: 'lang' }));
    const set = await u.say('2');
    expect([set.intent, set.lang]).toEqual(['switch_language', 'en']);
  });
});
