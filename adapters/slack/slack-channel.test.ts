import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { buttonsOf, FakeSlack, shownText, SlackSender, type StoredMessage } from '../../test/support/fake-slack.js';
import type { Channel } from '../channel.js';
import { createHttpApp } from '../../app/http-app.js';
import { listen, type RunningServer } from '../server.js';

// Slack end to end: the whole app (startOrienta + the one Hono server) with the real @slack/bolt
// and @slack/web-api, talking to a fake Slack Web API on 127.0.0.1 and receiving signed requests.

const SECRET = 'slack-signing-secret-for-tests';
const TEAM = 'T0TEAM';
const STAFF = 'C0STAFF';
const logLines: string[] = [];
let fake: FakeSlack;
let orienta: Orienta;
let channel: Channel;
let server: RunningServer;
let slack: SlackSender;
let base: string;
let dataDir: string;

beforeAll(async () => {
  fake = await FakeSlack.start({ teamId: TEAM, channels: { 'orienta-staff': STAFF } });
  dataDir = mkdtempSync(join(tmpdir(), 'orienta-slack-'));
  const config = loadConfig({
    ORIENTA_DATA_DIR: dataDir,
    ORIENTA_NOW: '2026-11-25T10:00:00+01:00',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    // A name, as staff would write it: the desk must use the id Slack answers with.
    SLACK_STAFF_CHANNEL: '#orienta-staff',
    SLACK_API_URL: fake.url.replace(/\/$/, ''),
  });
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
  server = await listen(createHttpApp(orienta), 0, '127.0.0.1');
  for (const c of orienta.channels) await c.start?.();
  channel = orienta.channels.find((c) => c.name === 'slack')!;
  base = `http://127.0.0.1:${server.port}`;
  slack = new SlackSender(`${base}/slack/events`, SECRET, TEAM);
});

