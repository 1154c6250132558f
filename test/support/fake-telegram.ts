import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Telegram Bot API on 127.0.0.1 for the channel's tests, benchmarks and fuzzing: the methods
 * Orienta uses, with Telegram's rules where a mistake of ours would show (HTML that does not parse,
 * a message over 4096 characters, callback_data over 64 bytes, a bad link button), getUpdates with
 * real long-poll and offset semantics, every call recorded, and failures on demand.
 */

export const FAKE_TOKEN = '123456789:AAFakeTokenForOrientaTestsOnly_0123';

export interface RecordedCall {
  method: string;
  /** The JSON body, or the multipart fields (files as {filename, contentType, content}). */
  payload: Record<string, unknown>;
  at: number;
  /** What the fake answered: 200, an injected failure, a refusal; 0 while pending, or for a dropped connection. */
  status: number;
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Failure {
  /** 500 by default; 429 with `retryAfter`. Leave out with `delayMs` or `until` for a slow but good answer. */
  status?: number;
  retryAfter?: number;
  /** Waits this long before answering (or failing). */
  delayMs?: number;
  /** Holds the answer (or failure) until this settles: a slow platform the test lets go when it chooses. */
  until?: Promise<unknown>;
  /** Closes the connection without an answer. */
  drop?: boolean;
  /** How many calls in a row it hits (1). */
  times?: number;
}

export interface SentMessage {
  chatId: number;
  messageId: number;
  method: 'sendMessage' | 'sendDocument';
  text?: string;
  parseMode?: string;
  /** The text as a person sees it, markup parsed. */
  visible?: string;
  replyMarkup?: { inline_keyboard: InlineButton[][] };
  document?: UploadedFile;
  caption?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

interface Waiter {
  offset: number;
  limit: number;
  done(updates: unknown[]): void;
}

export interface PersonOptions {
  firstName?: string;
  languageCode?: string;
}

export class FakeTelegram {
  readonly token: string;
  readonly calls: RecordedCall[] = [];
  /** Updates not yet confirmed by a getUpdates offset. */
  readonly queue: { update_id: number }[] = [];
  webhook: { url: string; secret?: string } | null = null;
  commands = new Map<string, unknown[]>();
  readonly blocked = new Set<number>();
  /** Every call is recorded unless this is off (long soak runs). */
  record = true;
  private server!: Server;
  private baseUrl = '';
  private failures: { method: string; spec: Failure; left: number }[] = [];
  private waiters = new Set<Waiter>();
  readonly updates = new TelegramUpdates();
  private nextMessageId = new Map<number, number>();
  private messages = new Map<string, SentMessage>();
  private callbacks = new Set<string>();
  private answeredCallbacks = new Set<string>();
  private listeners = new Set<() => void>();

  private constructor(token: string) {
    this.token = token;
  }

  static async start(token = FAKE_TOKEN): Promise<FakeTelegram> {
    const fake = new FakeTelegram(token);
    fake.server = createServer((req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What TELEGRAM_API_ROOT must be. */
  get apiRoot(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.done([]);
    this.waiters.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ——— driving it ———

  /** Queues updates for getUpdates (an update_id is given to those without one) and returns them. */
  push<U extends Record<string, unknown>>(...updates: U[]): (U & { update_id: number })[] {
    const added = updates.map((u) => ({ ...u, update_id: typeof u.update_id === 'number' ? u.update_id : this.updates.nextId() }));
    this.queue.push(...added);
    this.wake();
    return added;
  }

  /** A private text message from a person (commands carry their bot_command entity). */
  text(chatId: number, text: string, person: PersonOptions = {}) {
    return this.updates.text(chatId, text, person);
  }

  location(chatId: number, latitude: number, longitude: number, person: PersonOptions = {}) {
    return this.updates.location(chatId, latitude, longitude, person);
  }

  /** A press of a button the bot sent: the message it is on, and its data. */
  press(chatId: number, button: { messageId: number; data: string }, person: PersonOptions = {}) {
    const update = this.updates.press(chatId, button, person, this.messages.get(`${chatId}:${button.messageId}`));
    this.callbacks.add(update.callback_query.id);
    return update;
  }

  /** The next calls of `method` ('*' for any) fail, or answer slowly, as told. */
  fail(method: string, spec: Failure = {}): void {
    this.failures.push({ method, spec, left: spec.times ?? 1 });
  }

  /** Posts an update to the webhook the bot set (or to `url`), with its secret unless told otherwise. */
  async deliver(update: unknown, options: { url?: string; secret?: string | null } = {}): Promise<Response> {
    const url = options.url ?? this.webhook?.url;
    if (!url) throw new Error('no webhook set and no url given');
    const secret = options.secret === undefined ? this.webhook?.secret : options.secret;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body: JSON.stringify(update) });
  }

  /** Forgets the calls and messages so far (between rounds of a long run); updates, webhook and failures stay. */
  clear(): void {
    this.calls.length = 0;
    this.messages.clear();
    this.answeredCallbacks.clear();
  }

  // ——— reading it ———

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** What the bot sent to a chat, in order (what a person would see). */
  sentTo(chatId: number): SentMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === chatId).sort((a, b) => a.messageId - b.messageId);
  }

