import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAi, reply } from '../../test/support/fake-openai.js';
import { LanguageModelError } from './language-model.js';
import { OpenAiLanguageModel } from './openai-language-model.js';
import { TOOL_SPECS } from './tools.js';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await FakeOpenAi.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const model = (o: { timeoutMs?: number; maxRetries?: number; apiKey?: string } = {}) => new OpenAiLanguageModel({ baseURL: fake.baseURL, model: 'fake-chat', ...o });

async function failure(p: Promise<unknown>): Promise<LanguageModelError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(LanguageModelError);
    return error as LanguageModelError;
  }
  throw new Error('expected a rejection');
}

describe('OpenAiLanguageModel', () => {
  it('sends messages, tools and tool results in the OpenAI shape', async () => {
    fake.enqueue(reply.message('Ciao!'));
    const answer = await model({ apiKey: 'sk-test' }).chat({
      messages: [
        { role: 'system', content: 'regole' },
        { role: 'user', content: 'corsi?' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'search', arguments: '{"query":"corsi"}' }] },
        { role: 'tool', toolCallId: 'c1', content: '{"results":[]}' },
      ],
      tools: TOOL_SPECS,
      toolChoice: 'none',
    });
    expect(answer).toEqual({ content: 'Ciao!', toolCalls: [] });
    const [request] = fake.chatRequests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer sk-test');
    expect(request!.body).toMatchObject({
      model: 'fake-chat',
      tool_choice: 'none',
      messages: [
        { role: 'system', content: 'regole' },
        { role: 'user', content: 'corsi?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search', arguments: '{"query":"corsi"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"results":[]}' },
      ],
    });
    expect(request!.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['search', 'details', 'list_slots', 'propose_booking', 'handoff']);
    expect(request!.body.tools[0].function.parameters).toMatchObject({ type: 'object', required: ['query'] });
    expect(request!.body.tools[0].function.parameters.$schema).toBeUndefined();
  });

  it('returns tool calls with their raw arguments', async () => {
    fake.enqueue(reply.toolCalls([{ name: 'details', arguments: { kind: 'course', id: 'C001' }, id: 'x1' }, { name: 'search', arguments: '{not json' }]));
    const answer = await model().chat({ messages: [{ role: 'user', content: 'C001?' }], tools: TOOL_SPECS });
    expect(answer.content).toBeNull();
    expect(answer.toolCalls).toEqual([
      { id: 'x1', name: 'details', arguments: '{"kind":"course","id":"C001"}' },
      { id: expect.any(String), name: 'search', arguments: '{not json' },
    ]);
  });

  it('omits tools when none are given', async () => {
    fake.enqueue(reply.message('ok'));
    await model().chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(fake.chatRequests[0]!.body.tools).toBeUndefined();
    expect(fake.chatRequests[0]!.body.tool_choice).toBeUndefined();
  });

  it('fails with "http" on a 500, without retrying by default', async () => {
    fake.enqueue(reply.status(500));
    const error = await failure(model().chat({ messages: [{ role: 'user', content: 'x' }] }));
    expect(error.failure).toBe('http');
    expect(error.status).toBe(500);
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('retries once when asked to', async () => {
    fake.enqueue(reply.status(503), reply.message('ok'));
    expect((await model({ maxRetries: 1 }).chat({ messages: [{ role: 'user', content: 'x' }] })).content).toBe('ok');
    expect(fake.chatRequests).toHaveLength(2);
  });

  it('fails with "malformed" on a body that is not JSON or has no message', async () => {
    fake.enqueue(reply.malformed(), reply.json({ id: 'x', choices: [] }), reply.json('just text'));
    for (let i = 0; i < 3; i++) expect((await failure(model().chat({ messages: [{ role: 'user', content: 'x' }] }))).failure).toBe('malformed');
  });

  it('fails with "timeout" when the server never answers', async () => {
    fake.enqueue(reply.hang());
    const started = Date.now();
    expect((await failure(model({ timeoutMs: 200 }).chat({ messages: [{ role: 'user', content: 'x' }] }))).failure).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails with "aborted" when the signal fires while the request is out', async () => {
    const controller = new AbortController();
    // Fired once the fake has the request, which it then never answers.
    fake.enqueue(() => (controller.abort(), reply.hang()));
    expect((await failure(model().chat({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal }))).failure).toBe('aborted');
  });

  it('fails with "connection" when nothing listens', async () => {
    const error = await failure(new OpenAiLanguageModel({ baseURL: 'http://127.0.0.1:1/v1', model: 'x' }).chat({ messages: [{ role: 'user', content: 'x' }] }));
    expect(error.failure).toBe('connection');
  });
});

describe('FakeOpenAi', () => {
  it('answers /chat/completions too, from a function of the request', async () => {
    fake.fallback = (request) => reply.message(`echo ${request.body.messages.at(-1).content}`);
    const answer = await new OpenAiLanguageModel({ baseURL: fake.origin, model: 'm' }).chat({ messages: [{ role: 'user', content: 'ciao' }] });
    expect(answer.content).toBe('echo ciao');
    expect(fake.requests[0]!.path).toBe('/chat/completions');
  });

  it('serves embeddings replies and says when nothing was scripted', async () => {
    fake.enqueue(reply.embeddings([[1, 2]]));
    const ok = await fetch(`${fake.baseURL}/embeddings`, { method: 'POST', body: JSON.stringify({ model: 'e', input: ['a'] }) });
    expect((await ok.json()).data[0].embedding).toEqual([1, 2]);
    const unscripted = await fetch(`${fake.baseURL}/embeddings`, { method: 'POST', body: '{}' });
    expect(unscripted.status).toBe(500);
    expect((await unscripted.json()).error.message).toContain('no reply scripted for POST /v1/embeddings');
  });
});
