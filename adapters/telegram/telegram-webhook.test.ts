import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestSlots } from '../../test/support/booking-fixtures.js';
import { FakeTelegram, type SentMessage } from '../../test/support/fake-telegram.js';
import { deadPort, startApp, type RunningApp } from '../../test/support/telegram-app.js';

// Webhook mode end to end: the real app mounts the webhook on its one HTTP server, checks Telegram's
// secret, and answers through the real telegraf to a fake Bot API. A second process of the same
// deployment (polling, on the same store through the server's socket) receives the same updates.

const SECRET = 'test-webhook-secret-0123456789abcdef';
const HOOK_PATH = '/telegram/webhook';

let fake: FakeTelegram;
let app: RunningApp;
let hook: string;

beforeAll(async () => {
  fake = await FakeTelegram.start();
  app = await startApp({ TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: `https://orienta.example.it${HOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: SECRET });
  await addTestSlots(app.orienta.store.db);
  hook = `${app.url}${HOOK_PATH}`;
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const visible = (messages: SentMessage[]) => messages.map((m) => m.visible ?? m.document?.filename ?? '').join('\n');
const turnsOf = async (conversation: string) => (await app.orienta.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns WHERE conversation_id = $1', [conversation]))[0]!.n;

/** A POST on a connection of its own: the server may close it after refusing the body unread. */
function postOnce(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts an update as Telegram would and waits for the bot to have answered it. */
async function deliver(update: { update_id: number }, chatId: number, secret: string | null = SECRET): Promise<{ status: number; sent: SentMessage[] }> {
  const before = fake.sentTo(chatId).length;
  const res = await fake.deliver(update, { url: hook, secret });
  await app.telegram.idle();
  return { status: res.status, sent: fake.sentTo(chatId).slice(before) };
}

describe('Telegram, webhook mode', () => {
  it('sets the webhook with its secret at start, and never polls', async () => {
    expect(fake.webhook).toEqual({ url: `https://orienta.example.it${HOOK_PATH}`, secret: SECRET });
    expect(fake.callsOf('setWebhook')[0]!.payload).toMatchObject({ allowed_updates: ['message', 'callback_query'] });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    expect(fake.commands.get('en')).toBeDefined();
  });

  it('refuses a request without the secret (401) or with a wrong one (403): the update never reaches the bot', async () => {
    const update = fake.text(2001, 'corsi di robotica');
    expect((await deliver(update, 2001, null)).status).toBe(401);
    expect((await deliver(update, 2001, 'x'.repeat(SECRET.length))).status).toBe(403);
    expect((await deliver(update, 2001, `${SECRET}0`)).status).toBe(403);
    expect((await deliver(update, 2001, SECRET.slice(0, -1))).status).toBe(403);
    expect(fake.sentTo(2001)).toHaveLength(0);
    expect(await turnsOf('telegram:2001')).toBe(0);
    const ledger = await app.orienta.store.db.query("SELECT 1 FROM channel_deliveries WHERE channel = 'telegram' AND delivery_id = $1", [`update:${update.update_id}`]);
    expect(ledger).toHaveLength(0);
    // The same update with the right secret is then answered: it was refused, not swallowed.
    const right = await deliver(update, 2001);
    expect(right.status).toBe(200);
    expect(visible(right.sent)).toMatch(/robotica/i);
    expect(await turnsOf('telegram:2001')).toBe(1);
  });

  it('answers Telegram at once, before a slow Bot API has taken the reply', async () => {
    // The Bot API takes the reply only once Telegram has the webhook's answer: a webhook that
    // waited for its reply to be taken would never be answered, and the test would time out.
    let answered!: () => void;
    const webhookAnswered = new Promise<void>((r) => (answered = r));
    fake.fail('sendMessage', { until: webhookAnswered });
    const res = await fake.deliver(fake.text(2002, '/help'), { url: hook });
    answered();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await app.telegram.idle();
    expect(fake.sentTo(2002).length).toBeGreaterThan(0);
  }, 15_000);

  it('refuses bodies that are too large or not an update', async () => {
    const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(300 * 1024) } });
    expect(await postOnce(hook, big, { 'x-telegram-bot-api-secret-token': SECRET })).toBe(413);
    const notJson = await fetch(hook, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' }, body: '{"update_id":' });
    expect(notJson.status).toBe(400);
    expect((await fake.deliver({ message: {} }, { url: hook })).status).toBe(400);
    expect((await fetch(hook, { method: 'GET' })).status).not.toBe(200);
  });

  it('answers an update delivered twice at once only once', async () => {
    const update = fake.text(2003, 'corsi di stampa 3d a viadana');
    const [a, b] = await Promise.all([fake.deliver(update, { url: hook }), fake.deliver(update, { url: hook })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await app.telegram.idle();
    const once = fake.sentTo(2003).length;
    expect(once).toBeGreaterThan(0);
    expect((await deliver(update, 2003)).sent).toHaveLength(0);
    expect(fake.sentTo(2003).filter((m) => m.visible === 'Ecco cosa ho trovato:')).toHaveLength(1);
    expect(await turnsOf('telegram:2003')).toBe(1);
  });
});

describe('the same update by webhook and by polling, in two processes', () => {
  let pollingFake: FakeTelegram;
  let second: RunningApp;

  beforeAll(async () => {
    pollingFake = await FakeTelegram.start();
    second = await startApp({ TELEGRAM_API_ROOT: pollingFake.apiRoot }, { sharing: app });
  });
  afterAll(async () => {
    await second?.close();
    await pollingFake?.close();
  });

  it('gives one reply and books one seat', async () => {
    const chat = 2101;
    const slots = await deliver(fake.text(chat, 'mi iscrivo a C001'), chat);
    const slot = slots.sent.flatMap((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => ({ ...b, messageId: m.messageId }))).find((b) => /gennaio/.test(b.text))!;
    await deliver(fake.press(chat, { messageId: slot.messageId, data: slot.callback_data! }), chat);
    await deliver(fake.text(chat, 'Anna Verdi'), chat);
    const summary = await deliver(fake.text(chat, '15'), chat);
    expect(visible(summary.sent)).toContain('Anna Verdi');

    // Telegram's copy of the yes reaches both processes.
    const yes = fake.text(chat, 'sì');
    pollingFake.push(yes);
    const before = fake.sentTo(chat).length;
    const [res] = await Promise.all([
      fake.deliver(yes, { url: hook }),
      pollingFake.waitFor(() => pollingFake.calls.some((c) => c.method === 'getUpdates' && Number(c.payload.offset) > yes.update_id), 30_000, 'the poller to take the yes'),
    ]);
    expect(res.status).toBe(200);
    await app.telegram.idle();
    await second.telegram.idle();
    expect(second.orienta.store.via).toBe('postgres');
    // One of the two answered, with the code and the .ics; the other sent nothing at all.
    const answers = [fake.sentTo(chat).slice(before), pollingFake.sentTo(chat)].filter((sent) => sent.length > 0);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.filter((m) => /LTO-[A-Z0-9]{4}/.test(m.visible ?? ''))).toHaveLength(1);
    expect(answers[0]!.filter((m) => m.method === 'sendDocument')).toHaveLength(1);
    const mine = await app.orienta.bookings.listForUser(`telegram:${chat}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.status).toBe('confirmed');
  });

  it('keeps the language picked with a button in the other process too: the conversation holds it, not the channel', async () => {
    const chat = 2102;
    const picker = await deliver(fake.text(chat, '/lingua'), chat);
    expect(visible(picker.sent)).toMatch(/In che lingua/);
    const english = picker.sent.flatMap((m) => (m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => ({ ...b, messageId: m.messageId }))).find((b) => b.text === 'English')!;
    const set = await deliver(fake.press(chat, { messageId: english.messageId, data: english.callback_data! }), chat);
    expect(visible(set.sent)).toMatch(/English/);

    // What comes next reaches the polling process, which never saw the button pressed.
    const polled = async (update: { update_id: number }) => {
      const before = pollingFake.sentTo(chat).length;
      pollingFake.push(update);
      await pollingFake.waitFor(() => pollingFake.calls.some((c) => c.method === 'getUpdates' && Number(c.payload.offset) > update.update_id), 30_000, `update ${update.update_id} polled`);
      await second.telegram.idle();
      return pollingFake.sentTo(chat).slice(before);
    };
    expect(visible(await polled(fake.text(chat, '/lingua')))).toMatch(/Which language/);
    expect(visible(await polled(fake.text(chat, '/prenotazioni')))).toMatch(/no active bookings/);
  });
});

describe('a Bot API that is down', () => {
  it('leaves the server serving: the update is taken and its turn stored, the failure logged, and shutdown is prompt', async () => {
    const port = await deadPort();
    const down = await startApp(
      { TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, TELEGRAM_WEBHOOK_URL: `https://orienta.example.it${HOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: SECRET },
      { sharing: app },
    );
    const polling = await startApp({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }, { sharing: app });
    try {
      expect(down.logged(/Bot API unreachable/)).toHaveLength(1);
      expect(polling.logged(/Bot API unreachable/)).toHaveLength(1);
      const res = await fake.deliver(fake.text(2201, '/help'), { url: `${down.url}${HOOK_PATH}` });
      expect(res.status).toBe(200);
      await down.telegram.idle();
      expect(await turnsOf('telegram:2201')).toBe(1);
      expect(down.logged(/telegram message not delivered/)).toHaveLength(1);
      expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
      const chat = await fetch(`${down.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'corso per il muletto' }) });
      expect(chat.status).toBe(200);
      // Messages outside a turn fail the same way, said to the caller.
      await expect(down.telegram.send({ chatId: 2201 }, [{ type: 'text', text: 'ciao' }], 'it')).rejects.toThrow(/did not take/);
    } finally {
      const started = Date.now();
      await Promise.all([down.close(), polling.close()]);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });
});
