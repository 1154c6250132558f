import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { TelegramUpdates } from '../../test/support/fake-telegram.js';
import { CallbackCodec } from './callback-data.js';
import { commandMenu, COMMANDS } from './commands.js';
import { readUpdate } from './inbound.js';

const codec = new CallbackCodec('123:secret');
const updates = new TelegramUpdates();
const read = (u: unknown, botUsername?: string) => readUpdate(u as Update, { codec, ...(botUsername ? { botUsername } : {}) });
const inbound = (u: unknown) => {
  const r = read(u);
  if (r.kind !== 'turn') throw new Error(`expected a turn, got ${r.kind}`);
  return r.inbound;
};

describe('a Telegram update as an InboundMessage', () => {
  it('a text: the person, their chat as the conversation, their language', () => {
    expect(inbound(updates.text(42, 'corsi di stampa 3d a viadana', { languageCode: 'en-GB' }))).toMatchObject({
      userId: 'telegram:42',
      conversationId: 'telegram:42',
      channel: 'telegram',
      capabilities: { buttons: true, cards: true, files: true },
      locale: 'en',
      text: 'corsi di stampa 3d a viadana',
      messageId: expect.stringMatching(/^update:\d+$/),
    });
    expect(inbound(updates.text(42, 'ciao', { languageCode: 'de' })).locale).toBeUndefined();
  });

  it('a shared location', () => {
    expect(inbound(updates.location(42, 45.16, 10.79))).toMatchObject({ location: { lat: 45.16, lon: 10.79 } });
  });

  it('the commands, as the engine’s own words and actions', () => {
    const cases: [string, object][] = [
      ['/start', { action: 'help' }],
      ['/start C001', { text: 'C001' }],
      ['/start course-c001', { action: 'details:course:C001' }],
      ['/start corsi_robotica', { text: 'corsi robotica' }],
      ['/help', { action: 'help' }],
      ['/corsi', { action: 'menu:courses' }],
      ['/corsi robotica a Mantova', { text: 'corsi robotica a Mantova' }],
      ['/prenota', { text: 'prenota' }],
      ['/prenota C001', { text: 'prenota C001' }],
      ['/prenotazioni', { text: 'prenotazioni' }],
      ['/annulla', { text: 'annulla prenotazione' }],
      ['/annulla lto-7k3p', { action: 'cancel:LTO-7K3P' }],
      ['/privacy', { action: 'privacy' }],
      ['/lingua en', { action: 'lang:en' }],
      ['/lingua italiano', { action: 'lang:it' }],
      ['/operatore', { action: 'handoff' }],
      ['/operatore@OrientaTestBot', { action: 'handoff' }],
    ];
    for (const [text, expected] of cases) expect(inbound(updates.text(7, text)), text).toMatchObject(expected);
    expect(inbound(updates.text(7, '/prenotazioni', { languageCode: 'en' }))).toMatchObject({ text: 'my bookings' });
    expect(inbound(updates.text(7, '/cancel', { languageCode: 'en' }))).toMatchObject({ text: 'cancel booking' });
    // The engine offers the languages, in the conversation's language, and keeps the one chosen.
    expect(inbound(updates.text(7, '/lingua'))).toMatchObject({ action: 'lang' });
    expect(read(updates.text(7, '/help@AnotherBot'), 'OrientaTestBot')).toMatchObject({ kind: 'ignore' });
  });

  it('a pressed button: its action, once its data is proven ours; a forged one is only acknowledged', () => {
    const press = updates.press(42, { messageId: 5, data: codec.encode('confirm', 42) });
    expect(read(press)).toMatchObject({ kind: 'turn', callbackId: press.callback_query.id, inbound: { action: 'confirm' }, pressed: { messageId: 5, clearKeyboard: true } });
    expect(read(updates.press(42, { messageId: 5, data: codec.encode('details:course:C001', 42) }))).toMatchObject({ pressed: { clearKeyboard: false } });
    const forged = updates.press(42, { messageId: 5, data: 'acancel:LTO-7K3P' });
    expect(read(forged)).toEqual({ kind: 'ignore', reason: expect.any(String), callbackId: forged.callback_query.id });
    const elsewhere = updates.press(43, { messageId: 5, data: codec.encode('confirm', 42) });
    expect(read(elsewhere)).toMatchObject({ kind: 'ignore', callbackId: elsewhere.callback_query.id });
  });

  it('groups, bots, edits and other updates are not turns', () => {
    const group = updates.text(-100, 'ciao');
    (group.message.chat as { type: string }).type = 'group';
    expect(read(group).kind).toBe('ignore');
    const bot = updates.text(5, 'ciao');
    (bot.message.from as { is_bot: boolean }).is_bot = true;
    expect(read(bot).kind).toBe('ignore');
    expect(read({ update_id: 1, edited_message: updates.text(5, 'x').message }).kind).toBe('ignore');
    expect(read({ update_id: 2, my_chat_member: {} }).kind).toBe('ignore');
  });

  it('a photo or a sticker is an empty message for the engine; a caption is its text', () => {
    const photo = { update_id: 9, message: { ...updates.text(5, 'x').message, text: undefined, photo: [{ file_id: 'p' }], caption: 'corsi di fotografia' } };
    expect(inbound(photo).text).toBe('corsi di fotografia');
    const sticker = { update_id: 10, message: { ...updates.text(5, 'x').message, text: undefined, sticker: { file_id: 's' } } };
    expect(inbound(sticker).text).toBe('');
  });
});

describe('the commands menu', () => {
  it('is the same commands in Italian and English, within Telegram’s rules', () => {
    for (const lang of ['it', 'en'] as const) {
      const menu = commandMenu(lang);
      expect(menu.map((c) => c.command)).toEqual([...COMMANDS]);
      for (const c of menu) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(2);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
    expect(commandMenu('it')[5]!.description).not.toBe(commandMenu('en')[5]!.description);
  });
});
