/**
 * The whole app with Teams on, pointed at a fake Bot Framework, and people writing to it from Teams:
 *
 *   const app = await startTeamsApp();
 *   const maria = app.person('maria');
 *   await maria.say('corsi di stampa 3d a viadana');   // POST /api/messages with a valid token
 *   const answer = await maria.nextReplies();           // what the connector received since
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { createLogger } from '../../app/logger.js';
import { startOrienta, type Orienta } from '../../app/orienta.js';
import { listen, type RunningServer } from '../../adapters/server.js';
import { createHttpApp } from '../../app/http-app.js';
import { FakeBotFramework, type SentActivity } from './fake-botframework.js';
import { REFERENCE_NOW } from './sample-store.js';

export const APP_ID = '7d2b6c1e-4f3a-4b8e-9c21-5a6f0e3d1b42';
export const APP_PASSWORD = 'fake-client-secret';

/** Teams talking to an app's /api/messages, as the Bot Framework would. */
export interface TeamsClient {
  fake: FakeBotFramework;
  person(name: string, options?: { locale?: string; conversation?: string }): TeamsPerson;
  post(activity: object, token?: string | null): Promise<Response>;
}

export interface TeamsApp extends TeamsClient {
  orienta: Orienta;
  url: string;
  logs: string[];
  turns(): Promise<number>;
  close(): Promise<void>;
}

/** People writing from Teams to the app at `url`, with tokens the fake Bot Framework signs. */
export function teamsClient(fake: FakeBotFramework, url: string): TeamsClient {
  const client: TeamsClient = {
    fake,
    post: (activity, token = fake.channelToken()) =>
      fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) }, body: JSON.stringify(activity) }),
    person: (name, options = {}) => new TeamsPerson(client, name, options.locale ?? 'it-IT', options.conversation ?? `a:conv-${name}`),
  };
  return client;
}

let counter = 0;

export async function startTeamsApp(): Promise<TeamsApp> {
  const fake = await FakeBotFramework.start({ appId: APP_ID, appPassword: APP_PASSWORD });
  const dataDir = mkdtempSync(join(tmpdir(), 'orienta-teams-'));
  const config = loadConfig(
    {},
    {
      ORIENTA_DATA_DIR: dataDir,
      ORIENTA_NOW: REFERENCE_NOW.toISOString(),
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: APP_PASSWORD,
      TEAMS_OPENID_METADATA_URL: fake.openIdMetadataUrl,
      TEAMS_LOGIN_URL: fake.loginUrl,
      PURGE_INTERVAL_MINUTES: '0',
    } as Record<string, string>,
  );
  const logs: string[] = [];
  const logger = createLogger('info', { destination: { write: (line: string) => void logs.push(line) } });
  const orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
  let server: RunningServer;
  try {
    server = await listen(createHttpApp(orienta), 0, '127.0.0.1');
  } catch (error) {
    await orienta.close();
    throw error;
  }
  const url = `http://127.0.0.1:${server.port}`;
  const app: TeamsApp = {
    ...teamsClient(fake, url),
    orienta,
    url,
    logs,
    turns: async () => (await orienta.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM turns'))[0]!.n,
    close: async () => {
      await server.close();
      await orienta.kit.drain();
      await orienta.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** Someone writing to the bot in a personal chat. */
export class TeamsPerson {
  private seen = 0;

  constructor(
    private readonly app: TeamsClient,
    readonly name: string,
    readonly locale: string,
    readonly conversationId: string,
  ) {}

  get aadObjectId(): string {
    return `aad-${this.name}`;
  }
  get userId(): string {
    return `teams:${this.aadObjectId}`;
  }

  activity(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      type: 'message',
      id: `${Date.now()}${++counter}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.app.fake.serviceUrl,
      from: { id: `29:${this.name}`, name: `${this.name[0]!.toUpperCase()}${this.name.slice(1)} Bianchi`, aadObjectId: this.aadObjectId },
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: 'tenant-lto' },
      recipient: { id: `28:${APP_ID}`, name: 'Orienta' },
      locale: this.locale,
      ...extra,
    };
  }

  /** Posts an activity and checks it was taken (200). */
  async send(activity: Record<string, unknown>): Promise<void> {
    const res = await this.app.post(activity);
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
  }

  say(text: string): Promise<void> {
    return this.send(this.activity({ text }));
  }

  /** An Adaptive Card's Action.Submit: its data and inputs arrive as `value`. */
  submit(value: Record<string, unknown>): Promise<void> {
    return this.send(this.activity({ value }));
  }

  /** What the connector received on this person's conversation since the last call. */
  replies(): SentActivity[] {
    const all = this.app.fake.to(this.conversationId);
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }
}

/** Everything readable in some activities: texts, card texts, facts, buttons, inputs. */
export function readableActivities(sent: SentActivity[]): string {
  return JSON.stringify(sent.map((s) => s.activity));
}

/** The Adaptive Cards in some activities. */
export function cardsIn(sent: SentActivity[]): any[] {
  return sent.flatMap((s) => (s.activity.attachments ?? []).filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a: any) => a.content));
}

/** The `data` of every Action.Submit in some cards, wherever it sits. */
export function submitsIn(cards: any[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Submit') out.push(node.data);
    for (const v of Object.values(node)) walk(v);
  };
  cards.forEach(walk);
  return out;
}
