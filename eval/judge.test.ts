import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { isOrientaError } from '../domain/errors.js';
import { FakeOpenAi, reply, type FakeRequest } from '../test/support/fake-openai.js';
import { OpenAiJudge, parseVerdict } from './judge.js';
import { runEval } from './run-eval.js';

const isJudge = (r: FakeRequest) => JSON.stringify(r.body?.messages?.[0] ?? '').includes('You grade the answers of Orienta');

describe('LLM as a judge', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await FakeOpenAi.start();
  });
  afterAll(() => fake?.close());

  it('reads the verdict however the model wraps it, and refuses anything else', () => {
    expect(parseVerdict('{"faithfulness": 5, "relevance": 4, "reason": "ok"}')).toEqual({ faithfulness: 5, relevance: 4, reason: 'ok' });
    expect(parseVerdict('Sure!\n```json\n{"faithfulness": "3", "relevance": 2}\n```')).toEqual({ faithfulness: 3, relevance: 2 });
    expect(() => parseVerdict('I think it is fine.')).toThrow(/did not reply with \{"faithfulness": 1-5, "relevance": 1-5\}: "I think it is fine\."/);
    expect(() => parseVerdict('{"faithfulness": 9, "relevance": 4}')).toThrow(/did not reply with/);
  });

  it('asks the model with the question, the answer and the cited records', async () => {
    fake.reset();
    fake.enqueue(reply.message('{"faithfulness": 2, "relevance": 5, "reason": "the price is not in the records"}'));
    const judge = new OpenAiJudge({ baseURL: fake.baseURL, model: 'judge-model' });
    const verdict = await judge.rate({ question: 'quanto costa C008?', answer: 'Costa 90 €.', sources: ['course C008: cost 120'] });
    expect(verdict).toEqual({ faithfulness: 2, relevance: 5, reason: 'the price is not in the records' });
    const [request] = fake.chatRequests;
    expect(request!.body.model).toBe('judge-model');
    const user = request!.body.messages[1].content as string;
    expect(user).toContain('Question:\nquanto costa C008?');
    expect(user).toContain('Answer:\nCosta 90 €.');
    expect(user).toContain('[1] course C008: cost 120');
  });

  it('says which settings it needs when no model is configured', () => {
    try {
      OpenAiJudge.fromConfig(loadConfig({}));
      throw new Error('accepted');
    } catch (error) {
      expect(isOrientaError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toMatch(/^--llm-judge needs an OpenAI-compatible chat endpoint: set LLM_BASE_URL and LLM_MODEL/);
    }
  });

  it('rates every typed turn of a run and averages the scores; a bad verdict is that turn’s error', { timeout: 240_000 }, async () => {
    fake.reset();
    const verdicts = ['{"faithfulness": 5, "relevance": 4}', '{"faithfulness": 3, "relevance": 2}', 'no idea'];
    // The engine asks the same endpoint for its answers: it gets a failure and answers from its templates.
    fake.fallback = (r) => (isJudge(r) ? reply.message(verdicts.shift() ?? '{"faithfulness": 1, "relevance": 1}') : reply.status(500, 'not the judge'));
    const dir = mkdtempSync(join(tmpdir(), 'orienta-judge-'));
    writeFileSync(join(dir, 'cases.yaml'), 'cases:\n  - id: three-turns\n    turns:\n      - say: "corsi di stampa 3d a viadana"\n      - press: 1\n      - say: "quanto costa?"\n      - say: "grazie"\n');
    const config = loadConfig({ LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-judge' });
    const result = await runEval({ config, paths: [dir], judge: OpenAiJudge.fromConfig(config) });
    const turns = result.cases[0]!.turns;
    // The press is not a question of the person's: it is not judged.
    expect(turns.map((t) => t.judge ?? null)).toEqual([
      { faithfulness: 5, relevance: 4 },
      null,
      { faithfulness: 3, relevance: 2 },
      { error: expect.stringMatching(/^the judge did not reply with/) },
    ]);
    expect(result.metrics.judge).toEqual({ turns: 2, errors: 1, faithfulness: 4, relevance: 3 });
    const judged = fake.chatRequests.filter(isJudge);
    expect(judged).toHaveLength(3);
    expect(judged[0]!.body.messages[1].content).toContain('C008');
    expect(fake.chatRequests.length).toBeGreaterThan(3);
  });
});
