import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../bot/answer/texts.js';
import { FakeTelegram, type SentMessage } from '../support/fake-telegram.js';
import { buttonsOf, FakeSlack, shownText, SlackSender, type StoredMessage } from '../support/fake-slack.js';
import { startApp, type RunningApp } from '../support/telegram-app.js';

/**
 * A student on Telegram asks for a person; staff on Slack claim the request, answer in its thread,
 * read the student's reply there and hand the student back to the assistant. Both platforms are
 * local fakes driven by the real SDKs, through the one server.
 */
const STAFF = 'C0STAFF';
const SECRET = 'round-trip-signing-secret';
const CHAT = 4242;

let telegram: FakeTelegram;
let slackApi: FakeSlack;
let app: RunningApp;
let staff: SlackSender;

beforeAll(async () => {
  telegram = await FakeTelegram.start();
  slackApi = await FakeSlack.start({ channels: { 'orienta-staff': STAFF } });
  app = await startApp({
    TELEGRAM_API_ROOT: telegram.apiRoot,
    SLACK_BOT_TOKEN: 'xoxb-round-trip',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_STAFF_CHANNEL: STAFF,
    SLACK_API_URL: slackApi.url,
  });
  staff = new SlackSender(`${app.url}/slack/events`, SECRET);
});

afterAll(async () => {
  await app?.close();
  await telegram?.close();
  await slackApi?.close();
});

/** What the student sees after writing `text`: the whole answer, once the poller has moved past it. */
async function student(text: string): Promise<SentMessage[]> {
  const before = telegram.sentTo(CHAT).length;
  const [update] = telegram.push(telegram.text(CHAT, text, { languageCode: 'it' }));
  await telegram.waitFor(() => telegram.calls.some((c) => c.method === 'getUpdates' && Number(c.payload.offset) > update!.update_id), 30_000, `update ${update!.update_id} answered`);
  return telegram.sentTo(CHAT).slice(before);
}
const seen = (messages: SentMessage[]) => messages.map((m) => m.visible ?? m.text ?? '').join('\n');
const deskButton = (m: StoredMessage, id: string) => {
  const found = buttonsOf(m).find((b) => b.action_id === id);
  if (!found) throw new Error(`no ${id} button in ${JSON.stringify(buttonsOf(m))}`);
  return found;
};

describe('a handoff from Telegram to staff on Slack and back', () => {
  let desk: StoredMessage;

  it('goes to the staff channel with the transcript and a claim button', async () => {
    await student('corsi di robotica');
    const before = slackApi.posted(STAFF).length;
    const asked = await student('voglio parlare con una persona, il mio numero è 333 1234567');
    expect(seen(asked)).toContain(t('it').handoffDone);
    desk = structuredClone(await slackApi.waitFor(() => slackApi.posted(STAFF).slice(before)[0], 15_000, 'the handoff post'));
    expect(shownText(desk)).toContain('corsi di robotica');
    expect(shownText(desk)).toMatch(/telegram/);
    expect(JSON.stringify(desk)).not.toContain(`telegram:${CHAT}`);
    deskButton(desk, 'desk:claim');
  });

  it('is claimed: the student hears that a person has taken it', async () => {
    const before = telegram.sentTo(CHAT).length;
    await staff.press('USTAFF', STAFF, deskButton(desk, 'desk:claim'), desk);
    const told = (await telegram.waitForMessages(CHAT, before + 1)).slice(before);
    expect(seen(told)).toMatch(/ha preso in carico la tua richiesta/);
  });

  it('carries the staff member’s words to Telegram and the student’s back to the thread', async () => {
    const before = telegram.sentTo(CHAT).length;
    await staff.threadReply('USTAFF', STAFF, desk.ts, 'Ciao, sono Marta: il corso di robotica parte a gennaio. Ti va?');
    const reply = (await telegram.waitForMessages(CHAT, before + 1)).slice(before);
    expect(seen(reply)).toContain('il corso di robotica parte a gennaio');

    const inThread = slackApi.posted(STAFF, desk.ts).length;
    telegram.push(telegram.text(CHAT, 'sì, mi interessa il sabato', { languageCode: 'it' }));
    const relayed = await slackApi.waitFor(() => slackApi.posted(STAFF, desk.ts).slice(inThread).find((m) => shownText(m).includes('mi interessa il sabato')), 15_000, 'the student’s words in the thread');
    expect(relayed).toBeDefined();
    // The assistant kept out of it: nothing else reached the student.
    expect(telegram.sentTo(CHAT).length).toBe(before + 1);
  });

  it('hands the student back to the assistant when staff close it', async () => {
    const claimed = slackApi.callsTo('chat.update').filter((c) => c.args.ts === desk.ts).at(-1)!;
    const before = telegram.sentTo(CHAT).length;
    await staff.press('USTAFF', STAFF, deskButton(claimed.args as unknown as StoredMessage, 'desk:close'), { ts: desk.ts, blocks: claimed.args.blocks as unknown[] });
    const told = (await telegram.waitForMessages(CHAT, before + 1)).slice(before);
    expect(seen(told)).toContain(t('it').staffLeft);
    const answer = await student('corsi di stampa 3d a viadana');
    expect(seen(answer)).toMatch(/Stampa 3D/i);
  });
});
