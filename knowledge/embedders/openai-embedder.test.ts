import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OrientaError } from '../../domain/errors.js';
import { OpenAiEmbedder } from './openai-embedder.js';

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { model: string; input: string[]; encoding_format?: string };
}

/** Deterministic vector for a text: its char codes, summed into `dims` buckets. */
function vectorFor(text: string, dims: number): number[] {
  const v = Array.from({ length: dims }, (_, i) => i / 100);
  for (let i = 0; i < text.length; i++) v[i % dims]! += text.charCodeAt(i);
  return v;
}

const server = {
  requests: [] as Recorded[],
  dims: 8,
  shuffle: false,
  status: 200,
  instance: undefined as Server | undefined,
  baseURL: '',
};

function handle(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const body = raw ? (JSON.parse(raw) as Recorded['body']) : ({} as Recorded['body']);
    server.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') return send(404, { error: { message: 'not found' } });
    if (server.status !== 200) {
      // retry-after-ms keeps the client's retries of a 5xx immediate.
      return send(server.status, { error: { message: `fake failure ${server.status}`, type: 'server_error' } }, { 'retry-after-ms': '1' });
    }
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: vectorFor(text, server.dims) }));
    if (server.shuffle) data.reverse();
    send(200, { object: 'list', data, model: body.model, usage: { prompt_tokens: 0, total_tokens: 0 } });
  });
}

beforeAll(async () => {
  server.instance = createServer(handle);
  await new Promise<void>((resolve) => server.instance!.listen(0, '127.0.0.1', resolve));
  const { port } = server.instance.address() as AddressInfo;
  server.baseURL = `http://127.0.0.1:${port}/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => server.instance?.close(resolve));
});

beforeEach(() => {
  server.requests = [];
  server.dims = 8;
  server.shuffle = false;
  server.status = 200;
});

async function rejection(promise: Promise<unknown>): Promise<OrientaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OrientaError);
    return error as OrientaError;
  }
  throw new Error('expected a rejection');
}

describe('OpenAiEmbedder', () => {
  it('probes the dimensions on create and names them in its id', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    expect(embedder.dimensions).toBe(8);
    expect(embedder.id).toBe('openai:fake-embed:8');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/embeddings',
      authorization: 'Bearer not-needed',
      body: { model: 'fake-embed', input: ['orientamento'], encoding_format: 'float' },
    });
  });

  it('does not probe when the dimensions are given', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed', dimensions: 8, apiKey: 'sk-test' });
    expect(embedder.id).toBe('openai:fake-embed:8');
    expect(server.requests).toHaveLength(0);
    await embedder.embed(['x']);
    expect(server.requests[0]!.authorization).toBe('Bearer sk-test');
  });

  it('sends the model and inputs and returns the vectors', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    server.requests = [];
    const texts = ['corso di saldatura', 'contabilità', 'fablab'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toEqual(texts.map((t) => vectorFor(t, 8)));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toEqual({ model: 'fake-embed', input: texts, encoding_format: 'float' });
  });

  it('returns vectors in input order when the server shuffles them', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    server.shuffle = true;
    const texts = ['alpha', 'beta', 'gamma', 'delta'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toEqual(texts.map((t) => vectorFor(t, 8)));
    expect(vectors[0]).not.toEqual(vectors[3]);
  });

  it('does not call the server for no texts', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    server.requests = [];
    expect(await embedder.embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects with EMBEDDER_FAILED when the server answers 500, after the client retries', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    server.requests = [];
    server.status = 500;
    const started = Date.now();
    const error = await rejection(embedder.embed(['saldatura']));
    expect(error.code).toBe('EMBEDDER_FAILED');
    expect(error.message).toContain('model fake-embed');
    expect(error.message).toContain(server.baseURL);
    expect(server.requests).toHaveLength(3); // one call and maxRetries 2
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects with EMBEDDER_FAILED when the server answers 400, without retrying', async () => {
    server.status = 400;
    const error = await rejection(OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' }));
    expect(error.code).toBe('EMBEDDER_FAILED');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with EMBEDDER_FAILED when a later call returns another dimension count', async () => {
    const embedder = await OpenAiEmbedder.create({ baseURL: server.baseURL, model: 'fake-embed' });
    server.dims = 5;
    const error = await rejection(embedder.embed(['saldatura']));
    expect(error.code).toBe('EMBEDDER_FAILED');
    expect(error.message).toContain('5 dimensions instead of 8');
  });

  it('rejects with EMBEDDER_FAILED when nothing listens', async () => {
    const error = await rejection(OpenAiEmbedder.create({ baseURL: 'http://127.0.0.1:1/v1', model: 'fake-embed', dimensions: 8 }).then((e) => e.embed(['x'])));
    expect(error.code).toBe('EMBEDDER_FAILED');
  });
});
