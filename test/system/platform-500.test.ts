import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotFramework } from '../support/fake-botframework.js';
import { FakeSlack, shownText, SlackSender } from '../support/fake-slack.js';
import { FAKE_TOKEN, FakeTelegram } from '../support/fake-telegram.js';
import { serve, type Served } from '../support/serve.js';
import { freshPostgres } from '../support/stores.js';

/**
 * The platforms fail too: Telegram's Bot API, the Bot Framework connector and Slack's Web API
 * answering 500 to the replies of one `orienta serve` that has all three on. Each reply is retried
 * until the platform takes it, and arrives once and whole: the same messages as someone whose
 * reply went through at the first attempt.
 */
const APP_ID = '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42';
const APP_PASSWORD = 'fake-client-secret';
const SLACK_SECRET = 'slack-signing-secret-for-tests';
const QUESTION = 'corsi di robotica';
/** The last turn of each person: once its reply is in, the reply before it has been dealt with. */
const LAST = 'grazie';
const THANKS = /Grazie a te/;

describe('orienta serve when the platforms answer 500', () => {
  let telegram: FakeTelegram;
  let teams: FakeBotFramework;
  let slack: FakeSlack;
  let server: Served;
  let dir: string;
  let store: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  const base = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orienta-platform-500-'));
    // The store is not what this is about: a database of the server's own starts in a moment where
    // there is one, the embedded store in a fresh directory otherwise.
    if (process.env.TEST_DATABASE_URL) store = await freshPostgres(process.env.TEST_DATABASE_URL);
    [telegram, teams, slack] = await Promise.all([FakeTelegram.start(), FakeBotFramework.start({ appId: APP_ID, appPassword: APP_PASSWORD }), FakeSlack.start({ teamId: 'T0TEAM' })]);
    server = await serve(
      {
        ORIENTA_NOW: '2026-11-25T10:00:00+01:00',
        ...(store ? { DATABASE_URL: store.url } : {}),
        PURGE_INTERVAL_MINUTES: '0',
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: APP_PASSWORD,
        TEAMS_OPENID_METADATA_URL: teams.openIdMetadataUrl,
        TEAMS_LOGIN_URL: teams.loginUrl,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SLACK_SECRET,
        SLACK_API_URL: slack.url.replace(/\/$/, ''),
      },
      ['--data-dir', dir],
    );
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await Promise.all([telegram?.close(), teams?.close(), slack?.close()]);
    await store?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Telegram: a reply refused twice with 500 is sent again and arrives once', async () => {
    /** What a chat shows after the question and the last turn, each waited for until the bot confirmed it. */
    const conversation = async (chatId: number, failFirst: boolean): Promise<string[]> => {
      for (const said of [QUESTION, LAST]) {
        if (failFirst && said === QUESTION) telegram.fail('sendMessage', { status: 500, times: 2 });
        const [update] = telegram.push(telegram.text(chatId, said, { languageCode: 'it' }));
        // Handled (replies sent) once the poller confirms it with the next getUpdates' offset.
        await telegram.waitFor(() => !telegram.queue.some((u) => u.update_id === update!.update_id), 30_000, `update ${update!.update_id} confirmed`);
      }
      await telegram.waitFor(() => telegram.sentTo(chatId).some((m) => THANKS.test(m.visible ?? '')), 30_000, `the thanks in chat ${chatId}`);
      return telegram.sentTo(chatId).map((m) => m.visible ?? m.caption ?? '');
    };
    const control = await conversation(5001, false);
    const refused = await conversation(5002, true);
    const statuses = telegram.callsOf('sendMessage').filter((c) => c.payload.chat_id === 5002 || c.payload.chat_id === '5002').map((c) => c.status);
    console.log(`Telegram: sendMessage statuses of the refused chat ${statuses.join(',')}; ${refused.length} messages shown, ${control.length} to the control chat`);
    expect(statuses.slice(0, 3)).toEqual([500, 500, 200]);
    expect(refused).toEqual(control);
    expect(server.log()).toMatch(/telegram sendMessage failed; retrying/);
  });

  it('Teams: a reply the connector refused twice with 500 is sent again and arrives once', async () => {
    const conversation = async (name: string, failFirst: boolean) => {
      const conversationId = `a:conv-${name}`;
      for (const said of [QUESTION, LAST]) {
        if (failFirst && said === QUESTION) teams.failNext(2, 500);
        const res = await fetch(`${base()}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${teams.channelToken()}` },
          body: JSON.stringify({
            type: 'message',
            id: `${name}-${said}`,
            timestamp: new Date().toISOString(),
            channelId: 'msteams',
            serviceUrl: teams.serviceUrl,
            from: { id: `29:${name}`, name: 'Rita Bianchi', aadObjectId: `aad-${name}` },
            conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-lto' },
            recipient: { id: `28:${APP_ID}`, name: 'Orienta' },
            locale: 'it-IT',
            text: said,
          }),
        });
        expect(res.status).toBe(200);
      }
      return teams.to(conversationId).map((s) => JSON.stringify({ text: s.activity.text, attachments: s.activity.attachments }));
    };
    const control = await conversation('carla', false);
    const refused = await conversation('rita', true);
    const retried = server.log().match(/teams sendActivity failed; retrying/g) ?? [];
    console.log(`Teams: ${retried.length} retries logged; ${refused.length} activities to the refused conversation, ${control.length} to the control one`);
    expect(retried).toHaveLength(2);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused).toEqual(control);
  });

  it('Slack: a reply chat.postMessage refused twice with 500 is sent again and arrives once', async () => {
    const sender = new SlackSender(`${base()}/slack/events`, SLACK_SECRET, 'T0TEAM');
    const conversation = async (user: string, failFirst: boolean) => {
      const dm = `D${user}`;
      if (failFirst) slack.fail('chat.postMessage', { status: 500 }, { status: 500 });
      expect((await sender.dm(user, QUESTION)).status).toBe(200);
      await slack.waitFor(() => slack.posted(dm).length > 0, 30_000, `the answer in ${dm}`);
      expect((await sender.dm(user, LAST)).status).toBe(200);
      await slack.waitFor(() => slack.posted(dm).some((m) => THANKS.test(shownText(m))), 30_000, `the thanks in ${dm}`);
      // Slack handles events side by side: the order of two answers is not the point, their count is.
      return slack.posted(dm).map((m) => shownText(m)).sort();
    };
    const control = await conversation('UCONTROL', false);
    const before = slack.callsTo('chat.postMessage').length;
    const refused = await conversation('UREFUSED', true);
    const attempts = slack.callsTo('chat.postMessage').slice(before).filter((c) => c.args.channel === 'DUREFUSED');
    console.log(`Slack: ${attempts.length} chat.postMessage attempts for the refused DM; ${refused.length} posts shown, ${control.length} to the control DM`);
    expect(refused).toEqual(control);
    expect(attempts.length).toBe(control.length + 2);
    expect(server.log()).toMatch(/slack chat\.postMessage failed; retrying/);
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });
});
