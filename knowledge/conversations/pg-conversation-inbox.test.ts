import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { PgConversationInbox } from './pg-conversation-inbox.js';
import { PgSessionStore } from './pg-session-store.js';

let db: PgliteDatabase;
let sessions: PgSessionStore;
let inbox: PgConversationInbox;

beforeAll(async () => {
  db = await PgliteDatabase.open();
  await migrate(db);
  sessions = new PgSessionStore(db);
  inbox = new PgConversationInbox(db);
});
afterAll(() => db?.close());

const reply = (conversationId: string) => ({ conversationId, intent: 'greet' as const, lang: 'it' as const, messages: [{ type: 'text' as const, text: 'ciao' }], citations: [] });

describe('the conversation inbox (people on a channel without push)', () => {
  it('adds the message to the person’s latest conversation, in its language, leaving the dialogue state alone', async () => {
    const old = sessions.begin({ id: 'web-conv-old-0001', userId: 'web:v1', channel: 'web', lang: 'it' });
    await sessions.saveTurn(old, { inbound: { text: 'ciao' }, reply: reply(old.id), intent: 'greet' });
    const latest = sessions.begin({ id: 'web-conv-new-0002', userId: 'web:v1', channel: 'web', lang: 'en' });
    latest.state = { lastIntent: 'find_course', pending: { type: 'handoff', reason: 'contact' } };
    await sessions.saveTurn(latest, { inbound: { text: 'courses' }, reply: reply(latest.id), intent: 'find_course' });

    expect(await inbox.send('web:v1', (lang) => [{ type: 'text', text: lang === 'en' ? 'Hello from staff' : 'Ciao dallo staff' }])).toBe(true);
    const history = await sessions.history(latest.id);
    expect(history.map((t) => t.intent)).toEqual(['find_course', 'delivered']);
    expect(history[1]).toMatchObject({ seq: 2, inbound: {}, reply: { conversationId: latest.id, intent: 'delivered', messages: [{ type: 'text', text: 'Hello from staff' }] } });
    const after = await sessions.load(latest.id);
    expect(after).toMatchObject({ turns: 2, state: latest.state, lang: 'en' });
    expect(await sessions.history(old.id)).toHaveLength(1);

    // The next real turn follows it, with the next number.
    await sessions.saveTurn(after!, { inbound: { text: 'thanks' }, reply: reply(latest.id), intent: 'thanks' });
    expect((await sessions.history(latest.id)).map((t) => t.seq)).toEqual([1, 2, 3]);
  });

  it('says false for someone with no conversation', async () => {
    expect(await inbox.send('web:nobody', () => [{ type: 'text', text: 'x' }])).toBe(false);
  });
});