  answered(callbackId: string): boolean {
    return this.answeredCallbacks.has(callbackId);
  }

  /** Resolves once `check` holds (checked after every call), or fails after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 20_000, what = 'the expected Bot API calls'): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined | false | null;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls: ${this.calls.map((c) => `${c.method}:${c.status}`).join(', ')}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(attempt);
      };
      this.listeners.add(attempt);
      attempt();
    });
  }

  /** Waits until `chatId` has received at least `n` messages and returns them all. */
  waitForMessages(chatId: number, n: number, timeoutMs?: number): Promise<SentMessage[]> {
    return this.waitFor(() => {
      const sent = this.sentTo(chatId);
      return sent.length >= n ? sent : undefined;
    }, timeoutMs, `${n} messages to chat ${chatId}`);
  }

  // ——— the Bot API ———

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = req.url?.match(/^\/bot([^/]+)\/([A-Za-z]+)(?:\?.*)?$/);
    const body = await readBody(req);
    if (!match) return this.answer(res, null, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match;
    let payload: Record<string, unknown>;
    try {
      payload = await parsePayload(req.headers['content-type'] ?? '', body);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(400, 'Bad Request: unreadable body');
      const call: RecordedCall = { method: method!, payload: {}, at: Date.now(), status: 0 };
      this.note(call);
      return this.answer(res, call, e.code, { ok: false, error_code: e.code, description: e.description });
    }
    const call: RecordedCall = { method: method!, payload, at: Date.now(), status: 0 };
    // Recorded on arrival, so a test sees a long poll that is still open; the status follows with the answer.
    this.note(call);
    if (token !== this.token) return this.answer(res, call, 401, { ok: false, error_code: 401, description: 'Unauthorized' });

    const failure = this.failures.find((f) => f.left > 0 && (f.method === method || f.method === '*'));
    if (failure) {
      failure.left--;
      if (failure.spec.delayMs) await sleep(failure.spec.delayMs);
      if (failure.spec.until) await failure.spec.until.catch(() => {});
      if (failure.spec.drop) {
        req.socket.destroy();
        return;
      }
      const status = failure.spec.status ?? (failure.spec.delayMs || failure.spec.until ? undefined : 500);
      if (status) {
        const description = status === 429 ? `Too Many Requests: retry after ${failure.spec.retryAfter ?? 1}` : status >= 500 ? 'Internal Server Error' : 'Bad Request: injected';
        return this.answer(res, call, status, { ok: false, error_code: status, description, ...(status === 429 ? { parameters: { retry_after: failure.spec.retryAfter ?? 1 } } : {}) });
      }
    }
    try {
      const result = await this.method(method!, payload, req, res);
      if (result === WAITED_OUT) return;
      this.answer(res, call, 200, { ok: true, result });
    } catch (error) {
      const e = error as ApiError;
      if (!(e instanceof ApiError)) throw error;
      this.answer(res, call, e.code, { ok: false, error_code: e.code, description: e.description });
    }
  }

  private answer(res: ServerResponse, call: RecordedCall | null, status: number, body: unknown): void {
    if (call) call.status = status;
    if (!res.writableEnded && !res.destroyed) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
    this.changed();
  }

