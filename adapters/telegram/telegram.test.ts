import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSample } from '../../ingest/sample.js';
import { applyInTransaction } from '../../ingest/apply.js';
import { addTestSlots } from '../../test/support/booking-fixtures.js';
import { FakeTelegram, parseTelegramHtml, type SentMessage } from '../../test/support/fake-telegram.js';
import { startApp, type RunningApp } from '../../test/support/telegram-app.js';

// The Telegram channel end to end: the real app (startOrienta, the HTTP server, the channel built
// from the environment) and the real telegraf, long polling a fake Bot API over HTTP.

let fake: FakeTelegram;
let app: RunningApp;

beforeAll(async () => {
  fake = await FakeTelegram.start();
  app = await startApp({ TELEGRAM_API_ROOT: fake.apiRoot });
  await addTestSlots(app.orienta.store.db);
  // A catalogue text with the characters HTML would read as markup.
  const course = readSample().courses!.find((c) => c.id === 'C014')!;
  await applyInTransaction(app.orienta.store.db, { courses: [{ ...course, title: 'Carrello <elevatore> & muletto', description: 'Teoria & pratica: <b>non</b> è grassetto, 5 < 10 & 10 > 5.' }] }, 'telegram-test');
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

interface Button {
  text: string;
  data?: string;
  url?: string;
  messageId: number;
}
const buttonsOf = (messages: SentMessage[]): Button[] => messages.flatMap((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data, url: b.url, messageId: m.messageId })));
const visible = (messages: SentMessage[]) => messages.map((m) => m.visible ?? m.caption ?? m.document?.filename ?? '').join('\n');

/** A person in a private chat with the bot. Each call returns what the bot answered to it. */
function person(chatId: number, languageCode = 'it', on = () => fake) {
  const send = async (update: { update_id: number }): Promise<SentMessage[]> => {
    const f = on();
    const before = f.sentTo(chatId).length;
    f.push(update);
    // The poller asks for the next updates only once this one has been answered.
    await f.waitFor(() => f.calls.some((c) => c.method === 'getUpdates' && Number(c.payload.offset) > update.update_id), 30_000, `update ${update.update_id} answered`);
    return f.sentTo(chatId).slice(before);
  };
  return {
    chatId,
    send,
    say: (text: string) => send(on().text(chatId, text, { languageCode })),
    share: (lat: number, lon: number) => send(on().location(chatId, lat, lon, { languageCode })),
    press(messages: SentMessage[], label: RegExp) {
      const button = buttonsOf(messages).find((b) => label.test(b.text) && b.data);
      if (!button) throw new Error(`no button ${label} in: ${buttonsOf(messages).map((b) => b.text).join(' | ')}`);
      return send(on().press(chatId, { messageId: button.messageId, data: button.data! }, { languageCode }));
    },
  };
}

