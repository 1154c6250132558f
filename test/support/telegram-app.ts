import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import type { Channel } from '../../adapters/channel.js';
import { listen, type RunningServer } from '../../adapters/server.js';
import { createHttpApp } from '../../app/http-app.js';
import type { TelegramChannel } from '../../adapters/telegram/telegram-channel.js';
import { loadConfig } from '../../app/config.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { FAKE_TOKEN } from './fake-telegram.js';
import { REFERENCE_NOW } from './sample-store.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RunningApp {
  orienta: Orienta;
  server: RunningServer;
  url: string;
  telegram: TelegramChannel;
  logs: LogLine[];
  /** Log lines at warn or above whose message matches. */
  logged(msg: RegExp): LogLine[];
  close(): Promise<void>;
}

/**
 * The whole app as `orienta serve` wires it (startOrienta, createHttpApp, listen on a free port,
 * start() on every channel) with a fixed clock and a log kept in memory. With `sharing`, it uses the
 * store of that app through its PostgreSQL socket (DATABASE_URL), like a second replica of the same
 * deployment: same conversations, same delivery ledger, same bookings.
 */
export async function startApp(env: Record<string, string>, options: { sharing?: RunningApp } = {}): Promise<RunningApp> {
  const serve = !options.sharing;
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug', base: null }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const dataDir = options.sharing?.orienta.config.ORIENTA_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'orienta-telegram-'));
  const config = loadConfig({
    ORIENTA_DATA_DIR: dataDir,
    // Not the data dir itself: in one process its lock would not keep a second PGlite out.
    ...(serve ? {} : { DATABASE_URL: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(resolve(dataDir))}` }),
    ORIENTA_NOW: REFERENCE_NOW.toISOString(),
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    ...env,
  });
  const orienta = await startOrienta(config, logger, { command: serve ? 'serve' : 'telegram-replica', serve });
  const server = await listen(createHttpApp(orienta), 0, '127.0.0.1');
  for (const channel of orienta.channels) {
    // As serve does: a channel that cannot start is logged and the others keep serving.
    await channel.start?.().catch((error) => logger.error({ err: error, channel: channel.name }, `channel ${channel.name} failed to start`));
  }
  const telegram = orienta.channels.find((c: Channel) => c.name === 'telegram') as TelegramChannel | undefined;
  if (!telegram) throw new Error('the Telegram channel is not on: is TELEGRAM_BOT_TOKEN set?');
  return {
    orienta,
    server,
    url: `http://127.0.0.1:${server.port}`,
    telegram,
    logs,
    logged: (msg) => logs.filter((l) => l.level >= 40 && msg.test(l.msg)),
    close: async () => {
      await Promise.allSettled(orienta.channels.map((c) => c.stop?.()));
      await server.close();
      await orienta.kit.drain();
      await orienta.close();
    },
  };
}

/** A port nothing listens on: a Bot API that is down. */
export async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
