import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { LanguageModelError, type ChatMessage, type ChatRequest, type ChatResponse, type LanguageModel, type ToolCall } from './language-model.js';

export interface OpenAiLanguageModelOptions {
  baseURL: string;
  apiKey?: string;
  model: string;
  /** Per request; the turn has its own, shorter-or-equal deadline. */
  timeoutMs?: number;
  /** A chat turn has a user waiting and a template answer ready: retrying is rarely worth the wait. */
  maxRetries?: number;
}

// Servers that call themselves OpenAI-compatible differ in the details: only what the loop needs is
// required, so a missing `usage` or `id` is fine but a missing message is "malformed".
const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                type: z.string().nullish(),
                function: z.object({ name: z.string(), arguments: z.string().nullish() }).nullish(),
              }),
            )
            .nullish(),
        }),
      }),
    )
    .min(1),
});

/** Any OpenAI-compatible chat completions endpoint (OpenAI, Azure, Ollama, vLLM, llama.cpp…). */
export class OpenAiLanguageModel implements LanguageModel {
  readonly model: string;
  private readonly client: OpenAI;

  constructor(options: OpenAiLanguageModelOptions) {
    this.model = options.model;
    this.client = new OpenAI({
      baseURL: options.baseURL,
      // Local servers ignore the key, but the SDK refuses to start without one.
      apiKey: options.apiKey || 'not-needed',
      timeout: options.timeoutMs ?? 8_000,
      maxRetries: options.maxRetries ?? 0,
    });
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    let raw: unknown;
    try {
      raw = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages.map(toOpenAi),
          ...(request.tools?.length
            ? { tools: request.tools.map((t): ChatCompletionTool => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters as Record<string, unknown> } })), tool_choice: request.toolChoice ?? 'auto' }
            : {}),
          stream: false,
        },
        { signal: request.signal },
      );
    } catch (cause) {
      throw toModelError(cause, this.client.baseURL, this.model);
    }
    const parsed = completionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new LanguageModelError('malformed', `The chat endpoint (${this.client.baseURL}, model ${this.model}) returned no usable message.`);
    }
    const message = parsed.data.choices[0]!.message;
    const toolCalls: ToolCall[] = (message.tool_calls ?? [])
      .filter((c) => c.function && (c.type ?? 'function') === 'function')
      .map((c, i) => ({ id: c.id || `call_${i}`, name: c.function!.name, arguments: c.function!.arguments ?? '' }));
    return { content: message.content ?? null, toolCalls };
  }
}

function toOpenAi(m: ChatMessage): ChatCompletionMessageParam {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      return { role: 'user', content: m.content };
    case 'tool':
      return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
    case 'assistant':
      return m.toolCalls?.length
        ? { role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
        : { role: 'assistant', content: m.content };
  }
}

function toModelError(cause: unknown, baseURL: string, model: string): LanguageModelError {
  const where = `(${baseURL}, model ${model})`;
  if (cause instanceof OpenAI.APIUserAbortError) return new LanguageModelError('aborted', `The chat request ${where} was cancelled.`, { cause });
  if (cause instanceof OpenAI.APIConnectionTimeoutError) return new LanguageModelError('timeout', `The chat endpoint ${where} did not answer in time.`, { cause });
  if (cause instanceof OpenAI.APIConnectionError) return new LanguageModelError('connection', `The chat endpoint ${where} is unreachable: ${cause.message}`, { cause });
  if (cause instanceof OpenAI.APIError) return new LanguageModelError('http', `The chat endpoint ${where} answered ${cause.status ?? '?'}: ${cause.message}`, { cause, status: cause.status });
  // A body that is not JSON surfaces as a SyntaxError from the SDK's parser.
  return new LanguageModelError('malformed', `The chat endpoint ${where} returned an unreadable response: ${(cause as Error)?.message ?? cause}`, { cause });
}