  private note(call: RecordedCall): void {
    if (this.record) this.calls.push(call);
    this.changed();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  private async method(method: string, p: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return { id: Number(this.token.split(':')[0]), is_bot: true, first_name: 'Orienta', username: 'OrientaTestBot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'getUpdates':
        return this.getUpdates(p, req, res);
      case 'setWebhook': {
        const url = String(p.url ?? '');
        if (!url) throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        this.webhook = url ? { url, ...(typeof p.secret_token === 'string' ? { secret: p.secret_token } : {}) } : null;
        return true;
      }
      case 'deleteWebhook':
        this.webhook = null;
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length };
      case 'setMyCommands': {
        const commands = typeof p.commands === 'string' ? JSON.parse(p.commands) : p.commands;
        if (!Array.isArray(commands) || commands.some((c) => !/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256)) throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
        this.commands.set(String(p.language_code ?? ''), commands);
        return true;
      }
      case 'sendChatAction':
        this.chat(p.chat_id);
        return true;
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id ?? '');
        if (!this.callbacks.has(id) || this.answeredCallbacks.has(id)) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.answeredCallbacks.add(id);
        return true;
      }
      case 'editMessageReplyMarkup': {
        const chatId = this.chat(p.chat_id);
        const message = this.messages.get(`${chatId}:${p.message_id}`);
        if (!message) throw new ApiError(400, 'Bad Request: message to edit not found');
        const markup = parseJson(p.reply_markup) as SentMessage['replyMarkup'];
        const empty = !markup || markup.inline_keyboard.length === 0;
        if (empty && !message.replyMarkup) throw new ApiError(400, 'Bad Request: message is not modified');
        if (markup && !empty) checkKeyboard(markup);
        if (empty) delete message.replyMarkup;
        else message.replyMarkup = markup;
        return { message_id: message.messageId, chat: { id: chatId, type: 'private' }, date: now() };
      }
      case 'sendMessage': {
        const chatId = this.chat(p.chat_id);
        const text = typeof p.text === 'string' ? p.text : '';
        const parseMode = typeof p.parse_mode === 'string' ? p.parse_mode : undefined;
        const visible = parseMode === 'HTML' ? parseTelegramHtml(text) : text;
        if (!visible.trim()) throw new ApiError(400, 'Bad Request: message text is empty');
        if (visible.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
        const markup = parseJson(p.reply_markup) as SentMessage['replyMarkup'];
        if (markup) checkKeyboard(markup);
        return this.store({ chatId, method: 'sendMessage', text, visible, ...(parseMode ? { parseMode } : {}), ...(markup ? { replyMarkup: markup } : {}) });
      }
      case 'sendDocument': {
        const chatId = this.chat(p.chat_id);
        const document = p.document as UploadedFile | undefined;
        if (!document || !Buffer.isBuffer(document.content)) throw new ApiError(400, 'Bad Request: there is no document in the request');
        if (document.content.length === 0) throw new ApiError(400, 'Bad Request: file must be non-empty');
        return this.store({ chatId, method: 'sendDocument', document, ...(typeof p.caption === 'string' ? { caption: p.caption } : {}) });
      }
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private getUpdates(p: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<unknown> | unknown {
    if (this.webhook) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.max(0, Number(p.timeout ?? 0));
    // An offset confirms every update before it: Telegram forgets them.
    if (offset > 0) {
      const before = this.queue.length;
      for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.update_id < offset) this.queue.splice(i, 1);
      // A confirmation is news too: a test waits for an update to be handled this way.
      if (this.queue.length < before) this.changed();
    }
    const ready = this.available(offset, limit);
    if (ready.length > 0 || timeout === 0) return ready;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        offset,
        limit,
        done: (updates) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(updates);
        },
      };
      const timer = setTimeout(() => waiter.done([]), timeout * 1000);
      this.waiters.add(waiter);
      // The poller gave up (shutdown, its own timeout): nobody is left to answer.
      res.on('close', () => {
        if (!res.writableEnded && this.waiters.has(waiter)) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(WAITED_OUT);
        }
      });
      void req;
    });
  }

  private available(offset: number, limit: number): unknown[] {
    return this.queue.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      const ready = this.available(w.offset, w.limit);
      if (ready.length) w.done(ready);
    }
  }

  private chat(raw: unknown): number {
    const id = Number(raw);
    if (!Number.isSafeInteger(id)) throw new ApiError(400, 'Bad Request: chat not found');
    if (this.blocked.has(id)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    return id;
  }

  private store(m: Omit<SentMessage, 'messageId'>): unknown {
    const messageId = (this.nextMessageId.get(m.chatId) ?? 0) + 1;
    this.nextMessageId.set(m.chatId, messageId);
    const sent = { ...m, messageId };
    this.messages.set(`${m.chatId}:${messageId}`, sent);
    return {
      message_id: messageId,
      date: now(),
      chat: { id: m.chatId, type: 'private' },
      ...(m.visible !== undefined ? { text: m.visible } : {}),
      ...(m.document ? { document: { file_id: `f-${messageId}`, file_unique_id: `u-${messageId}`, file_name: m.document.filename, mime_type: m.document.contentType, file_size: m.document.content.length } } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
    };
  }

}

/** Updates as Telegram sends them, from a person in a private chat (the chat id is their user id). */
export class TelegramUpdates {
  private next = 1000;

  nextId(): number {
    return this.next++;
  }

  text(chatId: number, text: string, person: PersonOptions = {}) {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return { update_id: this.next++, message: { ...this.messageBase(chatId, person), text, ...(entities ? { entities } : {}) } };
  }

  location(chatId: number, latitude: number, longitude: number, person: PersonOptions = {}) {
    return { update_id: this.next++, message: { ...this.messageBase(chatId, person), location: { latitude, longitude } } };
  }

  press(chatId: number, button: { messageId: number; data: string }, person: PersonOptions = {}, on?: SentMessage) {
    return {
      update_id: this.next++,
      callback_query: {
        id: `cb-${this.next}`,
        from: this.person(chatId, person),
        chat_instance: `ci-${chatId}`,
        data: button.data,
        message: { message_id: button.messageId, date: now(), chat: { id: chatId, type: 'private', first_name: person.firstName ?? 'Giulia' }, text: on?.visible ?? '', ...(on?.replyMarkup ? { reply_markup: on.replyMarkup } : {}) },
      },
    };
  }

  private messageBase(chatId: number, person: PersonOptions) {
    return { message_id: this.next, date: now(), from: this.person(chatId, person), chat: { id: chatId, type: 'private', first_name: person.firstName ?? 'Giulia' } };
  }

  private person(chatId: number, person: PersonOptions) {
    return { id: chatId, is_bot: false, first_name: person.firstName ?? 'Giulia', language_code: person.languageCode ?? 'it' };
  }
}

const WAITED_OUT = Symbol('waited out');

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const now = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parsePayload(contentType: string, body: Buffer): Promise<Record<string, unknown>> {
  if (body.length === 0) return {};
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const out: Record<string, unknown> = {};
    const fields: [string, string | File][] = [];
    form.forEach((value, key) => fields.push([key, value]));
    for (const [key, value] of fields) {
      out[key] = typeof value === 'string' ? value : { filename: value.name, contentType: value.type, content: Buffer.from(await value.arrayBuffer()) };
    }
    return out;
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'Bad Request: invalid JSON');
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object");
  }
}

