/**
 * A scripted OpenAI-compatible server on 127.0.0.1 for tests: real HTTP, so the real `openai` SDK
 * (timeouts, retries, error mapping) is what gets exercised. Non-streaming only.
 *
 *   const fake = await FakeOpenAi.start();
 *   fake.enqueue(reply.toolCall('search', { query: 'saldatura' }), reply.message('Il corso …'));
 *   new OpenAiLanguageModel({ baseURL: fake.baseURL, model: 'fake' });
 *   fake.requests[0].body.tools …
 *
 * Replies come from the queue first, then from `fallback` (a function of the request); with
 * neither, the server answers 500 naming the unscripted request so a test fails loudly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: any;
}

export interface FakeToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent verbatim (to script broken arguments). */
  arguments: object | string;
  id?: string;
}

type Timing = { delayMs?: number };
export type FakeReply = Timing &
  (
    | { kind: 'message'; content: string | null }
    | { kind: 'toolCalls'; calls: FakeToolCall[]; content?: string | null }
    /** Any JSON body (an embeddings response, an odd completion shape…). */
    | { kind: 'json'; body: unknown; status?: number; headers?: Record<string, string> }
    | { kind: 'status'; status: number; message?: string }
    /** 200, JSON content type, a body that is not JSON. */
    | { kind: 'malformed' }
    /** Holds the request open until the client gives up or the server closes. */
    | { kind: 'hang' }
  );

export type FakeScript = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export const reply = {
  message: (content: string | null, timing: Timing = {}): FakeReply => ({ kind: 'message', content, ...timing }),
  toolCall: (name: string, args: object | string, timing: Timing = {}): FakeReply => ({ kind: 'toolCalls', calls: [{ name, arguments: args }], ...timing }),
  toolCalls: (calls: FakeToolCall[], timing: Timing = {}): FakeReply => ({ kind: 'toolCalls', calls, ...timing }),
  status: (status: number, message?: string): FakeReply => ({ kind: 'status', status, message }),
  json: (body: unknown, status = 200): FakeReply => ({ kind: 'json', body, status }),
  malformed: (): FakeReply => ({ kind: 'malformed' }),
  hang: (): FakeReply => ({ kind: 'hang' }),
  embeddings: (vectors: number[][], model = 'fake-embed'): FakeReply => ({
    kind: 'json',
    body: { object: 'list', model, data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), usage: { prompt_tokens: 0, total_tokens: 0 } },
  }),
};

const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);

export class FakeOpenAi {
  readonly requests: FakeRequest[] = [];
  /** Used when the queue is empty. */
  fallback: FakeScript | undefined;
  private queue: (FakeReply | FakeScript)[] = [];
  private readonly open = new Set<ServerResponse>();
  private calls = 0;

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`, without `/v1`. */
    readonly origin: string,
  ) {}

  /** What to give the SDK as `baseURL`. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  /** Requests to the chat completions endpoint, in order. */
  get chatRequests(): FakeRequest[] {
    return this.requests.filter((r) => CHAT_PATHS.has(r.path.split('?')[0]!));
  }

  static async start(): Promise<FakeOpenAi> {
    let fake: FakeOpenAi | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeOpenAi(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Replies (or functions of the request) served in order, one per request. */
  enqueue(...replies: (FakeReply | FakeScript)[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Forgets requests, queue and fallback; hung requests are released. */
  reset(): void {
    this.requests.length = 0;
    this.queue = [];
    this.fallback = undefined;
    this.releaseHung();
  }

  get pending(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.releaseHung();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private releaseHung() {
    for (const res of this.open) res.destroy();
    this.open.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // kept as text: a test may want to see what a client sent
    }
    const request: FakeRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
    this.requests.push(request);
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      this.open.delete(res);
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };
    this.open.add(res);
    res.on('close', () => this.open.delete(res));

    let next: FakeReply;
    try {
      const item = this.queue.shift() ?? this.fallback;
      if (!item) return send(500, errorBody(`fake-openai: no reply scripted for ${request.method} ${request.path}`));
      next = typeof item === 'function' ? await item(request) : item;
    } catch (error) {
      return send(500, errorBody(`fake-openai: script failed: ${(error as Error).message}`));
    }
    if (next.kind === 'hang') return;
    if (next.delayMs) await new Promise((resolve) => setTimeout(resolve, next.delayMs));

    const isChat = CHAT_PATHS.has(request.path.split('?')[0]!);
    const model = (body as { model?: string } | undefined)?.model ?? 'fake';
    switch (next.kind) {
      case 'json':
        return send(next.status ?? 200, JSON.stringify(next.body), next.headers);
      case 'status':
        // retry-after-ms keeps a retrying client's wait short.
        return send(next.status, errorBody(next.message ?? `fake failure ${next.status}`), { 'retry-after-ms': '1' });
      case 'malformed':
        return send(200, '{"id": "chatcmpl-broken", "choices": [');
      case 'message':
      case 'toolCalls': {
        if (!isChat) return send(400, errorBody(`fake-openai: a chat reply was scripted for ${request.path}`));
        if ((body as { stream?: boolean } | undefined)?.stream) return send(400, errorBody('fake-openai: streaming is not supported'));
        return send(200, JSON.stringify(this.completion(model, next)));
      }
    }
  }

  private completion(model: string, next: Extract<FakeReply, { kind: 'message' | 'toolCalls' }>) {
    const n = ++this.calls;
    const message =
      next.kind === 'message'
        ? { role: 'assistant', content: next.content }
        : {
            role: 'assistant',
            content: next.content ?? null,
            tool_calls: next.calls.map((c, i) => ({
              id: c.id ?? `call_${n}_${i}`,
              type: 'function',
              function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
            })),
          };
    return {
      id: `chatcmpl-fake-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message, finish_reason: next.kind === 'message' ? 'stop' : 'tool_calls', logprobs: null }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    };
  }
}

function errorBody(message: string): string {
  return JSON.stringify({ error: { message, type: 'server_error', code: null } });
}
