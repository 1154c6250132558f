import OpenAI from 'openai';
import { OrientaError } from '../../domain/errors.js';
import type { Embedder } from './embedder.js';

export interface OpenAiEmbedderOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Known up front or measured with one probe call by `create`. */
  dimensions?: number;
}

/** Any OpenAI-compatible embeddings endpoint (OpenAI, Azure, Ollama, vLLM…). */
export class OpenAiEmbedder implements Embedder {
  readonly id: string;

  private constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    readonly dimensions: number,
  ) {
    this.id = `openai:${model}:${dimensions}`;
  }

  static async create(options: OpenAiEmbedderOptions): Promise<OpenAiEmbedder> {
    const client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'not-needed', maxRetries: 2, timeout: 30_000 });
    let dimensions = options.dimensions;
    if (!dimensions) {
      const probe = await call(client, options.model, ['orientamento']);
      dimensions = probe[0]!.length;
    }
    return new OpenAiEmbedder(client, options.model, dimensions);
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await call(this.client, this.model, texts);
    for (const v of vectors) {
      if (v.length !== this.dimensions) {
        throw new OrientaError('EMBEDDER_FAILED', `The embeddings endpoint returned ${v.length} dimensions instead of ${this.dimensions}; check EMBEDDINGS_MODEL.`);
      }
    }
    return vectors;
  }
}

async function call(client: OpenAI, model: string, texts: readonly string[]): Promise<number[][]> {
  try {
    const response = await client.embeddings.create({ model, input: [...texts], encoding_format: 'float' });
    return [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
  } catch (cause) {
    throw new OrientaError('EMBEDDER_FAILED', `The embeddings endpoint failed (${client.baseURL}, model ${model}): ${(cause as Error)?.message ?? cause}. Check EMBEDDINGS_BASE_URL, EMBEDDINGS_MODEL and EMBEDDINGS_API_KEY.`, { cause });
  }
}