describe('Telegram, long polling', () => {
  it('introduces itself: polling instead of a webhook, the commands menu in Italian and English', async () => {
    await fake.waitFor(() => fake.callsOf('setMyCommands').length >= 3 && fake.callsOf('getUpdates').length > 0);
    expect(fake.callsOf('getMe')[0]!.status).toBe(200);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(fake.callsOf('setWebhook')).toHaveLength(0);
    const it = fake.commands.get('it') as { command: string; description: string }[];
    const en = fake.commands.get('en') as { command: string; description: string }[];
    expect(it.map((c) => c.command)).toEqual(['start', 'help', 'corsi', 'prenota', 'prenotazioni', 'annulla', 'privacy', 'lingua', 'operatore']);
    expect(en.map((c) => c.command)).toEqual(it.map((c) => c.command));
    expect(en.find((c) => c.command === 'prenotazioni')!.description).toBe('My bookings');
    expect(fake.commands.get('')).toEqual(it);
  });

  it('finds courses: cards as messages with their buttons, and the choices as an inline keyboard', async () => {
    const giulia = person(1001);
    const answer = await giulia.say('corsi di stampa 3d a viadana');
    expect(visible(answer)).toContain('Stampa 3D e taglio laser per maker');
    const card = answer.find((m) => m.visible?.startsWith('Stampa 3D e taglio laser per maker'))!;
    expect(card.parseMode).toBe('HTML');
    expect(card.text).toContain('<b>Stampa 3D e taglio laser per maker</b>');
    expect(buttonsOf([card]).map((b) => b.text)).toEqual(['Dettagli', 'Prenota']);
    expect(buttonsOf(answer).some((b) => b.url?.startsWith('https://lto.example.it/'))).toBe(true);
    for (const b of buttonsOf(answer).filter((x) => x.data)) expect(Buffer.byteLength(b.data!)).toBeLessThanOrEqual(64);
    // A typing indicator while the answer is put together.
    expect(fake.callsOf('sendChatAction').some((c) => c.payload.chat_id === 1001)).toBe(true);

    const details = await giulia.press([card], /^Dettagli$/);
    expect(visible(details)).toMatch(/Stampa 3D e taglio laser per maker[\s\S]*Iscrizioni entro/);
    expect(buttonsOf(details).map((b) => b.text)).toContain('Prenota');
    const pressed = fake.callsOf('answerCallbackQuery').at(-1)!;
    await fake.waitFor(() => pressed.status === 200);
  });

  it('books a course with a confirmation: a slot button, the name, the summary, “sì”, then the code and the .ics', async () => {
    const marco = person(1002);
    const slots = await marco.say('mi iscrivo a C001');
    expect(buttonsOf(slots).length).toBeGreaterThanOrEqual(2);
    const name = await marco.press(slots, /gennaio/);
    expect(visible(name)).toMatch(/Come ti chiami/);
    const age = await marco.say('Marco Bianchi');
    expect(visible(age)).toMatch(/anni/);
    const summary = await marco.say('16');
    expect(visible(summary)).toContain('Marco Bianchi');
    expect(buttonsOf(summary).map((b) => b.text)).toEqual(['Sì, confermo', 'No']);
    expect(await app.orienta.bookings.listForUser('telegram:1002')).toHaveLength(0);

    const done = await marco.say('sì');
    const code = visible(done).match(/LTO-[A-Z0-9]{4}/)?.[0];
    expect(code).toBeDefined();
    const ics = done.find((m) => m.method === 'sendDocument')!;
    expect(ics.document!.filename).toMatch(/\.ics$/);
    expect(ics.document!.content.toString('utf8')).toContain('BEGIN:VEVENT');
    expect(ics.caption).toBe('Aggiungi l’appuntamento al tuo calendario.');
    const mine = await app.orienta.bookings.listForUser('telegram:1002');
    expect(mine.map((b) => [b.code, b.status])).toEqual([[code, 'confirmed']]);
  });

  it('cancels a booking after a yes pressed on its button, and takes the buttons off the question', async () => {
    const sara = person(1003);
    const slots = await sara.say('mi iscrivo a C001');
    await sara.press(slots, /gennaio/);
    await sara.say('Sara Neri');
    await sara.say('17');
    const done = await sara.say('sì');
    const code = visible(done).match(/LTO-[A-Z0-9]{4}/)![0];

    const ask = await sara.say('/annulla');
    expect(visible(ask)).toContain(code);
    const question = ask.find((m) => buttonsOf([m]).some((b) => /^Sì/.test(b.text)))!;
    const cancelled = await sara.press(ask, /^Sì/);
    expect(visible(cancelled)).toMatch(/annullata/i);
    expect((await app.orienta.bookings.get(code))!.status).toBe('cancelled');
    await fake.waitFor(() => fake.sentTo(1003).find((m) => m.messageId === question.messageId)!.replyMarkup === undefined);
  });

  it('hands over to a person: the reply says someone will follow, and the request is queued for staff', async () => {
    const luca = person(1004);
    await luca.say('corsi di robotica');
    const reply = await luca.say('/operatore');
    expect(visible(reply)).toMatch(/operatore della rete/);
    const rows = await app.orienta.store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM handoffs WHERE user_id = 'telegram:1004'");
    expect(rows[0]!.n).toBe(1);
  });

  it('opens a deep link /start C001 on that course', async () => {
    const reply = await person(1005).say('/start C001');
    expect(reply[0]!.visible).toMatch(/^Coding base: pensiero computazionale e primi programmi/);
    expect(buttonsOf(reply).map((b) => b.text)).toContain('Prenota');
  });

  it('answers a shared location with the nearest sites', async () => {
    // Piazza Matteotti, Viadana.
    const reply = await person(1006).share(44.926, 10.52);
    expect(reply[0]!.visible).toMatch(/più vicine/);
    expect(visible(reply)).toContain('FabLab Viadana');
  });

  it('/lingua offers the two languages, and English is then kept', async () => {
    const emma = person(1007);
    const picker = await emma.say('/lingua');
    expect(buttonsOf(picker).map((b) => b.text)).toEqual(['Italiano', 'English']);
    const set = await emma.press(picker, /English/);
    expect(visible(set)).toMatch(/English/);
    const next = await emma.say('/prenotazioni');
    expect(visible(next)).toMatch(/no active bookings/);
  });

  it('shows a catalogue text with <, > and & exactly as written', async () => {
    const reply = await person(1008).say('/start C014');
    const card = reply[0]!;
    expect(card.text).toContain('<b>Carrello &lt;elevatore&gt; &amp; muletto</b>');
    expect(card.visible).toMatch(/^Carrello <elevatore> & muletto/);
    expect(visible(reply)).toContain('Teoria & pratica: <b>non</b> è grassetto, 5 < 10 & 10 > 5.');
  });

  it('splits a long message outside a turn within Telegram’s 4096 characters', async () => {
    await person(1009).say('ciao');
    const long = Array.from({ length: 400 }, (_, i) => `Riga ${i}: un messaggio lungo dello staff & <dettagli>.`).join('\n');
    expect(await app.orienta.messenger.send('telegram:1009', () => [{ type: 'text', text: long }])).toBe(true);
    const parts = fake.sentTo(1009).filter((m) => m.visible?.startsWith('Riga '));
    expect(parts.length).toBeGreaterThanOrEqual(6);
    for (const p of parts) expect(p.text!.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.visible).join('\n')).toBe(long);
  });

  it('refuses a forged button, acknowledging it and answering nothing', async () => {
    const chat = person(1010);
    await chat.say('ciao');
    const before = fake.sentTo(1010).length;
    const forged = fake.press(1010, { messageId: 1, data: 'aAAAAAAAAcancel:LTO-7K3P' });
    await chat.send(forged);
    await fake.waitFor(() => fake.answered(forged.callback_query.id));
    expect(fake.sentTo(1010)).toHaveLength(before);
  });
});

