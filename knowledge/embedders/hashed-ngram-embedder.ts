import { STOPWORDS } from '../../text/stopwords.js';
import { words } from '../../text/normalize.js';
import type { Embedder } from './embedder.js';

/**
 * The default embedder: needs no network and no model. Words, word prefixes (a crude stem that
 * puts "saldatura" near "saldatore") and character trigrams (typos) are hashed into a fixed
 * number of signed buckets, then L2-normalised, so cosine similarity measures shared features.
 */
export class HashedNgramEmbedder implements Embedder {
  readonly id: string;

  constructor(readonly dimensions = 256) {
    this.id = `hashed-ngrams-v1-${dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): number[] {
    const v = new Float64Array(this.dimensions);
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      v[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
    };
    for (const w of words(text)) {
      if (STOPWORDS.has(w)) continue;
      add(`w:${w}`, 1);
      if (w.length > 5) add(`p:${w.slice(0, 5)}`, 0.8);
      const padded = `#${w}#`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.25);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => Math.round((x / norm) * 1e6) / 1e6);
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