function checkKeyboard(markup: { inline_keyboard?: unknown }): void {
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) throw new ApiError(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  const buttons = rows.flat() as InlineButton[];
  if (buttons.length > 100) throw new ApiError(400, 'Bad Request: too many inline keyboard buttons');
  for (const b of buttons) {
    if (!b || typeof b.text !== 'string' || !b.text.trim()) throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
    if (b.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(b.callback_data), 'utf8');
      if (bytes < 1 || bytes > 64) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
    } else if (b.url !== undefined) {
      if (!/^(https?:\/\/[^\s/]+\.[^\s]+|tg:\/\/\S+)$/.test(String(b.url))) throw new ApiError(400, 'Bad Request: BUTTON_URL_INVALID');
    } else throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
  }
}

const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'tg-spoiler', 'span', 'blockquote', 'tg-emoji']);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Telegram's HTML parse mode: the text a person sees, or the 400 Telegram gives for what it cannot parse. */
export function parseTelegramHtml(html: string): string {
  const open: string[] = [];
  let out = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const tag = html.slice(i).match(/^<(\/?)([a-z-]+)(\s[^<>]*)?>/);
      if (!tag || !HTML_TAGS.has(tag[2]!)) throw new ApiError(400, `Bad Request: can't parse entities: Unsupported start tag "${html.slice(i + 1, i + 12)}" at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
      if (tag[1]) {
        if (open.pop() !== tag[2]) throw new ApiError(400, `Bad Request: can't parse entities: Unmatched end tag at byte offset ${Buffer.byteLength(html.slice(0, i))}, expected "</${open.at(-1) ?? ''}>", found "</${tag[2]}>"`);
      } else open.push(tag[2]!);
      i += tag[0].length;
    } else if (ch === '&') {
      const entity = html.slice(i).match(/^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]+);/);
      if (!entity) throw new ApiError(400, `Bad Request: can't parse entities: Character '&' is reserved and must be escaped at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
      const name = entity[1]!;
      const decoded = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name];
      if (decoded === undefined) throw new ApiError(400, `Bad Request: can't parse entities: Unsupported HTML entity "&${name};"`);
      out += decoded;
      i += entity[0].length;
    } else if (ch === '>') {
      throw new ApiError(400, `Bad Request: can't parse entities: Character '>' must be escaped at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
    } else {
      out += ch;
      i++;
    }
  }
  if (open.length) throw new ApiError(400, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return out;
}
