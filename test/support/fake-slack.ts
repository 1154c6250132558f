import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Slack Web API on 127.0.0.1 for the real @slack/web-api client: it records every call, keeps
 * the messages it was asked to post (so chat.update and conversations.history behave), takes
 * files.uploadV2's three steps, and fails on demand (HTTP 5xx, 429 with Retry-After, a Slack
 * error, a delay). `SlackSender` is the other direction: it signs and posts events, button presses
 * and slash commands to our server the way Slack does. Both are meant for reuse (fuzz, soak).
 */

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  user: string;
  bot_id: string;
  ephemeralFor?: string;
}

export interface StoredUpload {
  fileId: string;
  filename: string;
  length: number;
  content: string;
  channel?: string;
  thread_ts?: string;
}

/** What one call to a method does instead of succeeding. */
export type SlackFault = { status: number } | { ratelimited: number } | { error: string } | { delayMs: number };

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Channel names (without #) the fake resolves to ids, as Slack does for chat.postMessage. */
  channels?: Record<string, string>;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly messages: StoredMessage[] = [];
  readonly uploads: StoredUpload[] = [];
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly faults = new Map<string, SlackFault[]>();
  private readonly channels: Record<string, string>;
  private seq = 0;
  private listeners = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: FakeSlackOptions,
  ) {
    this.teamId = options.teamId ?? 'T0TEAM';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    this.channels = options.channels ?? {};
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlack(server, (server.address() as AddressInfo).port, options);
    return fake;
  }

  /** SLACK_API_URL for the app under test. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The next calls to `method` fail like this, one fault per call, in order. */
  fail(method: string, ...faults: SlackFault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Posts (not ephemerals) in a channel, optionally only those in a thread, oldest first. */
  posted(channel: string, thread?: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.ephemeralFor && (thread === undefined || m.thread_ts === thread));
  }

  ephemerals(user: string): StoredMessage[] {
    return this.messages.filter((m) => m.ephemeralFor === user);
  }

  /** Resolves with the first truthy value of `probe`, re-checked after every call; rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000, what = 'the expected Slack calls'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (!value) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }

  /** Waits for the `n`th (1-based, counting from `since`) post in a channel. */
  nextPost(channel: string, since: number, options: { thread?: string; timeoutMs?: number } = {}): Promise<StoredMessage> {
    return this.waitFor(() => this.posted(channel, options.thread).slice(since)[0], options.timeoutMs, `a post in ${channel}`);
  }

  /** Forgets the calls, messages, uploads and pending faults (a soak run between rounds). */
  clear(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.uploads.length = 0;
    this.faults.clear();
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private nextTs(): string {
    this.seq += 1;
    return `${1_700_000_000 + this.seq}.${String(this.seq).padStart(6, '0')}`;
  }

  private channelId(channel: unknown): string {
    const name = String(channel ?? '').replace(/^#/, '');
    return this.channels[name] ?? name;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/upload/')) return this.upload(url.pathname.slice('/upload/'.length), raw, req.headers['content-type'] ?? '', res);
    if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw.toString('utf8'), req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    this.calls.push({ method, args, token, at: Date.now() });

    const fault = this.faults.get(method)?.shift();
    try {
      if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      else if (fault && 'status' in fault) return send(fault.status, { ok: false, error: 'fake_http_error' });
      else if (fault && 'ratelimited' in fault) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.ratelimited) });
      else if (fault && 'error' in fault) return send(200, { ok: false, error: fault.error });
      if (!token?.startsWith('xox')) return send(200, { ok: false, error: 'not_authed' });
      return send(200, this.answer(method, args));
    } finally {
      for (const listener of [...this.listeners]) listener();
    }
  }

  private answer(method: string, a: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'orienta', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case 'chat.postMessage': {
        if (!a.channel) return { ok: false, error: 'channel_not_found' };
        if (!a.text && !a.blocks) return { ok: false, error: 'no_text' };
        const m: StoredMessage = { channel: this.channelId(a.channel), ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, ...pickMessage(a) };
        this.messages.push(m);
        return { ok: true, channel: m.channel, ts: m.ts, message: { type: 'message', ...m } };
      }
      case 'chat.update': {
        const m = this.messages.find((x) => x.channel === this.channelId(a.channel) && x.ts === a.ts);
        if (!m) return { ok: false, error: 'message_not_found' };
        Object.assign(m, pickMessage(a));
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text };
      }
      case 'chat.postEphemeral': {
        const m: StoredMessage = { channel: this.channelId(a.channel), ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, ephemeralFor: String(a.user), ...pickMessage(a) };
        this.messages.push(m);
        return { ok: true, message_ts: m.ts };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(a.users ?? '').split(',')[0]}` } };
      case 'conversations.history': {
        const channel = this.channelId(a.channel);
        const found = this.messages.filter((m) => m.channel === channel && !m.ephemeralFor && (!a.latest || m.ts <= String(a.latest)) && (!a.oldest || m.ts >= String(a.oldest)));
        return { ok: true, messages: found.reverse().slice(0, Number(a.limit ?? 100)).map((m) => ({ type: 'message', ...m })), has_more: false };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${this.nextTs().replace('.', '')}`;
        this.uploads.push({ fileId, filename: String(a.filename), length: Number(a.length), content: '' });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(a.files) ? a.files : []) as { id: string; title?: string }[];
        for (const f of files) {
          const u = this.uploads.find((x) => x.fileId === f.id);
          if (!u) return { ok: false, error: 'file_not_found' };
          Object.assign(u, { channel: a.channel_id ? String(a.channel_id) : undefined, ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private async upload(fileId: string, raw: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const u = this.uploads.find((x) => x.fileId === fileId);
    this.calls.push({ method: 'upload', args: { fileId }, token: undefined, at: Date.now() });
    const fault = this.faults.get('upload')?.shift();
    if (!u || (fault && 'status' in fault)) {
      res.writeHead(fault && 'status' in fault ? fault.status : 404);
      res.end();
      return;
    }
    // The client sends the bytes as a multipart form field.
    if (contentType.includes('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
      let part: FormDataEntryValue | undefined;
      form.forEach((value) => (part ??= value));
      u.content = typeof part === 'string' ? part : Buffer.from(await (part as Blob).arrayBuffer()).toString('utf8');
    } else u.content = raw.toString('utf8');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${raw.length}`);
    for (const listener of [...this.listeners]) listener();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The WebClient sends a form whose object values are JSON strings; a few callers send JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // a text that only looks like JSON
      }
    }
    out[k] = v;
  }
  return out;
}

function pickMessage(a: Record<string, unknown>): Partial<StoredMessage> {
  return {
    ...(a.text !== undefined ? { text: String(a.text) } : {}),
    ...(Array.isArray(a.blocks) ? { blocks: a.blocks } : {}),
    ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}),
  };
}

/** Every text a Slack message shows: its blocks' texts, fields and button labels, or its plain text. */
export function shownText(m: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!m) return '';
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(m.blocks ?? []);
  return out.length ? out.join('\n') : (m.text ?? '');
}

/** The buttons of a message: action_id and value. */
export function buttonsOf(m: { blocks?: unknown[] } | undefined): { action_id: string; value?: string; text: string; url?: string; block_id?: string }[] {
  return ((m?.blocks ?? []) as { type: string; block_id?: string; elements?: { type: string; action_id: string; value?: string; url?: string; text: { text: string } }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button').map((e) => ({ action_id: e.action_id, text: e.text.text, ...(e.value !== undefined ? { value: e.value } : {}), ...(e.url ? { url: e.url } : {}), ...(b.block_id ? { block_id: b.block_id } : {}) })));
}

export interface SendOptions {
  /** Override or drop the signing headers, to test refusals. */
  timestamp?: number | null;
  signature?: string | null;
  secret?: string;
  retryNum?: number;
  retryReason?: string;
}

/** Posts to our server what Slack would, signed with the app's signing secret. */
export class SlackSender {
  private seq = 0;

  constructor(
    /** The app's Request URL, e.g. http://127.0.0.1:3000/slack/events */
    readonly target: string,
    readonly signingSecret: string,
    readonly teamId = 'T0TEAM',
  ) {}

  /** A fresh Slack-style timestamp ("1712345678.000100"). */
  ts(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  sign(body: string, timestamp: number, secret = this.signingSecret): string {
    return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  async post(body: string, contentType: string, o: SendOptions = {}): Promise<Response> {
    const timestamp = o.timestamp === undefined ? Math.floor(Date.now() / 1000) : o.timestamp;
    const headers: Record<string, string> = { 'content-type': contentType };
    if (timestamp !== null) headers['x-slack-request-timestamp'] = String(timestamp);
    const signature = o.signature === undefined ? (timestamp === null ? null : this.sign(body, timestamp, o.secret)) : o.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    if (o.retryNum !== undefined) headers['x-slack-retry-num'] = String(o.retryNum);
    if (o.retryReason) headers['x-slack-retry-reason'] = o.retryReason;
    return fetch(this.target, { method: 'POST', headers, body });
  }

  /** An Events API envelope around `event`; the same `eventId` twice is a retry. */
  event(event: Record<string, unknown>, o: SendOptions & { eventId?: string } = {}): Promise<Response> {
    const eventId = o.eventId ?? `Ev${Date.now().toString(36)}${++this.seq}`;
    const envelope = {
      token: 'legacy-verification-token',
      team_id: this.teamId,
      api_app_id: 'A0ORIENTA',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
    return this.post(JSON.stringify(envelope), 'application/json', o);
  }

  urlVerification(challenge: string, o: SendOptions = {}): Promise<Response> {
    return this.post(JSON.stringify({ token: 'legacy-verification-token', challenge, type: 'url_verification' }), 'application/json', o);
  }

  /** A direct message from `user` to the bot. */
  dm(user: string, text: string, o: SendOptions & { eventId?: string; ts?: string } = {}): Promise<Response> {
    const ts = o.ts ?? this.ts();
    return this.event({ type: 'message', channel: `D${user}`, channel_type: 'im', user, text, ts, event_ts: ts, client_msg_id: `m-${ts}`, team: this.teamId }, o);
  }

  mention(user: string, channel: string, text: string, o: SendOptions & { eventId?: string; thread_ts?: string } = {}): Promise<Response> {
    const ts = this.ts();
    return this.event({ type: 'app_mention', channel, user, text: `<@U0BOT> ${text}`, ts, event_ts: ts, ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}), team: this.teamId }, o);
  }

  /** A message in a channel's thread, as message.channels delivers it. */
  threadReply(user: string, channel: string, thread_ts: string, text: string, o: SendOptions & { eventId?: string } = {}): Promise<Response> {
    const ts = this.ts();
    return this.event({ type: 'message', channel, channel_type: 'channel', user, text, ts, event_ts: ts, thread_ts, team: this.teamId }, o);
  }

  /** A button press (block_actions) on `message` in `channel`. */
  press(user: string, channel: string, button: { action_id: string; value?: string; block_id?: string }, message: { ts: string; blocks?: unknown[]; text?: string; thread_ts?: string }, o: SendOptions = {}): Promise<Response> {
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: this.teamId },
      api_app_id: 'A0ORIENTA',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
      trigger_id: `${Date.now()}.${++this.seq}.trigger`,
      team: { id: this.teamId, domain: 'fake' },
      channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : channel },
      message: { type: 'message', user: 'U0BOT', bot_id: 'B0BOT', ts: message.ts, text: message.text ?? '', ...(message.blocks ? { blocks: message.blocks } : {}), ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) },
      response_url: 'https://hooks.slack.invalid/actions/T0/1/x',
      actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id ?? 'b', ...(button.value !== undefined ? { value: button.value } : {}), text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }],
    };
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o);
  }

  /** A slash command typed by `user` in `channel`. */
  command(user: string, channel: string, command: string, text = '', o: SendOptions = {}): Promise<Response> {
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: this.teamId,
      team_domain: 'fake',
      channel_id: channel,
      channel_name: channel,
      user_id: user,
      user_name: user.toLowerCase(),
      command,
      text,
      api_app_id: 'A0ORIENTA',
      response_url: 'https://hooks.slack.invalid/commands/T0/1/x',
      trigger_id: `${Date.now()}.${++this.seq}.trigger`,
    });
    return this.post(form.toString(), 'application/x-www-form-urlencoded', o);
  }
}