afterAll(async () => {
  for (const c of orienta?.channels ?? []) await c.stop?.();
  await server?.close();
  await orienta?.kit.drain();
  await orienta?.close();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => (await orienta.store.db.query<{ n: number }>(sql, params))[0]!.n;
/** The first post in `channel` after the first `since` that shows `pattern`. */
const postShowing = (channel: string, since: number, pattern: RegExp, thread?: string) =>
  fake.waitFor(() => fake.posted(channel, thread).slice(since).find((m) => pattern.test(shownText(m))), 15_000, `a post in ${channel} showing ${pattern}`);
const button = (m: StoredMessage, value: RegExp) => {
  const found = buttonsOf(m).find((b) => value.test(b.value ?? b.action_id));
  if (!found) throw new Error(`no button ${value} in ${JSON.stringify(buttonsOf(m))}`);
  return found;
};
const dmOf = (user: string) => `D${user}`;
/**
 * Everything Slack delivered so far has been dealt with, replies, retries and staff posts included:
 * the channel's own shutdown drain (it waits for every request it took), then it takes requests
 * again. What must NOT have happened is checked after this, never after a pause.
 */
const settled = async () => {
  await channel.stop!();
  await channel.start!();
};

describe('requests that Slack did not sign', () => {
  it('get 401 and reach no listener: bad signature, wrong secret, stale or future timestamp, missing headers', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = [
      await slack.dm('UFORGED', 'corsi di robotica', { signature: 'v0=0123456789abcdef' }),
      await slack.dm('UFORGED', 'corsi di robotica', { secret: 'not-the-secret' }),
      await slack.dm('UFORGED', 'corsi di robotica', { timestamp: now - 6 * 60 }),
      await slack.dm('UFORGED', 'corsi di robotica', { timestamp: now + 6 * 60 }),
      await slack.dm('UFORGED', 'corsi di robotica', { timestamp: null }),
      await slack.dm('UFORGED', 'corsi di robotica', { signature: null }),
      await slack.urlVerification('challenge-x', { signature: 'v0=00' }),
      await slack.command('UFORGED', STAFF, '/orienta-fine', '1', { secret: 'not-the-secret' }),
    ];
    expect(forged.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
    await settled();
    expect(await count("SELECT count(*)::int AS n FROM conversations WHERE user_id LIKE 'slack:%UFORGED'")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM channel_deliveries WHERE channel = 'slack'")).toBe(0);
    expect(fake.posted(dmOf('UFORGED'))).toHaveLength(0);
    expect(logLines.join('')).toMatch(/slack request refused: not signed by Slack/);
  });

  it('a body over the cap is refused before anything reads it', async () => {
    const res = await slack.post(JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(200 * 1024) }), 'application/json');
    expect(res.status).toBe(413);
    // The body was never read: the connection closes with the answer, so no later event is sent on it.
    expect(res.headers.get('connection')).toBe('close');
  });
});

describe('Slack setup', () => {
  it('answers the url_verification challenge', async () => {
    const res = await slack.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('checked the token with auth.test against SLACK_API_URL', () => {
    expect(fake.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(fake.callsTo('auth.test')[0]!.token).toBe('xoxb-test-token');
  });
});

describe('a student on Slack', () => {
  it('asks for courses in a DM and gets Block Kit: sections, buttons with the engine’s actions, sources', async () => {
    const res = await slack.dm('U1', 'corsi di stampa 3d a viadana');
    expect(res.status).toBe(200);
    // Acknowledged before the turn runs (nothing answered yet), so Slack's 3 seconds never depend on the turn.
    expect(fake.posted(dmOf('U1'))).toEqual([]);
    const reply = await postShowing(dmOf('U1'), 0, /stampa 3d/i);
    const types = (reply.blocks as { type: string }[]).map((b) => b.type);
    expect(types).toContain('section');
    expect(types).toContain('actions');
    expect(types.at(-1)).toBe('context');
    expect(button(reply, /^details:course:C\d+/).action_id).toMatch(/^orienta:details:course:C\d+/);
    expect(reply.text).toBeTruthy();
    expect(await count("SELECT count(*)::int AS n FROM channel_addresses WHERE user_id = 'slack:T0TEAM:U1' AND address->>'channel' = 'DU1'")).toBe(1);
  });

  it('presses a Details button and gets that course', async () => {
    const list = await postShowing(dmOf('U1'), 0, /stampa 3d/i);
    const details = button(list, /^details:course:/);
    const code = details.value!.split(':').at(-1)!;
    const before = fake.posted(dmOf('U1')).length;
    const res = await slack.press('U1', dmOf('U1'), details, list);
    expect(res.status).toBe(200);
    const shown = await postShowing(dmOf('U1'), before, new RegExp(code));
    expect(shownText(shown)).toMatch(/Quando|Dove/);
  });

  it('is answered in the thread when it mentions the bot in a channel', async () => {
    const res = await slack.mention('U7', 'C0GENERAL', 'corsi di robotica');
    expect(res.status).toBe(200);
    const reply = await fake.waitFor(() => fake.posted('C0GENERAL')[0], 15_000);
    expect(reply.thread_ts).toMatch(/^\d+\.\d+$/);
    expect(shownText(reply)).toMatch(/robotica/i);
  });
});

let bookingCode = '';

describe('a booking over Slack', () => {
  it('asks only what is needed, books after an explicit yes, sends the code and the .ics', async () => {
    const dm = dmOf('U2');
    await slack.dm('U2', 'voglio iscrivermi a C001');
    await postShowing(dm, 0, /Come ti chiami/);
    let n = fake.posted(dm).length;
    await slack.dm('U2', 'Giulia Rossi');
    await postShowing(dm, n, /14 anni/);
    n = fake.posted(dm).length;
    await slack.dm('U2', '16');
    const summary = await postShowing(dm, n, /Giulia Rossi/);
    expect(await count("SELECT count(*)::int AS n FROM bookings WHERE user_id = 'slack:T0TEAM:U2'")).toBe(0);
    n = fake.posted(dm).length;
    const feedBefore = fake.posted(STAFF).length;
    await slack.press('U2', dm, button(summary, /^confirm$/), summary);
    const done = await postShowing(dm, n, /LTO-[A-Z0-9]{4}/);
    bookingCode = shownText(done).match(/LTO-[A-Z0-9]{4}/)![0];
    const upload = await fake.waitFor(() => fake.uploads.find((u) => u.filename === `${bookingCode}.ics` && u.channel === dm && u.content));
    expect(upload.content).toContain('BEGIN:VEVENT');
    expect(await count("SELECT count(*)::int AS n FROM bookings WHERE user_id = 'slack:T0TEAM:U2' AND status = 'confirmed'")).toBe(1);

    // The staff feed: what, when, seats, channel — never the name.
    const feed = await postShowing(STAFF, feedBefore, new RegExp(bookingCode));
    expect(shownText(feed)).toMatch(/Nuova prenotazione/);
    expect(shownText(feed)).toMatch(/corso C001/);
    expect(shownText(feed)).toMatch(/posti occupati 14\/20/);
    expect(shownText(feed)).toMatch(/canale slack/);
    expect(JSON.stringify(feed)).not.toMatch(/Giulia|Rossi/);
  });

  it('cancels it after a yes; the feed says so', async () => {
    const dm = dmOf('U2');
    let n = fake.posted(dm).length;
    await slack.dm('U2', `annulla ${bookingCode}`);
    const ask = await postShowing(dm, n, /Vuoi annullare/);
    n = fake.posted(dm).length;
    const feedBefore = fake.posted(STAFF).length;
    await slack.press('U2', dm, button(ask, /^confirm$/), ask);
    await postShowing(dm, n, new RegExp(`${bookingCode} annullata`));
    expect(await count("SELECT count(*)::int AS n FROM bookings WHERE code = $1 AND status = 'cancelled'", [bookingCode])).toBe(1);
    const feed = await postShowing(STAFF, feedBefore, new RegExp(`Prenotazione annullata.*${bookingCode}`, 's'));
    expect(shownText(feed)).toMatch(/posti occupati 13\/20/);
  });

  it('without files:write the .ics still arrives, as a snippet', async () => {
    const dm = dmOf('U8');
    await slack.dm('U8', 'voglio iscrivermi a C001');
    await postShowing(dm, 0, /Come ti chiami/);
    let n = fake.posted(dm).length;
    await slack.dm('U8', 'Sara Verdi');
    await postShowing(dm, n, /14 anni/);
    n = fake.posted(dm).length;
    await slack.dm('U8', '15');
    const summary = await postShowing(dm, n, /Sara Verdi/);
    n = fake.posted(dm).length;
    fake.fail('files.getUploadURLExternal', { error: 'missing_scope' });
    await slack.press('U8', dm, button(summary, /^confirm$/), summary);
    const snippet = await postShowing(dm, n, /BEGIN:VCALENDAR/);
    expect(shownText(snippet)).toMatch(/LTO-[A-Z0-9]{4}\.ics/);
    expect(logLines.join('')).toMatch(/file not uploaded; sent as text/);
  });
});

describe('Slack retries', () => {
  it('a delivery retried with X-Slack-Retry-Num gets one reply and makes one booking', async () => {
    const dm = dmOf('U3');
    await slack.dm('U3', 'voglio iscrivermi a C001');
    await postShowing(dm, 0, /Come ti chiami/);
    let n = fake.posted(dm).length;
    await slack.dm('U3', 'Luca Bianchi');
    await postShowing(dm, n, /14 anni/);
    n = fake.posted(dm).length;
    await slack.dm('U3', '17');
    await postShowing(dm, n, /Luca Bianchi/);
    n = fake.posted(dm).length;
    // The yes, then Slack's retries of it: one while the first is still running, one after.
    const ts = slack.ts();
    const first = slack.dm('U3', 'sì', { eventId: 'EvRetryYes', ts });
    const retry = slack.dm('U3', 'sì', { eventId: 'EvRetryYes', ts, retryNum: 1, retryReason: 'http_timeout' });
    expect((await Promise.all([first, retry])).map((r) => r.status)).toEqual([200, 200]);
    await postShowing(dm, n, /LTO-[A-Z0-9]{4}/);
    const late = await slack.dm('U3', 'sì', { eventId: 'EvRetryYes', ts, retryNum: 2, retryReason: 'http_timeout' });
    expect(late.status).toBe(200);
    await settled();
    expect(fake.posted(dm).slice(n).filter((m) => /LTO-[A-Z0-9]{4}/.test(shownText(m)))).toHaveLength(1);
    expect(await count("SELECT count(*)::int AS n FROM bookings WHERE user_id = 'slack:T0TEAM:U3'")).toBe(1);
    // The whole reply once: its calendar file too.
    expect(fake.uploads.filter((u) => u.channel === dm)).toHaveLength(1);
    expect(logLines.join('')).toMatch(/duplicate delivery dropped/);
  });

  it('Slack’s Web API failing with 500, then rate limiting, is retried until the reply goes out', async () => {
    // The faults go to the next posts: nothing of an earlier test may still be posting.
    await settled();
    fake.fail('chat.postMessage', { status: 500 }, { ratelimited: 1 });
    const before = fake.callsTo('chat.postMessage').length;
    await slack.dm('U4', 'ciao');
    const reply = await postShowing(dmOf('U4'), 0, /Orienta/);
    expect(reply).toBeDefined();
    const attempts = fake.callsTo('chat.postMessage').slice(before).filter((c) => c.args.channel === dmOf('U4'));
    expect(attempts.length).toBe(3);
    // Paused for the Retry-After Slack asked for.
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(900);
    expect(logLines.join('')).toMatch(/slack chat\.postMessage failed; retrying/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('a refusal Slack will repeat (channel_not_found) is not retried, logged, and the server keeps serving', async () => {
    fake.fail('chat.postMessage', { error: 'channel_not_found' });
    const before = fake.callsTo('chat.postMessage').length;
    await slack.dm('U6', 'ciao');
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length > before);
    await settled();
    expect(fake.callsTo('chat.postMessage').slice(before).filter((c) => c.args.channel === dmOf('U6'))).toHaveLength(1);
    expect(logLines.join('')).toMatch(/slack listener failed/);
    await slack.dm('U6', 'corsi di robotica');
    await postShowing(dmOf('U6'), 0, /robotica/i);
  });
});

describe('a handoff from the web chat to staff on Slack and back', () => {
  let cookie = '';
  let conversationId = '';
  let desk: StoredMessage;
  const chat = async (text: string) => {
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ text, ...(conversationId ? { conversationId } : {}) }) });
    cookie ||= res.headers.get('set-cookie')?.split(';')[0] ?? '';
    const reply = (await res.json()) as { conversationId: string; intent: string; messages: unknown[] };
    conversationId = reply.conversationId;
    return reply;
  };
  const history = async () => {
    const res = await fetch(`${base}/api/chat/${conversationId}`, { headers: { cookie } });
    return ((await res.json()) as { turns: { inbound: { text?: string }; reply: { intent: string; messages: { text?: string }[] } }[] }).turns;
  };
  const delivered = async () => (await history()).filter((t) => t.reply.intent === 'delivered').map((t) => t.reply.messages.map((m) => m.text).join(' '));

  it('posts the request with its transcript and a Claim button to the staff channel', async () => {
    const before = fake.posted(STAFF).length;
    await chat('corsi di robotica');
    expect((await chat('voglio parlare con una persona')).intent).toBe('handoff');
    // As it was posted: the fake re-draws its stored copy on chat.update, as Slack does.
    desk = structuredClone(await postShowing(STAFF, before, /Richiesta di contatto/));
    expect(shownText(desk)).toContain('corsi di robotica');
    expect(shownText(desk)).toMatch(/Canale\*?\n?web/);
    expect(button(desk, /^\d+$/).action_id).toBe('desk:claim');
    // Only what the request holds: not the visitor's id.
    expect(JSON.stringify(desk)).not.toContain(cookie.split('=')[1]!);
    expect(await count('SELECT count(*)::int AS n FROM handoffs WHERE desk_ref = $1', [`${STAFF}:${desk.ts}`])).toBe(1);
  });

  it('a staff member claims it: the post says who, and the person is told', async () => {
    await slack.press('USTAFF1', STAFF, button(desk, /^\d+$/), desk);
    const updated = await fake.waitFor(() => fake.callsTo('chat.update').find((c) => c.args.ts === desk.ts));
    expect(shownText(updated.args)).toMatch(/Presa in carico da <@USTAFF1>/);
    expect(buttonsOf(updated.args as { blocks?: unknown[] }).map((b) => b.action_id)).toEqual(['desk:close']);
    expect(shownText(updated.args)).toContain('corsi di robotica');
    await expect.poll(delivered, { timeout: 10_000 }).toEqual([expect.stringMatching(/ha preso in carico la tua richiesta/)]);
    // A second claim is refused, privately.
    await slack.press('USTAFF2', STAFF, button(desk, /^\d+$/), desk);
    await fake.waitFor(() => fake.ephemerals('USTAFF2').find((m) => /già in carico a <@USTAFF1>/.test(m.text ?? '')));
  });

  it('the staff reply in the thread lands in the web conversation; a colleague’s aside does not', async () => {
    await slack.threadReply('USTAFF2', STAFF, desk.ts, 'secondo me è per il corso C005');
    await fake.waitFor(() => fake.ephemerals('USTAFF2').find((m) => /Questa richiesta è già in carico/.test(m.text ?? '') && m.thread_ts === desk.ts));
    await slack.threadReply('USTAFF1', STAFF, desk.ts, 'Ciao, sono Marta della rete LTO: che corso ti interessa? &lt;robotica&gt;');
    await expect.poll(async () => (await delivered()).at(-1), { timeout: 10_000 }).toBe('Operatore LTO: Ciao, sono Marta della rete LTO: che corso ti interessa? <robotica>');
    expect((await delivered()).join(' ')).not.toContain('C005');
  });

  it('the person’s next message goes into the thread, not to the assistant', async () => {
    const reply = await chat('il corso di robotica del sabato, grazie');
    expect(reply).toMatchObject({ intent: 'relayed', messages: [] });
    const relayed = await postShowing(STAFF, 0, /Persona:.*robotica del sabato/s, desk.ts);
    expect(relayed.thread_ts).toBe(desk.ts);
  });

  it('Done hands the person back to the assistant', async () => {
    const closing = fake.callsTo('chat.update').length;
    const claimed = fake.callsTo('chat.update').filter((c) => c.args.ts === desk.ts).at(-1)!;
    await slack.press('USTAFF1', STAFF, buttonsOf(claimed.args as { blocks?: unknown[] })[0]!, { ts: desk.ts, blocks: claimed.args.blocks as unknown[] });
    const closed = await fake.waitFor(() => fake.callsTo('chat.update').slice(closing).find((c) => c.args.ts === desk.ts));
    expect(shownText(closed.args)).toMatch(/Chiusa da <@USTAFF1>/);
    expect(buttonsOf(closed.args as { blocks?: unknown[] })).toHaveLength(0);
    await expect.poll(async () => (await delivered()).at(-1), { timeout: 10_000 }).toMatch(/di nuovo Orienta/);
    const back = await chat('corsi di stampa 3d');
    expect(back.intent).toBe('find_course');
    expect(back.messages.length).toBeGreaterThan(0);
  });
});

describe('a handoff from a Slack DM, closed with /orienta-fine', () => {
  it('relays both ways over Slack and closes from the command', async () => {
    const dm = dmOf('U5');
    const staffBefore = fake.posted(STAFF).length;
    await slack.dm('U5', 'voglio parlare con un operatore, il mio numero è 333 1234567');
    const desk = structuredClone(await postShowing(STAFF, staffBefore, /Richiesta di contatto/));
    expect(shownText(desk)).toMatch(/333 ?1234567/);
    await slack.press('USTAFF3', STAFF, button(desk, /^\d+$/), desk);
    await postShowing(dm, 0, /ha preso in carico la tua richiesta/);

    // A Slack retry of the staff reply reaches the person once.
    const reply = { eventId: 'EvStaffReply1' };
    await slack.threadReply('USTAFF3', STAFF, desk.ts, 'Buongiorno, la richiamo entro oggi.', reply);
    await slack.threadReply('USTAFF3', STAFF, desk.ts, 'Buongiorno, la richiamo entro oggi.', { ...reply, retryNum: 1, retryReason: 'http_timeout' });
    await postShowing(dm, 0, /Operatore LTO: Buongiorno, la richiamo entro oggi/);
    await settled();
    expect(fake.posted(dm).filter((m) => /la richiamo entro oggi/.test(shownText(m)))).toHaveLength(1);

    await slack.dm('U5', 'perfetto, grazie');
    await postShowing(STAFF, 0, /Persona:.*perfetto, grazie/s, desk.ts);

    const n = fake.posted(dm).length;
    const res = await slack.command('USTAFF3', STAFF, '/orienta-fine');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Richiesta n\. \d+ chiusa/) });
    await postShowing(dm, n, /di nuovo Orienta/);
    const closed = await fake.waitFor(() => fake.callsTo('chat.update').find((c) => c.args.ts === desk.ts && /Chiusa da <@USTAFF3>/.test(shownText(c.args))));
    expect(shownText(closed.args)).toContain('333');

    const again = await slack.command('USTAFF3', STAFF, '/orienta-fine');
    expect(await again.json()).toMatchObject({ text: expect.stringMatching(/Non hai richieste in carico/) });
    const unknown = await slack.command('USTAFF3', STAFF, '/orienta-fine', '999999');
    expect(await unknown.json()).toMatchObject({ text: expect.stringMatching(/Non trovo la richiesta n\. 999999/) });

    const after = fake.posted(dm).length;
    await slack.dm('U5', 'corsi di robotica');
    const answer = await postShowing(dm, after, /robotica/i);
    expect(shownText(answer)).not.toMatch(/Operatore/);
  });
});