describe('Telegram, a Bot API that fails', () => {
  it('retries 500s and delivers', async () => {
    const chat = person(1101);
    fake.fail('sendMessage', { status: 500, times: 2 });
    const reply = await chat.say('/help');
    expect(reply.length).toBeGreaterThan(0);
    const sends = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === 1101);
    expect(sends.slice(0, 3).map((c) => c.status)).toEqual([500, 500, 200]);
    expect(app.logged(/telegram sendMessage failed; retrying/).length).toBeGreaterThanOrEqual(2);
  });

  it('waits as long as a 429 asks before trying again', async () => {
    const chat = person(1102);
    fake.fail('sendMessage', { status: 429, retryAfter: 1 });
    await chat.say('/help');
    const [refused, retried] = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === 1102);
    expect(refused!.status).toBe(429);
    expect(retried!.status).toBe(200);
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it('sends a message Telegram refuses (a 400 on its markup) again as plain text, with its buttons', async () => {
    const chat = person(1105);
    fake.fail('sendMessage', { status: 400 });
    const reply = await chat.say('/help');
    const [refused, again] = fake.callsOf('sendMessage').filter((c) => c.payload.chat_id === 1105);
    expect(refused!.status).toBe(400);
    expect(refused!.payload.parse_mode).toBe('HTML');
    expect(again!.status).toBe(200);
    expect(again!.payload.parse_mode).toBeUndefined();
    expect(again!.payload.text).toBe(parseTelegramHtml(String(refused!.payload.text)));
    expect(reply[0]!.visible).toBe(again!.payload.text);
    expect(buttonsOf(reply).length).toBeGreaterThan(0);
    expect(app.logged(/sending it as plain text/)).toHaveLength(1);
  });

  it('logs an answer Telegram keeps failing, and answers the next turn', async () => {
    const chat = person(1103);
    fake.fail('sendMessage', { status: 502, times: 4 });
    const lost = await chat.say('/help');
    expect(lost).toHaveLength(0);
    expect(app.logged(/telegram message not delivered/).length).toBeGreaterThan(0);
    const back = await chat.say('/help');
    expect(back.length).toBeGreaterThan(0);
  });

  it('stops only this channel when Telegram refuses the token, saying which setting to fix', async () => {
    const other = await startApp({ TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_BOT_TOKEN: '987654321:AAWrongTokenWrongToken_0123' }, { sharing: app });
    try {
      const failed = other.logged(/telegram failed to start/);
      expect(failed).toHaveLength(1);
      expect(JSON.stringify(failed[0])).toMatch(/401 Unauthorized.*TELEGRAM_BOT_TOKEN/);
      expect(fake.callsOf('getMe').filter((c) => c.status === 401)).toHaveLength(1);
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('keeps polling through a getUpdates that fails or drops the connection', async () => {
    const chat = person(1104);
    fake.fail('getUpdates', { status: 500, times: 2 });
    fake.fail('getUpdates', { drop: true });
    await chat.say('/help');
    // The next update can only arrive through the getUpdates calls that failed.
    const reply = await chat.say('/privacy');
    expect(visible(reply)).toMatch(/Conservo solo ciò che serve/);
    expect(fake.callsOf('getUpdates').map((c) => c.status)).toEqual(expect.arrayContaining([500, 0]));
  });
});
