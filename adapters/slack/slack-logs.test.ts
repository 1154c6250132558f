import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { buttonsOf, FakeSlack, shownText, SlackSender, type StoredMessage } from '../../test/support/fake-slack.js';
import { createHttpApp } from '../../app/http-app.js';
import { listen, type RunningServer } from '../server.js';

// A handoff through Slack with LOG_LEVEL=debug: bolt and its Web API client log every request
// and response they handle, transcripts included. The log must not hold the person's name, phone
// or e-mail unless LOG_TEXTS says so.

const SECRET = 'slack-signing-secret-for-log-tests';
const TEAM = 'T0LOGS';
const STAFF = 'C0LOGSTAFF';
const NAME = 'Ermenegilda Scarabelli';
const PHONE = '333 7654321';
const EMAIL = 'ermenegilda.scarabelli@example.org';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** A whole app with Slack on, logging at debug into `lines`; a person asks for a human and staff answer in the thread. */
async function handoffThroughSlack(logTexts: boolean): Promise<string> {
  const fake = await FakeSlack.start({ teamId: TEAM, channels: { 'orienta-staff': STAFF } });
  const dataDir = mkdtempSync(join(tmpdir(), 'orienta-slack-logs-'));
  const lines: string[] = [];
  let orienta: Orienta | undefined;
  let server: RunningServer | undefined;
  stop = async () => {
    for (const channel of orienta?.channels ?? []) await channel.stop?.();
    await server?.close();
    await orienta?.kit.drain();
    await orienta?.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const config = loadConfig({
    ORIENTA_DATA_DIR: dataDir,
    ORIENTA_NOW: '2026-11-25T10:00:00+01:00',
    SLACK_BOT_TOKEN: 'xoxb-log-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_STAFF_CHANNEL: STAFF,
    SLACK_API_URL: fake.url.replace(/\/$/, ''),
    LOG_LEVEL: 'debug',
    LOG_TEXTS: String(logTexts),
  });
  const logger = createLogger(config.LOG_LEVEL, { logTexts: config.LOG_TEXTS, destination: { write: (line: string) => void lines.push(line) } });
  orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
  server = await listen(createHttpApp(orienta), 0, '127.0.0.1');
  for (const channel of orienta.channels) await channel.start?.();
  const slack = new SlackSender(`http://127.0.0.1:${server.port}/slack/events`, SECRET, TEAM);

  await slack.dm('ULOG1', 'corsi di robotica');
  await fake.waitFor(() => fake.posted('DULOG1').find((m) => /robotica/i.test(shownText(m))), 15_000, 'the answer');
  await slack.dm('ULOG1', `voglio parlare con un operatore, mi chiamo ${NAME}, il mio numero è ${PHONE} e la mia email ${EMAIL}`);
  const desk: StoredMessage = structuredClone(await fake.waitFor(() => fake.posted(STAFF).find((m) => /Richiesta di contatto/.test(shownText(m))), 15_000, 'the handoff post'));
  expect(shownText(desk)).toContain(EMAIL);
  const claim = buttonsOf(desk).find((b) => b.action_id === 'desk:claim')!;
  await slack.press('USTAFFLOG', STAFF, claim, desk);
  await fake.waitFor(() => fake.posted('DULOG1').find((m) => /ha preso in carico/.test(shownText(m))), 15_000, 'the claim told');
  await slack.threadReply('USTAFFLOG', STAFF, desk.ts, `Buongiorno ${NAME}, la richiamo al ${PHONE} entro oggi.`);
  await fake.waitFor(() => fake.posted('DULOG1').find((m) => /la richiamo/.test(shownText(m))), 15_000, 'the staff reply delivered');
  await slack.dm('ULOG1', `grazie, scrivetemi anche a ${EMAIL}`);
  await fake.waitFor(() => fake.posted(STAFF, desk.ts).find((m) => /scrivetemi anche/.test(shownText(m))), 15_000, 'the person’s words in the thread');
  await orienta.kit.drain();
  return lines.join('');
}

describe('the log of a handoff through Slack at LOG_LEVEL=debug', () => {
  it('holds no name, phone or e-mail of the person', async () => {
    const log = await handoffThroughSlack(false);
    // The debug lines are there: the test would pass on an empty log otherwise.
    expect(log).toMatch(/"level":20/);
    expect(log).toMatch(/chat\.postMessage/);
    for (const personal of ['Ermenegilda', 'Scarabelli', '7654321', '765 4321', 'example.org']) expect(log).not.toContain(personal);
  }, 120_000);

  it('holds them with LOG_TEXTS=true, for debugging', async () => {
    const log = await handoffThroughSlack(true);
    expect(log).toContain('Scarabelli');
    expect(log).toContain(EMAIL);
  }, 120_000);
});
