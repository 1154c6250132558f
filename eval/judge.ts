import OpenAI from 'openai';
import { z } from 'zod';
import type { Config } from '../app/config.js';
import { OrientaError } from '../domain/errors.js';

export interface JudgeInput {
  question: string;
  answer: string;
  /** The cited records as text: what the answer may rely on. */
  sources: string[];
}

export interface Verdict {
  /** 1–5: every fact of the answer is in the sources (5) … the answer invents (1). */
  faithfulness: number;
  /** 1–5: it answers what was asked (5) … it is beside the point (1). */
  relevance: number;
  reason?: string;
}

export interface Judge {
  rate(input: JudgeInput): Promise<Verdict>;
}

const SYSTEM = [
  'You grade the answers of Orienta, the orientation assistant of the LTO Mantova network (courses, lab sites, job services).',
  'You get the user question, the assistant answer and the catalogue records the answer cites.',
  'Rate two things from 1 (worst) to 5 (best):',
  '- faithfulness: every date, place, price, contact and claim of the answer is supported by the records; an answer that says it does not know and invents nothing is faithful (5).',
  '- relevance: the answer addresses what the user asked; a polite refusal of an out-of-scope question is relevant (5).',
  'Reply with one JSON object and nothing else: {"faithfulness": <1-5>, "relevance": <1-5>, "reason": "<one short sentence>"}',
].join('\n');

const Scores = z.object({
  faithfulness: z.coerce.number().int().min(1).max(5),
  relevance: z.coerce.number().int().min(1).max(5),
  reason: z.string().max(1000).optional(),
});

// A judge prompt is long enough with a few records; the answer cites at most a handful anyway.
const MAX_SOURCES_CHARS = 12_000;

/** An LLM as a judge, on any OpenAI-compatible chat endpoint (the LLM_* settings). */
export class OpenAiJudge implements Judge {
  private readonly client: OpenAI;

  constructor(private readonly o: { baseURL: string; model: string; apiKey?: string; timeoutMs?: number }) {
    // Local servers ignore the key, but the SDK refuses to start without one.
    this.client = new OpenAI({ baseURL: o.baseURL, apiKey: o.apiKey || 'not-needed', timeout: o.timeoutMs ?? 30_000, maxRetries: 1 });
  }

  static fromConfig(config: Config): OpenAiJudge {
    if (!config.LLM_BASE_URL || !config.LLM_MODEL) {
      throw new OrientaError(
        'CONFIG_INVALID',
        '--llm-judge needs an OpenAI-compatible chat endpoint: set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if it asks for one), e.g. LLM_BASE_URL=http://127.0.0.1:11434/v1 LLM_MODEL=llama3.1, or run without --llm-judge',
      );
    }
    // Judging takes longer than a chat turn may: a few times the turn's budget.
    return new OpenAiJudge({ baseURL: config.LLM_BASE_URL, model: config.LLM_MODEL, apiKey: config.LLM_API_KEY, timeoutMs: Math.max(config.LLM_TIMEOUT_MS * 3, 20_000) });
  }

  async rate(input: JudgeInput): Promise<Verdict> {
    let sources = input.sources.map((s, i) => `[${i + 1}] ${s}`).join('\n\n') || '(the answer cites no record)';
    if (sources.length > MAX_SOURCES_CHARS) sources = `${sources.slice(0, MAX_SOURCES_CHARS)}\n…`;
    let content: string | null | undefined;
    try {
      const completion = await this.client.chat.completions.create({
        model: this.o.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Question:\n${input.question}\n\nAnswer:\n${input.answer}\n\nCited records:\n${sources}` },
        ],
      });
      content = completion.choices?.[0]?.message?.content;
    } catch (error) {
      throw new Error(`the judge endpoint (${this.o.baseURL}, model ${this.o.model}) failed: ${(error as Error).message.split('\n')[0]}`);
    }
    return parseVerdict(content ?? '');
  }
}

/** The first JSON object of the reply: models like to wrap it in prose or a code fence. */
export function parseVerdict(content: string): Verdict {
  const match = content.match(/\{[\s\S]*?\}/);
  let json: unknown;
  try {
    json = match ? JSON.parse(match[0]) : undefined;
  } catch {
    json = undefined;
  }
  const parsed = Scores.safeParse(json);
  if (!parsed.success) throw new Error(`the judge did not reply with {"faithfulness": 1-5, "relevance": 1-5}: ${JSON.stringify(content.slice(0, 120))}`);
  return parsed.data;
}
