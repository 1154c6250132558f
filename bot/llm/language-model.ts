/**
 * The port the conversation engine talks to when an LLM is configured. Kept to what the tool loop
 * needs (messages, function tools, cancellation) so any OpenAI-compatible server, or a fake, fits.
 */
export interface ToolCall {
  id: string;
  name: string;
  /** The model's raw JSON text: it is validated by the caller, never trusted. */
  arguments: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** On an assistant message that asked for tools. */
  toolCalls?: ToolCall[];
  /** On a tool message: the call it answers. */
  toolCallId?: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments object. */
  parameters: object;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** 'none' keeps the tools visible (the history refers to them) but asks for a final answer. */
  toolChoice?: 'auto' | 'none';
  signal?: AbortSignal;
}

export interface ChatResponse {
  content: string | null;
  toolCalls: ToolCall[];
}

export interface LanguageModel {
  readonly model: string;
  /** Rejects with a LanguageModelError on any failure, including an aborted signal. */
  chat(request: ChatRequest): Promise<ChatResponse>;
}

export type LanguageModelFailure = 'timeout' | 'aborted' | 'http' | 'connection' | 'malformed';

export class LanguageModelError extends Error {
  override readonly name = 'LanguageModelError';
  constructor(
    readonly failure: LanguageModelFailure,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
  readonly status: number | undefined;
}
