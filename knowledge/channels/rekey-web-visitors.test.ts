import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitorUserId } from '../../adapters/web/visitor.js';
import type { Engine } from '../../bot/engine.js';
import { openSampleEngine, readable, talker } from '../../test/support/sample-engine.js';
import type { PgliteDatabase } from '../db/pglite-database.js';
import { rekeyLegacyWebVisitors } from './rekey-web-visitors.js';

const KEY = Buffer.from('rekey-test-key-0123456789abcdef0123');
const TOKEN = 'Zm9yZ2V0LW1lLW5vdC0xMjM0NTY3ODkwYWJj';
const LEGACY = `web:${TOKEN}`;
let db: PgliteDatabase;
let engine: Engine;

beforeAll(async () => {
  ({ db, engine } = await openSampleEngine());
});
afterAll(() => db?.close());

const usersIn = async (table: string) => (await db.query<{ user_id: string }>(`SELECT DISTINCT user_id FROM ${table} ORDER BY user_id`)).map((r) => r.user_id);

describe('visitors stored under their raw cookie', () => {
  it('move once to the keyed hash, conversations, bookings and addresses alike', async () => {
    const visitor = talker(engine, LEGACY);
    await visitor.say('voglio iscrivermi a C001');
    await visitor.say('Giulia Rossi');
    await visitor.say('16');
    expect(readable(await visitor.say('sì'))).toMatch(/LTO-[A-Z0-9]{4}/);
    await db.query("INSERT INTO channel_addresses (user_id, channel, address) VALUES ($1, 'web', '{}')", [LEGACY]);
    await talker(engine, 'telegram:42').say('ciao');
    await talker(engine, 'web:visitor-77').say('ciao');

    const hashed = visitorUserId(KEY, TOKEN);
    expect(await rekeyLegacyWebVisitors(db, (token) => visitorUserId(KEY, token))).toBe(1);
    expect(await usersIn('conversations')).toEqual([hashed, 'telegram:42', 'web:visitor-77'].sort());
    expect(await usersIn('bookings')).toEqual([hashed]);
    expect(await usersIn('channel_addresses')).toEqual([hashed]);
    expect(await engine.history(visitor.conversationId!, hashed)).toHaveLength(4);

    // Once: a later start leaves the store alone, even with a row that looks like an old one.
    await db.query("INSERT INTO channel_addresses (user_id, channel, address) VALUES ('web:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'web', '{}')");
    expect(await rekeyLegacyWebVisitors(db, (token) => visitorUserId(KEY, token))).toBe(0);
    expect(await usersIn('channel_addresses')).toContain('web:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  });
});
